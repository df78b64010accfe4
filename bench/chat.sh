#!/usr/bin/env bash
# Chat benchmark (issue #24): 2,000 players in the world over two gateway processes sharing one Redis,
# 100 lines/s on world and 500/s on map channels (10 maps); every delivery timed from the moment it was
# said to the moment a listener read it; CPU per process (gateways, Redis, the load generator) and per
# gateway thread from /proc. The gateways run from their packaged jar on embedded Redis; auth-service
# and world-directory are a stub in the load generator (they serve only the entries, before measuring).
#
#   ./bench/chat.sh                          3 runs, then the medians
#   RUNS=1 ./bench/chat.sh                   a quick look
#   REPORT_ONLY=1 ./bench/chat.sh            the table again, from bench/results/chat
#   RATES="50:250 100:500" ./bench/chat.sh   other world:map rates (lines per second)
#
# More options in BENCH_OPTS: -Dbench.players=2000 -Dbench.maps=10 -Dbench.seconds=30 -Dbench.warmup=20
# -Dbench.clients=1 (JDK HttpClients in the load generator) -Dbench.flushInterval=0s (the gateways' CHAT_FLUSH_INTERVAL)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
source scripts/lib/java.sh
source bench/lib/run.sh
source bench/lib/report.sh
RUNS=${RUNS:-3}
RATES=${RATES:-"100:500"}
OUT=${OUT:-bench/results/chat}
mkdir -p "$OUT"

if [ -z "${REPORT_ONLY:-}" ]; then
  ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" || true
  cp=$(benchmark_classpath gateway-service)
  for rates in $RATES; do
    world=${rates%%:*}
    map=${rates##*:}
    for run in $(seq 1 "$RUNS"); do
      echo "== world $world/s, map $map/s, run $run of $RUNS"
      # shellcheck disable=SC2086
      java "${JAVA_BENCH_FLAGS[@]}" -Dbench.worldRate="$world" -Dbench.mapRate="$map" ${BENCH_OPTS:-} -cp "$cp" \
        com.mmorpg.gateway.bench.ChatBenchmark > "$OUT/$world-$map-$run.txt" 2>&1 || { tail -20 "$OUT/$world-$map-$run.txt"; exit 1; }
      grep -E "^deliveries|^delivery latency|^gateway CPU|^gateway writes|^redis CPU" "$OUT/$world-$map-$run.txt" | sed 's/^/  /'
    done
  done
fi

echo
echo "| world / map lines per s | deliveries per s | delivered | p50 / p99 / max | gateway CPU per 1,000 lines | per 1,000 deliveries | deliveries per write | gateways (% of a core) | Redis | load generator | runs |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for rates in $RATES; do
  world=${rates%%:*}
  map=${rates##*:}
  files=$(ls "$OUT/$world-$map"-*.txt 2>/dev/null) || continue
  rate=$(for f in $files; do field "$f" '^deliveries: .*\), ([0-9,]+)/s$' | tr -d ,; done | median)
  share=$(for f in $files; do field "$f" '^deliveries: .*\(([0-9.]+) %\).*'; done | median)
  p50=$(for f in $files; do field "$f" '^delivery latency .*p50 ([0-9.]+) ms.*'; done | median)
  p99=$(for f in $files; do field "$f" '^delivery latency .*p99 ([0-9.]+) ms, p99.9.*'; done | median)
  max=$(for f in $files; do field "$f" '^delivery latency .*max ([0-9.]+) ms.*'; done | median)
  lines=$(for f in $files; do field "$f" '^gateway CPU: .*both: ([0-9.]+) ms per 1,000 lines.*'; done | median)
  deliveries=$(for f in $files; do field "$f" '^gateway CPU: .*lines, ([0-9.]+) ms per 1,000 deliveries.*'; done | median)
  per_write=$(for f in $files; do field "$f" '^gateway writes: .*, ([0-9.]+) deliveries per write$'; done | median)
  a=$(for f in $files; do field "$f" '^gateway CPU: a ([0-9]+) %.*'; done | median)
  b=$(for f in $files; do field "$f" '^gateway CPU: a [0-9]+ %, b ([0-9]+) %.*'; done | median)
  redis=$(for f in $files; do field "$f" '^redis CPU: ([0-9]+) %.*'; done | median)
  gen=$(for f in $files; do field "$f" '^redis CPU: .*load generator CPU: ([0-9]+) %.*'; done | median)
  echo "| $world / $map | $rate | $share % | $p50 / $p99 / $max ms | $lines ms | $deliveries ms | $per_write | $a + $b | $redis % | $gen % | $(echo "$files" | wc -w) |"
done
