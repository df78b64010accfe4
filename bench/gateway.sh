#!/usr/bin/env bash
# gateway-service benchmark (issues #5 and #20): what idle authenticated WebSocket connections cost
# the gateway (RSS and heap per 1,000, heap per connection by class), and enter_world round trips
# through the real auth-service and world-directory while they are held. All three services run as
# separate processes from their packaged jars, on embedded PostgreSQL and Redis.
#
#   ./bench/gateway.sh                      3 runs each at 5,000 and 19,000 held connections, then the medians
#   SIZES="2000" RUNS=1 ./bench/gateway.sh  a quick look
#   REPORT_ONLY=1 ./bench/gateway.sh        the table again, from bench/results/gateway
#
# More options for the benchmark itself in BENCH_OPTS: -Dbench.players=20 -Dbench.ratePerPlayer=10
# -Dbench.seconds=20 -Dbench.warmup=30 -Dbench.holdSeconds=0 (keep the connections open to inspect).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
source scripts/lib/java.sh
source bench/lib/run.sh
source bench/lib/report.sh
# This machine allows 20,000 open files per process and no more (no CAP_SYS_RESOURCE): 19,000 sockets
# leave the gateway and the load generator room for their own files.
SIZES=${SIZES:-"5000 19000"}
RUNS=${RUNS:-3}
OUT=${OUT:-bench/results/gateway}
mkdir -p "$OUT"

if [ -z "${REPORT_ONLY:-}" ]; then
  # 20,000 sockets need as many descriptors in the gateway and in this load generator.
  ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" || true
  ./mvnw -B -ntp -q -pl auth-service,world-directory -am -DskipTests package > /dev/null
  cp=$(benchmark_classpath gateway-service)
  for n in $SIZES; do
    for run in $(seq 1 "$RUNS"); do
      echo "== $n idle connections, run $run of $RUNS"
      # shellcheck disable=SC2086
      java "${JAVA_BENCH_FLAGS[@]}" -Dbench.connections="$n" ${BENCH_OPTS:-} -cp "$cp" \
        com.mmorpg.gateway.bench.GatewayBenchmark > "$OUT/$n-$run.txt" 2>&1 || { tail -20 "$OUT/$n-$run.txt"; exit 1; }
      grep -E "^per 1,000 idle|^heap per idle|^enter_world at|^load generator" "$OUT/$n-$run.txt" | sed 's/^/  /'
    done
  done
fi

echo
echo "| idle connections held | gateway RSS per 1,000 | heap per 1,000 | heap per connection (histograms) | enter_world 200/s p50 / p99 | generator RSS | runs |"
echo "|---|---|---|---|---|---|---|"
for n in $SIZES; do
  files=$(ls "$OUT/$n"-*.txt 2>/dev/null) || continue
  rss=$(for f in $files; do field "$f" '^per 1,000 idle connections: RSS \+([0-9.]+) MB.*'; done | median)
  heap=$(for f in $files; do field "$f" '^per 1,000 idle connections: .*heap \+([0-9.]+) MB.*'; done | median)
  each=$(for f in $files; do field "$f" '^heap per idle connection [^:]*: ([0-9]+) bytes.*'; done | median)
  p50=$(for f in $files; do field "$f" '^enter_world at [0-9]+/s offered \(.*p50 ([0-9.]+) ms.*'; done | median)
  p99=$(for f in $files; do field "$f" '^enter_world at [0-9]+/s offered \(.*p99 ([0-9.]+) ms.*'; done | median)
  gen=$(for f in $files; do field "$f" '^load generator: RSS ([0-9.]+) MB.*'; done | median)
  echo "| $(printf "%'d" "$n") | +$rss MB | +$heap MB | $each B | $p50 / $p99 ms | $gen MB | $(echo "$files" | wc -w) |"
done
