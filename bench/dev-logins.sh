#!/usr/bin/env bash
# README's two load examples on a default ./scripts/start-dev.sh stack (issue #32): every bot must end
# up in the world, retrying SERVER_BUSY as a client does. Each run starts the stack afresh (a burst of
# logins meets a cold JIT, as after a deploy), runs one `bot load`, and reads auth-service's CPU time
# from /proc and its bcrypt counters from /actuator/prometheus. Both JIT settings are compared:
# C1 only (-XX:TieredStopAtLevel=1, fast start-up) and the default tiered C1+C2.
#
#   ./bench/dev-logins.sh                     3 runs of each load in each mode, then the medians
#   RUNS=1 MODES=c2 ./bench/dev-logins.sh     a quick look
#   REPORT_ONLY=1 ./bench/dev-logins.sh       the table again, from bench/results/dev-logins
#
# The machine is shared by everything: PostgreSQL, Redis, the three services, two map servers and
# the load generator; the figures are what one developer's machine gives, not a capacity plan.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
source scripts/lib/java.sh
source bench/lib/report.sh
RUNS=${RUNS:-3}
MODES=${MODES:-"c1 c2"}
LOADS=${LOADS:-"100:10/s 200:20/s"}
OUT=${OUT:-bench/results/dev-logins}
mkdir -p "$OUT"

java_opts() {
  case $1 in
    c1) echo "-Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1" ;;
    c2) echo "-Xmx384m -XX:+UseSerialGC" ;;
    *) echo "unknown mode $1" >&2; exit 2 ;;
  esac
}

# CPU seconds (user + system) a process has used, from /proc/<pid>/stat.
cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$1/stat"
}

metric() { curl -s "http://localhost:${AUTH_PORT:-3000}/actuator/prometheus" | awk -v m="$1" '$1 ~ "^"m"[{ ]" {s += $2} END {print s + 0}'; }

if [ -z "${REPORT_ONLY:-}" ]; then
  for mode in $MODES; do
    for load in $LOADS; do
      players=${load%%:*}
      ramp=${load#*:}
      for run in $(seq 1 "$RUNS"); do
        name="$OUT/$mode-$players-$run"
        echo "== $mode, $players bots at $ramp, run $run"
        JAVA_OPTS=$(java_opts "$mode") ./scripts/start-dev.sh > "$name.start" 2>&1
        auth_pid=$(cat .run/auth.pid)
        cpu0=$(cpu_seconds "$auth_pid")
        hashes0=$(metric auth_bcrypt_seconds_count)
        ./scripts/bot.sh load --players "$players" --duration 60s --ramp "$ramp" 2>&1 | tr '\r' '\n' \
          | grep -v '^\[ *[0-9]*s\]' > "$name.out" || true
        cpu1=$(cpu_seconds "$auth_pid")
        hashes1=$(metric auth_bcrypt_seconds_count)
        {
          echo "auth_cpu_seconds $(awk -v a="$cpu0" -v b="$cpu1" 'BEGIN {printf "%.1f", b - a}')"
          echo "auth_hashes $(awk -v a="$hashes0" -v b="$hashes1" 'BEGIN {print b - a}')"
          echo "auth_shed $(metric auth_bcrypt_rejected_total)"
        } >> "$name.out"
        grep -E '^(login|errors|retried)' "$name.out" || true
      done
    done
  done
  ./scripts/stop-dev.sh > /dev/null 2>&1 || true
fi

printf '%-5s %-9s %-10s %-12s %-12s %-9s %-9s %-14s %-12s\n' mode bots "in world" "login p50" "login p95" retries shed "auth CPU s" "bot CPU"
for mode in $MODES; do
  for load in $LOADS; do
    players=${load%%:*}
    files=$(ls "$OUT/$mode-$players-"*.out 2>/dev/null || true)
    [ -n "$files" ] || continue
    col() { for f in $files; do field "$f" "$1"; done | median; }
    inworld=$(for f in $files; do echo $(( players - $(field "$f" '^errors: ([0-9]+) of.*' || echo 0) )); done | median)
    printf '%-5s %-9s %-10s %-12s %-12s %-9s %-9s %-14s %-12s\n' "$mode" "$players@${load#*:}" "$inworld" \
      "$(col '^login +[0-9]+ +([0-9.]+) .*') ms" "$(col '^login +[0-9]+ +[0-9.]+ +([0-9.]+) .*') ms" \
      "$(col '^retried .*: ([0-9]+) times')" "$(col '^auth_shed ([0-9.]+)')" "$(col '^auth_cpu_seconds ([0-9.]+)')" \
      "$(col '^  load generator CPU: ([0-9.]+) %.*') %"
  done
done
echo "(medians of the runs in $OUT; 'in world': bots without an error; 'shed': 503/429 answers by auth-service's bcrypt queue)"
