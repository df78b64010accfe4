#!/usr/bin/env bash
# run_benchmark <module> <main class>: builds the module (and what it needs), then runs the
# benchmark's main class from the module's test classes, with BENCH_OPTS as JVM options.
run_benchmark() {
  local module=$1 main=$2
  ./mvnw -B -ntp -q -pl "$module" -am -DskipTests install \
    dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt > /dev/null
  local cp="$module/target/test-classes:$module/target/classes:$(cat "$module/target/test-classpath.txt")"
  # shellcheck disable=SC2086
  exec java --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED -Xmx2g ${BENCH_OPTS:-} -cp "$cp" "$main"
}
