#!/usr/bin/env bash
# gateway-service benchmark (issue #5): RSS/heap per 1,000 idle authenticated WebSocket connections
# (5,000 held), and enter_world round trips through the real auth-service and world-directory.
# All three services run as separate processes. Options (system properties) in BENCH_OPTS:
#   -Dbench.connections=5000 -Dbench.players=20 -Dbench.ratePerPlayer=10 -Dbench.seconds=20
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=../scripts/lib/java.sh
source scripts/lib/java.sh
./mvnw -B -ntp -q -DskipTests install > /dev/null
./mvnw -B -ntp -q -pl gateway-service dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/test-classpath.txt > /dev/null
cp="gateway-service/target/test-classes:$(cat gateway-service/target/test-classpath.txt)"
exec java --sun-misc-unsafe-memory-access=allow -Xmx2g ${BENCH_OPTS:-} -cp "$cp" com.mmorpg.gateway.bench.GatewayBenchmark
