#!/usr/bin/env bash
# world-directory benchmark (issue #4): GET /map-registry/map/{id} with 3 registered servers (wrk)
# against raw GET throughput of the same Redis (redis-benchmark), in one run. See BENCHMARKS.md.
# Options: BENCH_OPTS="-Dbench.seconds=10 -Dbench.rounds=5 -Dbench.connections=32"
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
source scripts/lib/java.sh
source scripts/lib/tools.sh
source bench/lib/run.sh
need_tool wrk wrk
need_tool redis-benchmark redis-tools
run_benchmark world-directory com.mmorpg.worlddirectory.bench.LookupBenchmark
