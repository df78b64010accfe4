#!/usr/bin/env bash
# map-server benchmark (issues #6, #7): cost of one world tick with half players and half mobs, all
# moving (then fighting: mob AI and attacks), at 20 Hz, for 500/1,000/2,000/4,000 entities; bytes per client per second at ~50
# entities in view. Every message is encoded with the real protocol. Options in BENCH_OPTS:
#   -Dbench.modes=move,fight -Dbench.sizes=500,1000,2000,4000 -Dbench.ticks=600 -Dbench.warmup=300 -Dbench.visible=50
#   -Dbench.interestThreads=2 (INTEREST_THREADS) -Dbench.tickCpu=auto|off|<cpu> (TICK_CPU; auto is the server's default outside containers)
#   -Dbench.groundItems=2000 (stacks of loot lying among them, seen like any entity)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
source scripts/lib/java.sh
source bench/lib/run.sh
BENCH_OPTS="-DLOG_LEVEL=WARN ${BENCH_OPTS:-}"
run_benchmark map-server com.mmorpg.mapserver.bench.TickBenchmark
