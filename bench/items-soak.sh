#!/usr/bin/env bash
# The items soak (issue #37): bot load --items --rejoin, 200 bots looting, dropping and trading through the
# gateway for 10 minutes on real processes (PostgreSQL, auth-service, world-directory, gateway, two map
# servers for map 1 and one for map 2) while a map server picked at random is SIGKILLed about once a
# minute and started again under its id 5-20 s later; then every server stops (saving everyone) and the
# item books are audited from the database (ItemAudit: nothing owned twice, the ledger replayed equals
# the items table, created = alive + destroyed). Exit 1 if the audit finds a problem.
#
#   ./bench/items-soak.sh
#   BENCH_OPTS="-Dsoak.players=50 -Dsoak.duration=3m -Dsoak.killEvery=30s -Dsoak.seed=7" ./bench/items-soak.sh
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
source scripts/lib/java.sh
source bench/lib/run.sh
./mvnw -B -ntp -q install -DskipTests
BENCH_OPTS="-DLOG_LEVEL=WARN ${BENCH_OPTS:-}"
run_benchmark bot com.mmorpg.bot.ItemSoak
