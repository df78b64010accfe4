#!/usr/bin/env bash
# Starts the whole backend for development (the seed's Startup Sequence):
#   1. stops what an earlier run started (its PID files in .run/), then checks that the ports are
#      free: a port held by anything else stops the start with one line naming that process
#      (choose other ports with AUTH_PORT, WORLD_PORT, GATEWAY_PORT and MAPS);
#   2. builds the jars if any source is newer than them;
#   3. PostgreSQL and Redis: the ones DATABASE_URL / REDIS_URL name, else real embedded servers
#      kept under .data/ (reused when already running);
#   4. auth-service, world-directory, gateway-service, logging to logs/auth.log, logs/world.log,
#      logs/gateway.log, and waits until every health check is UP;
#   5. one map server per entry of MAPS (default "1:4001,2:4002,3:4003", map:port; empty for none),
#      logging to logs/map-<id>.log, and waits until each is registered with the world directory.
#      Their tick threads are not pinned here (TICK_CPU=off unless set): on a machine that also
#      runs the databases, the services and the bots, a pinned tick thread cannot move away from
#      the other processes that land on its CPU (BENCHMARKS.md, session 6).
# More map servers: map-server/start_server.sh <map_id> <port>. Stop everything with scripts/stop-dev.sh.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=lib/java.sh
source scripts/lib/java.sh
# shellcheck source=lib/common.sh
source scripts/lib/common.sh

START_TIMEOUT=${START_TIMEOUT:-90}
AUTH_PORT=${AUTH_PORT:-3000}
WORLD_PORT=${WORLD_PORT:-3001}
GATEWAY_PORT=${GATEWAY_PORT:-3002}
SERVICES=(auth world gateway)
MAPS=${MAPS-1:4001,2:4002,3:4003}
MAP_SERVERS=${MAPS//,/ }

mkdir -p "$RUN_DIR" "$LOG_DIR" "$DATA_DIR"
started_at=$(date +%s)

# --- 1. stop the previous run's services; the ports must then be free ---------------------
for name in "${SERVICES[@]}"; do
  pid=$(read_pid "$RUN_DIR/$name.pid" || true)
  if pid_alive "$pid"; then
    log "stopping $name from the previous run (pid $pid)"
    stop_pid "$pid" 15
  fi
  rm -f "$RUN_DIR/$name.pid"
done
for pidfile in "$RUN_DIR"/map-*.pid; do
  [ -e "$pidfile" ] || continue
  pid=$(read_pid "$pidfile" || true)
  if pid_alive "$pid"; then
    log "stopping $(basename "$pidfile" .pid) from the previous run (pid $pid)"
    stop_pid "$pid" 15
  fi
  rm -f "$pidfile"
done
require_free_port "$AUTH_PORT" auth-service AUTH_PORT
require_free_port "$WORLD_PORT" world-directory WORLD_PORT
require_free_port "$GATEWAY_PORT" gateway-service GATEWAY_PORT
for entry in $MAP_SERVERS; do
  require_free_port "${entry#*:}" "map server ${entry%%:*}" "MAPS=\"${entry%%:*}:<port>,...\""
  require_free_port "$(( ${entry#*:} + 1000 ))" "ops port of map server ${entry%%:*}" "MAPS=\"${entry%%:*}:<port>,...\""
done

# --- 2. build what changed -----------------------------------------------------------------
jars=(auth-service/target/auth-service.jar world-directory/target/world-directory.jar
      gateway-service/target/gateway-service.jar map-server/target/map-server.jar
      client/target/client.jar bot/target/bot.jar test-support/target/classpath.txt)
needs_build=false
for jar in "${jars[@]}"; do
  [ -f "$jar" ] || { needs_build=true; break; }
done
if ! $needs_build; then
  oldest=$(ls -tr "${jars[@]}" | head -n 1)
  newer=$(find pom.xml ./*/pom.xml ./*/src -newer "$oldest" -type f -print -quit 2>/dev/null || true)
  [ -n "$newer" ] && needs_build=true
fi
if $needs_build; then
  log "building (sources changed since the last build; the first build downloads dependencies and takes minutes; log: logs/build.log)"
  ./mvnw -B -ntp -DskipTests package dependency:build-classpath \
        -Dmdep.outputFile=target/classpath.txt > "$LOG_DIR/build.log" 2>&1 &
  build_pid=$!
  shown=0
  # One line per module as Maven reaches it ("Building auth-service ... [4/10]").
  while pid_alive "$build_pid"; do
    count=$(grep -c '^\[INFO\] Building .*\[[0-9]*/[0-9]*\]$' "$LOG_DIR/build.log" 2>/dev/null || true)
    if [ "${count:-0}" -gt "$shown" ]; then
      grep '^\[INFO\] Building .*\[[0-9]*/[0-9]*\]$' "$LOG_DIR/build.log" | sed -n "$((shown + 1)),${count}p" \
        | sed -E 's/^\[INFO\] Building ([^ ]+).*\[([0-9]+\/[0-9]+)\]$/  build \2: \1/'
      shown=$count
    fi
    sleep 1
  done
  if ! wait "$build_pid"; then
    grep -E '^\[ERROR\]' "$LOG_DIR/build.log" | head -n 20 >&2 || tail -n 30 "$LOG_DIR/build.log" >&2
    fail "build failed; see logs/build.log"
  fi
  log "build done"
else
  log "jars are up to date, skipping the build"
fi

# --- 3. PostgreSQL and Redis ---------------------------------------------------------------
if [ -n "${DATABASE_URL:-}" ] && [ -n "${REDIS_URL:-}" ]; then
  log "using DATABASE_URL and REDIS_URL from the environment"
else
  infra_pid=$(read_pid "$RUN_DIR/infra.pid" || true)
  if pid_alive "$infra_pid" && [ -f "$DATA_DIR/infra.env" ]; then
    log "embedded PostgreSQL and Redis already running (pid $infra_pid)"
  else
    rm -f "$DATA_DIR/infra.env"
    log "starting embedded PostgreSQL and Redis (data in .data/, log: logs/infra.log)"
    nohup java -Xmx256m -cp "test-support/target/classes:$(cat test-support/target/classpath.txt)" \
      com.mmorpg.testsupport.dev.DevInfrastructure "$DATA_DIR" "$DATA_DIR/infra.env" \
      > "$LOG_DIR/infra.log" 2>&1 < /dev/null &
    infra_pid=$!
    echo "$infra_pid" > "$RUN_DIR/infra.pid"
    deadline=$(( $(date +%s) + START_TIMEOUT ))
    until [ -f "$DATA_DIR/infra.env" ]; do
      pid_alive "$infra_pid" || { tail -n 20 "$LOG_DIR/infra.log" >&2; fail "embedded PostgreSQL/Redis exited; see logs/infra.log"; }
      [ "$(date +%s)" -lt "$deadline" ] || fail "embedded PostgreSQL/Redis not ready after ${START_TIMEOUT}s; see logs/infra.log"
      sleep 0.2
    done
  fi
  # shellcheck disable=SC1091
  embedded_database_url=$(sed -n 's/^DATABASE_URL=//p' "$DATA_DIR/infra.env")
  embedded_redis_url=$(sed -n 's/^REDIS_URL=//p' "$DATA_DIR/infra.env")
  export DATABASE_URL=${DATABASE_URL:-$embedded_database_url}
  export REDIS_URL=${REDIS_URL:-$embedded_redis_url}
fi

# --- 4. the three services -----------------------------------------------------------------
# The services run on the development secrets published in this repository, and refuse to serve them
# on any interface but loopback unless told that is meant: this is a development machine, so it is.
# SERVER_ADDRESS=127.0.0.1 keeps auth, directory and gateway off the network (a Godot client on this
# machine should then use http://127.0.0.1:3000 and ws://127.0.0.1:3002, not localhost, which may be ::1).
export ALLOW_DEV_SECRETS=${ALLOW_DEV_SECRETS:-true}
# The service-to-service key is this stack's own, though: a random one unless INTERNAL_API_KEY is set,
# shared by the services and map servers started here, and kept (owner-only) in .run/internal-api-key
# for operator tools on this machine (./scripts/bot.sh reads it there). Clients never hold it.
if [ -z "${INTERNAL_API_KEY:-}" ]; then
  INTERNAL_API_KEY=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
fi
export INTERNAL_API_KEY
(umask 077 && printf '%s\n' "$INTERNAL_API_KEY" > "$RUN_DIR/internal-api-key")
# The operations console's first admin (http://localhost:3001/console): "admin" with a random password
# kept with the data (owner-only, .data/admin-password), so it stays valid across restarts, unless
# ADMIN_USERNAME is set.
if [ -z "${ADMIN_USERNAME:-}" ]; then
  ADMIN_USERNAME=admin
  if [ ! -s "$DATA_DIR/admin-password" ]; then
    (umask 077 && od -An -N12 -tx1 /dev/urandom | tr -d ' \n' > "$DATA_DIR/admin-password")
  fi
  ADMIN_PASSWORD=$(cat "$DATA_DIR/admin-password")
fi
export ADMIN_USERNAME ADMIN_PASSWORD=${ADMIN_PASSWORD:-}
# Every bot of ./scripts/bot.sh load registers and logs in from this machine's one address: loopback
# clients skip the per-address limits here (development only; the prod profile refuses it).
export RATE_LIMIT_EXEMPT_LOOPBACK=${RATE_LIMIT_EXEMPT_LOOPBACK:-true}
# The same for the map servers' cap on connections still presenting their ticket (16 per address):
# a burst of bots that got their logins at once connects from one address (development only).
export PENDING_PER_ADDRESS=${PENDING_PER_ADDRESS:-256}
export AUTH_SERVICE_URL=${AUTH_SERVICE_URL:-http://localhost:$AUTH_PORT}
export WORLD_DIRECTORY_URL=${WORLD_DIRECTORY_URL:-http://localhost:$WORLD_PORT}
# The world's content (maps, mob types, classes): auth-service and every map server read the same folder.
export CONTENT_DIR=${CONTENT_DIR:-$ROOT/content}
JAVA_OPTS=${JAVA_OPTS:--Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1}

start_service() {
  local name=$1 jar=$2 port=$3
  shift 3
  # shellcheck disable=SC2086
  env "$@" nohup java $JAVA_OPTS -jar "$jar" > "$LOG_DIR/$name.log" 2>&1 < /dev/null &
  echo $! > "$RUN_DIR/$name.pid"
  log "started $name (pid $!, port $port, log: logs/$name.log)"
}
start_service auth auth-service/target/auth-service.jar $AUTH_PORT PORT=$AUTH_PORT
start_service world world-directory/target/world-directory.jar $WORLD_PORT PORT=$WORLD_PORT
start_service gateway gateway-service/target/gateway-service.jar $GATEWAY_PORT GATEWAY_PORT=$GATEWAY_PORT

service_port() { case $1 in auth) echo $AUTH_PORT ;; world) echo $WORLD_PORT ;; gateway) echo $GATEWAY_PORT ;; esac; }
deadline=$(( $(date +%s) + START_TIMEOUT ))
pending=("${SERVICES[@]}")
while [ ${#pending[@]} -gt 0 ]; do
  still=()
  for name in "${pending[@]}"; do
    port=$(service_port "$name")
    if http_get "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; then
      log "$name is UP"
      continue
    fi
    if ! pid_alive "$(read_pid "$RUN_DIR/$name.pid")"; then
      echo "---- last lines of logs/$name.log ----" >&2
      tail -n 15 "$LOG_DIR/$name.log" >&2
      fail "$name exited during start-up; see logs/$name.log"
    fi
    still+=("$name")
  done
  pending=(${still[@]+"${still[@]}"})
  [ ${#pending[@]} -eq 0 ] && break
  if [ "$(date +%s)" -ge "$deadline" ]; then
    for name in "${pending[@]}"; do
      echo "---- last lines of logs/$name.log ----" >&2
      tail -n 15 "$LOG_DIR/$name.log" >&2
    done
    fail "not healthy after ${START_TIMEOUT}s: ${pending[*]}; see logs/<name>.log"
  fi
  sleep 0.5
done

# --- 5. map servers ------------------------------------------------------------------------
MAP_JAVA_OPTS=${MAP_JAVA_OPTS:--Xmx512m --sun-misc-unsafe-memory-access=allow}
map_lines=""
for entry in $MAP_SERVERS; do
  map_id=${entry%%:*}
  map_port=${entry#*:}
  # shellcheck disable=SC2086
  TICK_CPU=${TICK_CPU:-off} nohup java $MAP_JAVA_OPTS -jar map-server/target/map-server.jar "$map_id" "$map_port" \
    > "$LOG_DIR/map-$map_id.log" 2>&1 < /dev/null &
  echo $! > "$RUN_DIR/map-$map_id-$map_port.pid"
  log "started map server $map_id (pid $!, port $map_port TCP+UDP, log: logs/map-$map_id.log)"
  map_lines+="  map server $map_id     tcp+udp://localhost:$map_port   (health: http://localhost:$(( map_port + 1000 ))/health, logs/map-$map_id.log)"$'\n'
done
for entry in $MAP_SERVERS; do
  map_id=${entry%%:*}
  map_port=${entry#*:}
  until http_get "http://127.0.0.1:$(( map_port + 1000 ))/health" 2>/dev/null | grep -q '"registered":true'; do
    if ! pid_alive "$(read_pid "$RUN_DIR/map-$map_id-$map_port.pid")"; then
      tail -n 15 "$LOG_DIR/map-$map_id.log" >&2
      fail "map server $map_id exited during start-up; see logs/map-$map_id.log"
    fi
    [ "$(date +%s)" -lt "$deadline" ] || { tail -n 15 "$LOG_DIR/map-$map_id.log" >&2; fail "map server $map_id not registered after ${START_TIMEOUT}s; see logs/map-$map_id.log"; }
    sleep 0.5
  done
  log "map server $map_id is registered with the world directory"
done

cat <<MSG

Backend is up in $(( $(date +%s) - started_at ))s:
  auth-service     http://localhost:$AUTH_PORT        (logs/auth.log)
  world-directory  http://localhost:$WORLD_PORT        (logs/world.log)
  gateway-service  ws://localhost:$GATEWAY_PORT/ws     (logs/gateway.log)
${map_lines%$'\n'}
  metrics          http://localhost:<port>/actuator/prometheus
  PostgreSQL       $(printf '%s' "$DATABASE_URL" | sed -E 's#(://[^:/@]*:)[^@]*@#\1***@#')
  Redis            $(printf '%s' "$REDIS_URL" | sed -E 's#(://[^:/@]*:)[^@]*@#\1***@#')
  secrets          development defaults (public), served on ${SERVER_ADDRESS:-every interface}
  map servers hand out ${SERVER_IP:-127.0.0.1} to clients (for a phone or another PC: SERVER_IP=<this machine's LAN address> $0)
Console:             http://localhost:$WORLD_PORT/console (${ADMIN_USERNAME}$([ -s "$DATA_DIR/admin-password" ] && [ "$ADMIN_USERNAME" = admin ] && printf ', password in %s' "${DATA_DIR#"$ROOT"/}/admin-password"))
Play:                ./scripts/bot.sh play --user demo
Many bots:           ./scripts/bot.sh load --players 100 --duration 60s --ramp 10/s
Another map server:  map-server/start_server.sh <map_id> <port>
Stop everything:     scripts/stop-dev.sh
MSG
