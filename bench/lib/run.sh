#!/usr/bin/env bash
# benchmark_classpath <module>: builds the module (and what it needs) and prints the classpath of its
# test classes. run_benchmark <module> <main class>: runs the benchmark's main class from there, with
# BENCH_OPTS as JVM options.
# Benchmarked services run on the development secrets, which they serve only on loopback.
export SERVER_ADDRESS=${SERVER_ADDRESS:-127.0.0.1}
JAVA_BENCH_FLAGS=(--sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED -Xmx2g)

benchmark_classpath() {
  local module=$1
  ./mvnw -B -ntp -q -pl "$module" -am -DskipTests install \
    dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt > /dev/null
  echo "$module/target/test-classes:$module/target/classes:$(cat "$module/target/test-classpath.txt")"
}

run_benchmark() {
  local module=$1 main=$2 cp
  cp=$(benchmark_classpath "$module")
  # shellcheck disable=SC2086
  exec java "${JAVA_BENCH_FLAGS[@]}" ${BENCH_OPTS:-} -cp "$cp" "$main"
}
