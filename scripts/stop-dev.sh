#!/usr/bin/env bash
# Stops what scripts/start-dev.sh started (by PID file): the three services, any map servers
# started through map-server/start_server.sh, and the embedded PostgreSQL and Redis.
# --keep-data-servers leaves the embedded PostgreSQL and Redis running.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=lib/common.sh
source scripts/lib/common.sh

keep_infra=false
[ "${1:-}" = "--keep-data-servers" ] && keep_infra=true

[ -d "$RUN_DIR" ] || { log "nothing to stop"; exit 0; }
stopped=0
# TERM a group of processes so they drain in parallel, then wait for each. Map servers go first:
# they save their players to auth-service and deregister from world-directory on the way out.
stop_group() {
  local pids=() file name pid
  for file in "$@"; do
    [ -f "$file" ] || continue
    name=$(basename "$file" .pid)
    pid=$(read_pid "$file" || true)
    if pid_alive "$pid"; then
      log "stopping $name (pid $pid)"
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid")
      stopped=$((stopped + 1))
    fi
    rm -f "$file"
  done
  for pid in ${pids[@]+"${pids[@]}"}; do
    stop_pid "$pid" 15
  done
}
stop_group "$RUN_DIR"/map-*.pid
services=()
for file in "$RUN_DIR"/*.pid; do
  [ "$(basename "$file")" = infra.pid ] || services+=("$file")
done
stop_group ${services[@]+"${services[@]}"}
if ! $keep_infra && [ -f "$RUN_DIR/infra.pid" ]; then
  pid=$(read_pid "$RUN_DIR/infra.pid" || true)
  if pid_alive "$pid"; then
    log "stopping embedded PostgreSQL and Redis (pid $pid)"
    stop_pid "$pid" 30
    stopped=$((stopped + 1))
  fi
  rm -f "$RUN_DIR/infra.pid" "$DATA_DIR/infra.env"
fi
rm -f "$RUN_DIR/internal-api-key"
log "stopped $stopped process(es)"
