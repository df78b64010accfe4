#!/usr/bin/env bash
# Start-up benchmark (issue #36): how long a map server takes from launch to listening (it reads and
# checks the whole content folder first), and auth-service from launch to started (Spring's own
# figure; it writes the content's classes and spawn points into its database first). RUNS runs of
# each, one after the other, then the medians. The jars and content of CHECKOUT (default: this
# repository; another checkout of the project, built, to compare two versions) on the PostgreSQL and
# Redis of a start-dev stack, which this script starts (without map servers) and leaves running only
# if it was running before.
#   ./bench/startup.sh                 RUNS=3
#   CHECKOUT=../before ./bench/startup.sh
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
source scripts/lib/java.sh
source scripts/lib/common.sh
RUNS=${RUNS:-3}
CHECKOUT=$(cd "${CHECKOUT:-$ROOT}" && pwd)
OUT="$ROOT/bench/results/startup"
mkdir -p "$OUT"
for jar in auth-service/target/auth-service.jar map-server/target/map-server.jar; do
  [ -f "$CHECKOUT/$jar" ] || fail "no $CHECKOUT/$jar: build it first (./mvnw -DskipTests -pl auth-service,map-server -am package)"
done

if [ ! -f "$DATA_DIR/infra.env" ] || ! pid_alive "$(read_pid "$RUN_DIR/infra.pid" 2>/dev/null || true)"; then
  MAPS="" ./scripts/start-dev.sh > "$OUT/start-dev.log" 2>&1 || { tail -20 "$OUT/start-dev.log"; fail "start-dev failed"; }
  ./scripts/stop-dev.sh --keep-data-servers > /dev/null
  trap './scripts/stop-dev.sh > /dev/null 2>&1 || true' EXIT
fi
# shellcheck disable=SC1091
DATABASE_URL=$(sed -n 's/^DATABASE_URL=//p' "$DATA_DIR/infra.env")
REDIS_URL=$(sed -n 's/^REDIS_URL=//p' "$DATA_DIR/infra.env")

now_ms() { date +%s%3N; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# map_server_ms <log>: from launch to "listening on TCP+UDP port", in ms
map_server_ms() {
  local log=$1 port start pid
  port=$(free_port)
  start=$(now_ms)
  CONTENT_DIR="$CHECKOUT/content" WORLD_DIRECTORY_URL=http://127.0.0.1:9 AUTH_SERVICE_URL=http://127.0.0.1:9 OPS_PORT=0 TICK_CPU=off \
    java --sun-misc-unsafe-memory-access=allow -Xmx512m -jar "$CHECKOUT/map-server/target/map-server.jar" 1 "$port" > "$log" 2>&1 &
  pid=$!
  until grep -qs "listening on TCP+UDP port" "$log"; do
    pid_alive "$pid" || { tail -5 "$log" >&2; fail "the map server exited"; }
    [ $(( $(now_ms) - start )) -lt 60000 ] || fail "the map server did not listen within 60 s"
    sleep 0.02
  done
  echo $(( $(now_ms) - start ))
  kill -TERM "$pid" && wait "$pid" 2>/dev/null || true
}

# auth_ms <log>: Spring's "process running for" figure when auth-service has started, in ms
auth_ms() {
  local log=$1 pid start
  start=$(now_ms)
  CONTENT_DIR="$CHECKOUT/content" DATABASE_URL=$DATABASE_URL REDIS_URL=$REDIS_URL PORT=$(free_port) SERVER_ADDRESS=127.0.0.1 \
    java -Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$CHECKOUT/auth-service/target/auth-service.jar" > "$log" 2>&1 &
  pid=$!
  until grep -qs "Started AuthServiceApplication" "$log"; do
    pid_alive "$pid" || { tail -5 "$log" >&2; fail "auth-service exited"; }
    [ $(( $(now_ms) - start )) -lt 120000 ] || fail "auth-service did not start within 120 s"
    sleep 0.05
  done
  sed -n 's/.*Started AuthServiceApplication.*process running for \([0-9.]*\)).*/\1/p' "$log" | head -1 | awk '{printf "%d\n", $1 * 1000}'
  kill -TERM "$pid" && wait "$pid" 2>/dev/null || true
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

commit=$(git -C "$CHECKOUT" rev-parse --short HEAD)
maps=(); auths=()
for run in $(seq 1 "$RUNS"); do
  maps+=("$(map_server_ms "$OUT/map-$commit-$run.log")")
  auths+=("$(auth_ms "$OUT/auth-$commit-$run.log")")
  echo "run $run at $commit: map server ${maps[-1]} ms to listening, auth-service ${auths[-1]} ms to started"
done
echo "medians at $commit: map server $(printf '%s\n' "${maps[@]}" | median) ms, auth-service $(printf '%s\n' "${auths[@]}" | median) ms" \
  | tee -a "$OUT/summary.txt"
