#!/usr/bin/env bash
# The bot tool (built on the client SDK). ./scripts/bot.sh --help lists its commands; ./scripts/bot.sh help load (or load --help) one of them.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib/java.sh
source "$ROOT/scripts/lib/java.sh"
# shellcheck source=lib/build.sh
source "$ROOT/scripts/lib/build.sh"
ensure_built bot bot/target/bot.jar
# The internal key of the stack ./scripts/start-dev.sh runs, for commands that move characters between maps.
KEY_FILE="${MMO_RUN_DIR:-$ROOT/.run}/internal-api-key"
if [ -z "${INTERNAL_API_KEY:-}" ] && [ -r "$KEY_FILE" ]; then
  INTERNAL_API_KEY=$(cat "$KEY_FILE")
  export INTERNAL_API_KEY
fi
exec java --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED -jar "$ROOT/bot/target/bot.jar" "$@"
