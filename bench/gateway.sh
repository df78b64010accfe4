#!/usr/bin/env bash
# gateway-service benchmark (issue #5): RSS/heap per 1,000 idle authenticated WebSocket connections
# (5,000 held), and enter_world round trips through the real auth-service and world-directory.
# All three services run as separate processes, from their packaged jars. Options in BENCH_OPTS:
#   -Dbench.connections=5000 -Dbench.players=20 -Dbench.ratePerPlayer=10 -Dbench.seconds=20 -Dbench.warmup=30
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
source scripts/lib/java.sh
source bench/lib/run.sh
./mvnw -B -ntp -q -pl auth-service,world-directory -am -DskipTests package > /dev/null
run_benchmark gateway-service com.mmorpg.gateway.bench.GatewayBenchmark
