#!/usr/bin/env bash
# The bot CLI of the client SDK. ./scripts/bot.sh --help lists its commands; ./scripts/bot.sh help load (or load --help) one of them.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib/java.sh
source "$ROOT/scripts/lib/java.sh"
# shellcheck source=lib/build.sh
source "$ROOT/scripts/lib/build.sh"
ensure_built client client/target/client-bot.jar
exec java --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED -jar "$ROOT/client/target/client-bot.jar" "$@"
