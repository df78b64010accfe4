#!/usr/bin/env bash
# Refreshes README's pictures of the Godot demo (docs/demo/login.png, character_select.png,
# world.png, inventory.png, trade.png, world_map2.png): runs GodotDemoIT, which plays the demo in Godot 4 under Xvfb against the backend on
# real processes and saves a screenshot of each scene, and copies them into docs/demo/.
# Needs what ./scripts/test.sh installs (Godot 4 via scripts/godot4.sh, JDK 25 found by the scripts).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=lib/java.sh
source scripts/lib/java.sh
./scripts/godot4.sh install >/dev/null
./mvnw -B -ntp -q install -DskipTests
CI=true ./mvnw -B -ntp verify -pl bot -Dit.test=GodotDemoIT -Dtest=none \
  -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false
mkdir -p docs/demo
for scene in login character_select world inventory trade world_map2; do
  cp "bot/target/godot-demo/$scene.png" "docs/demo/$scene.png"
done
echo "docs/demo/: login.png character_select.png world.png inventory.png trade.png world_map2.png"
