#!/usr/bin/env bash
# world-directory benchmark (issue #4): GET /map-registry/map/{id} with 3 registered servers (wrk)
# against raw GET throughput of the same Redis (redis-benchmark), in one run. See BENCHMARKS.md.
# Options: BENCH_OPTS="-Dbench.seconds=10 -Dbench.rounds=5 -Dbench.connections=32"
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=../scripts/lib/java.sh
source scripts/lib/java.sh
# shellcheck source=lib/tools.sh
source bench/lib/tools.sh
need_tool wrk wrk
need_tool redis-benchmark redis-tools
./mvnw -B -ntp -q -pl world-directory -am -DskipTests install \
  dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt > /dev/null
cp="world-directory/target/test-classes:world-directory/target/classes:$(cat world-directory/target/test-classpath.txt)"
exec java --sun-misc-unsafe-memory-access=allow -Xmx1g ${BENCH_OPTS:-} -cp "$cp" com.mmorpg.worlddirectory.bench.LookupBenchmark
