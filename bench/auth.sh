#!/usr/bin/env bash
# auth-service benchmark (issue #3): raw bcrypt vs POST /auth/login, and GET /characters, over
# real HTTP against the real service on embedded PostgreSQL. Prints a table; see BENCHMARKS.md.
# Options as system properties: BENCH_OPTS="-Dbench.seconds=10 -Dbench.rounds=5 -Dbench.loginClients=16 -Dbench.readClients=32"
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
source scripts/lib/java.sh
source scripts/lib/tools.sh
source bench/lib/run.sh
need_tool wrk wrk
run_benchmark auth-service com.mmorpg.auth.bench.AuthBenchmark
