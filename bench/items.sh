#!/usr/bin/env bash
# Item writes (issue #37): auth-service's CPU per state write with a 30-stack inventory (unchanged items,
# and all 30 items with one ledger line), and trades per second (both characters in one transaction),
# over real HTTP against auth-service in its own process on PostgreSQL, CPU from /proc beside the
# benchmark's own. Options in BENCH_OPTS: -Dbench.characters=200 -Dbench.seconds=20 -Dbench.concurrency=16
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
source scripts/lib/java.sh
source bench/lib/run.sh
./mvnw -B -ntp -q install -DskipTests
BENCH_OPTS="-DLOG_LEVEL=WARN ${BENCH_OPTS:-}"
run_benchmark bot com.mmorpg.bot.ItemWriteBenchmark
