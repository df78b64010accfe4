#!/usr/bin/env bash
# Starts one map server (the seed's command):   ./start_server.sh <map_id> <port>
# Example: ./start_server.sh 1 4001 (id map-server-1; on another port, e.g. 2 4003: map-server-2-4003).
# Logs go to map_server.log beside this script (or LOG_FILE)
# and to the terminal. Environment: WORLD_DIRECTORY_URL, SERVER_IP, SERVER_ID, AUTH_SERVICE_URL,
# TICKET_SECRET, INTERNAL_API_KEY, CONTENT_DIR (see the README). Ctrl-C / SIGTERM shuts it down cleanly.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)

usage() { echo "usage: $0 <map_id> <port>   (map_id >= 1, port 1-65535; e.g. $0 1 4001)" >&2; exit 2; }
[ $# -eq 2 ] || usage
[[ $1 =~ ^[0-9]+$ ]] && [ "$1" -ge 1 ] || usage
[[ $2 =~ ^[0-9]+$ ]] && [ "$2" -ge 1 ] && [ "$2" -le 65535 ] || usage

# shellcheck source=../scripts/lib/java.sh
source "$ROOT/scripts/lib/java.sh"
# shellcheck source=../scripts/lib/build.sh
source "$ROOT/scripts/lib/build.sh"
ensure_built map-server map-server/target/map-server.jar

# A second server for a map needs an id of its own, or the two would overwrite each other's entry in
# the world directory: on its conventional port (4000 + map) a server is map-server-<map>, on any
# other port map-server-<map>-<port> (SERVER_ID, when set, wins).
if [ -z "${SERVER_ID:-}" ] && [ "$2" -ne $((4000 + $1)) ]; then
  export SERVER_ID="map-server-$1-$2"
fi

# The world's content (maps/<id>.json, mobs.json): the repository's content/ unless CONTENT_DIR says otherwise.
export CONTENT_DIR="${CONTENT_DIR:-$ROOT/content}"

LOG_FILE=${LOG_FILE:-$HERE/map_server.log}
RUN_DIR="${MMO_RUN_DIR:-$ROOT/.run}"
mkdir -p "$RUN_DIR" "$(dirname "$LOG_FILE")"
echo $$ > "$RUN_DIR/map-$1-$2.pid"   # exec keeps this PID: stop-dev.sh can stop it
# tee ignores Ctrl-C/SIGTERM (sent to the whole process group) so the shutdown's log lines still reach LOG_FILE.
exec java ${MAP_SERVER_JAVA_OPTS:---sun-misc-unsafe-memory-access=allow -Xmx512m} \
  -jar "$ROOT/map-server/target/map-server.jar" "$1" "$2" > >(trap '' INT TERM; exec tee -a "$LOG_FILE") 2>&1
