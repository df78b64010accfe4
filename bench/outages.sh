#!/usr/bin/env bash
# What an outage of the store costs (issue #39): StoreOutageIT with the production lease TTL (30 s),
# saves every SAVE_INTERVAL (10 s, the default) and the issue's durations: PostgreSQL stopped for 20 s
# and for 60 s, auth-service killed for 40 s and for 90 s, and auth-service killed while its writes
# wait for the database, each with PLAYERS players walking on a real map server over KryoNet. The
# test fails if anyone is removed or a last position is not stored; each outage prints one OUTAGE
# line (peak unsaved characters, oldest unsaved progress, how soon after the store came back no
# save waited for a retry), collected here and in BENCHMARKS.md.
#
#   ./bench/outages.sh                              the issue's durations, 20 players
#   PG=20s AUTH=40s PLAYERS=30 ./bench/outages.sh   other durations or players
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
source scripts/lib/java.sh
OUT=${OUT:-bench/results/outages}
mkdir -p "$OUT"
./mvnw -B -ntp -q install -DskipTests
status=0
./mvnw -B -ntp verify -pl bot -Dit.test=StoreOutageIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfailsafe.failIfNoSpecifiedTests=false -Doutage.postgres="${PG:-20s,60s}" -Doutage.auth="${AUTH:-40s,90s}" \
  -Doutage.leaseTtl="${LEASE_TTL:-30s}" -Doutage.saveInterval="${SAVE_INTERVAL:-10s}" -Doutage.players="${PLAYERS:-20}" \
  > "$OUT/maven.log" 2>&1 || status=$?
grep -E "Tests run:|BUILD" "$OUT/maven.log" | tail -3
grep -h "^OUTAGE" bot/target/failsafe-reports/com.mmorpg.bot.e2e.StoreOutageIT-output.txt | tee "$OUT/outages.txt"
exit "$status"
