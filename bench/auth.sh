#!/usr/bin/env bash
# auth-service benchmark (issue #3): raw bcrypt vs POST /auth/login, and GET /characters, over
# real HTTP against the real service on embedded PostgreSQL. Prints a table; see BENCHMARKS.md.
# Options as system properties: BENCH_OPTS="-Dbench.seconds=10 -Dbench.rounds=3 -Dbench.loginClients=16 -Dbench.readClients=32"
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=../scripts/lib/java.sh
source scripts/lib/java.sh
# shellcheck source=lib/tools.sh
source bench/lib/tools.sh
need_tool wrk wrk
./mvnw -B -ntp -q -pl auth-service -am -DskipTests install \
  dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt > /dev/null
cp="auth-service/target/test-classes:auth-service/target/classes:$(cat auth-service/target/test-classpath.txt)"
exec java --sun-misc-unsafe-memory-access=allow -Xmx1g ${BENCH_OPTS:-} -cp "$cp" com.mmorpg.auth.bench.AuthBenchmark
