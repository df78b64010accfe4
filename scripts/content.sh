#!/usr/bin/env bash
# Checks a content folder as every server checks it at start, and prints each problem with its file
# and place:   ./scripts/content.sh check [content-folder]   (default: CONTENT_DIR, else content/)
# Exit codes: 0 valid (its version is printed), 1 problems, 2 bad arguments.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

if [ $# -lt 1 ] || [ $# -gt 2 ] || [ "$1" != check ]; then
  echo "usage: $0 check [content-folder]   (default: CONTENT_DIR, else the repository's content/)" >&2
  exit 2
fi

# shellcheck source=lib/java.sh
source "$ROOT/scripts/lib/java.sh"
# shellcheck source=lib/build.sh
source "$ROOT/scripts/lib/build.sh"
# The checker is world-content's, packed inside the map server's executable jar.
ensure_built map-server map-server/target/map-server.jar

export CONTENT_DIR=${CONTENT_DIR:-$ROOT/content}
exec java -Dloader.main=com.mmorpg.content.ContentCheck -cp "$ROOT/map-server/target/map-server.jar" \
  org.springframework.boot.loader.launch.PropertiesLauncher "$@"
