#!/usr/bin/env bash
# The whole test suite: unit, integration (real PostgreSQL and Redis) and end-to-end tests of
# every module. Extra arguments go to Maven, e.g. ./scripts/test.sh -pl auth-service -am
# Installs the tools the tests drive (Godot 4 and 3, xvfb, Chromium, the Docker client) when it can;
# under CI=true one it cannot install fails the run instead of skipping tests.
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
# Real Godot engines for the addon's and the demo's tests (GodotAddonIT, GodotDemoIT): Godot 4.6 in a
# Debian sid chroot kept in a cache folder (scripts/godot4.sh; about a minute the first time), and
# Debian's Godot 3.2 for the addon's 3.x variant.
if version=$(./scripts/godot4.sh install); then
  echo "Godot 4: $version"
else
  tool_missing "Godot 4 (./scripts/godot4.sh install)"
fi
want_tool godot3 godot3
want_tool xvfb-run xvfb
want_tool xauth xauth
# Headless Chromium and its driver for the operations console's browser test (ConsoleBrowserIT).
want_tool chromium chromium
want_tool chromedriver chromium-driver
# The Kubernetes manifests are rendered with kustomize (built into kubectl) and checked.
want_tool kubectl kubernetes-client
# Two modules at once where the module graph allows (the four services' tests; client and deployment
# wait for the jars they start), and two integration test JVMs in client and deployment (it.forks): the
# tests mostly wait on the processes they started, so one at a time leaves half of a 2-core machine idle.
exec ./mvnw -B -ntp -T 2 verify "$@"
