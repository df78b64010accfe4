#!/usr/bin/env bash
# Helpers shared by the scripts. Source after setting ROOT to the repository root.

# Where the dev scripts keep PID files, logs and the embedded databases' data (a second, separate
# stack, e.g. the quick-start test's, sets these to directories of its own).
RUN_DIR="${MMO_RUN_DIR:-$ROOT/.run}"
LOG_DIR="${MMO_LOG_DIR:-$ROOT/logs}"
DATA_DIR="${MMO_DATA_DIR:-$ROOT/.data}"

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

# What process $1 is, in one line: its command line (from /proc, else ps).
describe_pid() {
  local pid=$1 cmd=""
  [ -r "/proc/$pid/cmdline" ] && cmd=$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | cut -c1-120)
  [ -n "$cmd" ] || cmd=$(ps -o args= -p "$pid" 2>/dev/null | cut -c1-120)
  printf '%s' "${cmd:-unknown}"
}

# Fails with one line when TCP port $1 is taken by a process this script did not start:
# which process, and how to free the port or choose another ($2 names the port, $3 the variable).
require_free_port() {
  local port=$1 what=$2 variable=$3 pid
  pid=$(listening_pids "$port" | head -n 1 || true)
  [ -z "$pid" ] && return 0
  fail "port $port ($what) is in use by pid $pid ($(describe_pid "$pid")): stop that process, or choose another port: $variable=<port> $0"
}

# GET http://host:port/path with bash alone (no curl needed): prints the body, fails on no answer
# or a status other than 2xx. $2: seconds to wait at most (default 2).
http_get() {
  local url=$1 limit=${2:-2} rest host port path
  rest=${url#http://}
  host=${rest%%/*}
  path=/${rest#*/}
  [ "$rest" = "$host" ] && path=/
  port=${host##*:}
  [ "$port" = "$host" ] && port=80
  host=${host%:*}
  timeout "$limit" bash -c '
    exec 3<>"/dev/tcp/$1/$2" || exit 1
    printf "GET %s HTTP/1.0\r\nHost: %s\r\nConnection: close\r\n\r\n" "$3" "$1" >&3
    IFS= read -r status <&3 || exit 1
    case $status in "HTTP/1."?" 2"*) ;; *) exit 1 ;; esac
    while IFS= read -r line <&3 && [ "${line%$'"'"'\r'"'"'}" != "" ]; do :; done
    cat <&3' _ "$host" "$port" "$path" 2>/dev/null
}
