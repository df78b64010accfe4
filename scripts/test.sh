#!/usr/bin/env bash
# The whole test suite: unit, integration (real PostgreSQL and Redis) and end-to-end tests of
# every module. Extra arguments go to Maven, e.g. ./scripts/test.sh -pl auth-service -am
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=lib/java.sh
source scripts/lib/java.sh
# shellcheck source=lib/tools.sh
source scripts/lib/tools.sh
echo "Using JDK $JAVA_HOME"
# A Docker client that parses docker-compose.yml offline (no engine needed) for the deployment tests.
docker compose version >/dev/null 2>&1 || want_tool docker-compose docker-compose
# A real Godot engine, headless, for the Godot addon's tests (GodotAddonIT).
want_tool godot3 godot3
want_tool xvfb-run xvfb
want_tool xauth xauth
# Headless Chromium and its driver for the operations console's browser test (ConsoleBrowserIT).
want_tool chromium chromium
want_tool chromedriver chromium-driver
exec ./mvnw -B -ntp verify "$@"
