#!/usr/bin/env bash
# map-server network benchmark (issue #18): one map server (map 1) and N real bots over loopback on
# this machine, as players meet it: KryoNet's wire over real TCP+UDP sockets, the bots driven by
# ./scripts/bot.sh load --map-only (tickets minted with TICKET_SECRET, no gateway) on a few Netty
# event loops. For each N (default 500 1000 2000) it runs RUNS times (default 3) with FULL seconds
# (default 180) at full strength after a ramp of RAMP (default 50/s), and reports per run and as
# medians: the map server's process CPU (all threads, /proc), its tick p99 and tick CPU p99 (its own
# histograms, bucket bounds), bytes per bot per second, the generator's own CPU, errors; and what
# the character leases and saves cost behind it (issue #19): auth-service's and PostgreSQL's CPU
# and the map server's stored saves per second over the same full-strength window.
#
# Starts the dev stack itself with one map server: MAPS=1:4001 MAX_PLAYERS=2000 BCRYPT_COST=4, the
# per-address limits raised (every bot comes from 127.0.0.1): REGISTER_RATE_PER_IP, LOGIN_RATE_PER_IP,
# PENDING_PER_ADDRESS. The bots' accounts and characters are made once by a warm-up run (not
# measured) and reused (--run bench). Extra map-server settings pass through (e.g. MAX_VISIBLE=64).
# Reports: bench/results/map-net/<N>-<run>.txt (not committed).
#   RUNS=1 FULL=60 bench/map-net.sh 1000     a quick look
#   REPORT_ONLY=1 bench/map-net.sh            the table again from the reports already there
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
source bench/lib/report.sh
SIZES=${*:-500 1000 2000}
RUNS=${RUNS:-3}
FULL=${FULL:-180}
RAMP=${RAMP:-50}
THREADS=${THREADS:-2}
OUT=bench/results/map-net
mkdir -p "$OUT"

if [ "${REPORT_ONLY:-0}" != 1 ]; then
export MAPS=1:4001 MAX_PLAYERS=${MAX_PLAYERS:-2000} BCRYPT_COST=4 REGISTER_RATE_PER_IP=100000 LOGIN_RATE_PER_IP=100000 \
  PENDING_PER_ADDRESS=100000
./scripts/start-dev.sh
PID=$(cat .run/map-1-4001.pid)
trap './scripts/stop-dev.sh > /dev/null 2>&1 || true' EXIT

largest=0
for n in $SIZES; do [ "$n" -gt "$largest" ] && largest=$n; done
echo "warm-up: accounts and characters for $largest bots (not measured)"
./scripts/bot.sh load --players "$largest" --ramp "${RAMP}/s" --duration "$(( largest / RAMP + 20 ))s" --run bench \
  --map-only 127.0.0.1:4000 --maps 1 --metrics "" --threads "$THREADS" --max-error-rate 1 > "$OUT/warm-up.txt" 2>&1 || true

ticks() { # utime + stime of the given pids, plus their reaped children's (cutime + cstime), in clock ticks
  local total=0 pid
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] && total=$(( total + $(awk '{print $14 + $15 + $16 + $17}' "/proc/$pid/stat") ))
  done
  echo "$total"
}
pg_ticks() { # PostgreSQL: the postmaster with every backend it reaped, and the backends alive now
  local postmaster total
  postmaster=$(pgrep -x -o postgres)
  total=$(ticks "$postmaster")
  for pid in $(pgrep -x -P "$postmaster" postgres); do
    total=$(( total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0) ))
  done
  echo "$total"
}
saves() { curl -s localhost:5001/metrics | sed -nE 's/^mmo_map_character_saves_total\{.*outcome="saved".*\} ([0-9.eE+]+)$/\1/p' | head -n 1; }
# Over FULL - 5 seconds once every bot is in: auth-service and PostgreSQL CPU (% of a core), saves/s.
backend_cost() {
  local out=$1 auth a0 p0 s0 a1 p1 s1 hz window=$(( FULL - 5 ))
  auth=$(cat .run/auth.pid)
  hz=$(getconf CLK_TCK)
  a0=$(ticks "$auth"); p0=$(pg_ticks); s0=$(saves)
  sleep "$window"
  a1=$(ticks "$auth"); p1=$(pg_ticks); s1=$(saves)
  awk -v a=$(( a1 - a0 )) -v p=$(( p1 - p0 )) -v s0="$s0" -v s1="$s1" -v hz="$hz" -v w="$window" 'BEGIN {
    printf "backend cost: auth-service CPU %.1f %%, PostgreSQL CPU %.1f %%, saves %.1f/s\n", 100 * a / hz / w, 100 * p / hz / w, (s1 - s0) / w }' >> "$out"
}

for n in $SIZES; do
  for run in $(seq 1 "$RUNS"); do
    sleep 10 # the previous bots have left and been saved
    duration=$(( n / RAMP + 15 + FULL + 2 ))
    echo "N=$n run $run: ${duration}s"
    rm -f "$OUT/$n-$run.backend"
    ( sleep $(( n / RAMP + 15 )); backend_cost "$OUT/$n-$run.backend" ) &
    ./scripts/bot.sh load --players "$n" --ramp "${RAMP}/s" --duration "${duration}s" --run bench --map-only 127.0.0.1:4000 \
      --maps 1 --server-pid "$PID" --metrics http://localhost:5001/metrics --threads "$THREADS" --max-error-rate 1 \
      | tr '\r' '\n' | grep -v '^\[' > "$OUT/$n-$run.txt" || true
    wait
    cat "$OUT/$n-$run.backend" >> "$OUT/$n-$run.txt" 2>/dev/null || true
    grep -E "full strength|per bot per second|CPU:|tick p99 [0-9>]|retried|errors:|backend cost" "$OUT/$n-$run.txt" | sed 's/^/  /'
  done
done

fi

echo
echo "| bots | map server CPU, % of a core (per 1,000) | tick p99 / tick CPU p99, ms | bytes per bot per s | generator CPU, % of a core (per 1,000) | errors (retries) per run | auth-service / PostgreSQL CPU, %; saves/s |"
echo "|---|---|---|---|---|---|---|"
for n in $SIZES; do
  files=$(ls "$OUT/$n"-*.txt)
  server=$(for f in $files; do field "$f" '.*map server pid [0-9]+ CPU: ([0-9.]+) %.*'; done | median)
  server_k=$(for f in $files; do field "$f" '.*map server pid [0-9]+ CPU: .*\(([0-9.]+) % per 1,000.*'; done | median)
  tick=$(for f in $files; do field "$f" '.*: tick p99 ([0-9.]+) ms, tick CPU.*'; done | median)
  tick_cpu=$(for f in $files; do field "$f" '.*tick CPU p99 ([0-9.]+) ms.*'; done | median)
  bytes=$(for f in $files; do field "$f" '.*per bot per second: [0-9.]+ snapshots, ([0-9]+) bytes.*'; done | median)
  gen=$(for f in $files; do field "$f" '.*load generator CPU: ([0-9.]+) %.*'; done | median)
  gen_k=$(for f in $files; do field "$f" '.*load generator CPU: .*\(([0-9.]+) % per 1,000.*'; done | median)
  errors=$(for f in $files; do echo "$(field "$f" '^errors: ([0-9]+) of.*') ($(field "$f" '^retried.*: ([0-9]+) times.*'))"; done | paste -sd/ -)
  auth=$(for f in $files; do field "$f" '^backend cost: auth-service CPU ([0-9.]+) %.*'; done | median)
  pg=$(for f in $files; do field "$f" '^backend cost: .*PostgreSQL CPU ([0-9.]+) %.*'; done | median)
  saved=$(for f in $files; do field "$f" '^backend cost: .*saves ([0-9.]+).s.*'; done | median)
  echo "| $n | $server ($server_k) | $tick / $tick_cpu | $bytes | $gen ($gen_k) | $errors | $auth / $pg; $saved |"
done
