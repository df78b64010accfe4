#!/usr/bin/env bash
# Helpers shared by the scripts. Source after setting ROOT to the repository root.

RUN_DIR="$ROOT/.run"
LOG_DIR="$ROOT/logs"
DATA_DIR="$ROOT/.data"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
fail() { printf 'error: %s\n' "$*" >&2; exit 1; }

# PIDs of processes LISTENING on TCP port $1 (never clients connected to it).
listening_pids() {
  local port=$1
  if command -v lsof >/dev/null 2>&1; then
    lsof -nP -t -iTCP:"$port" -sTCP:LISTEN 2>/dev/null | sort -u
  elif command -v ss >/dev/null 2>&1; then
    ss -Hltnp "sport = :$port" 2>/dev/null | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u
  elif command -v fuser >/dev/null 2>&1; then
    fuser -n tcp "$port" 2>/dev/null | tr -s ' ' '\n' | grep -E '^[0-9]+$' | sort -u
  fi
}

port_is_listening() { [ -n "$(listening_pids "$1")" ]; }

pid_alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

read_pid() { [ -f "$1" ] && tr -dc '0-9' < "$1"; }

# Sends TERM to $1, waits up to $2 seconds, then KILL.
stop_pid() {
  local pid=$1 grace=${2:-15} waited=0
  pid_alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  while pid_alive "$pid" && [ "$waited" -lt $((grace * 10)) ]; do
    sleep 0.1
    waited=$((waited + 1))
  done
  if pid_alive "$pid"; then
    log "process $pid ignored TERM for ${grace}s, killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
}

# Stops whatever listens on TCP port $1.
free_port() {
  local port=$1 pid
  for pid in $(listening_pids "$port"); do
    log "port $port is held by process $pid ($(ps -o comm= -p "$pid" 2>/dev/null || echo '?')): stopping it"
    stop_pid "$pid" 10
  done
  port_is_listening "$port" && fail "port $port is still in use after stopping its listener"
  return 0
}
