#!/usr/bin/env bash
# The race for the last place: two app instances on one PostgreSQL database at the 09:00 release
# (as scripts/bench-rush.sh), one released slot of a one-slot service brought down to exactly one
# free place (the slot with the fewest free places of the released day; the others are held
# through the API first, one citizen each), then LAST_PLACE_CLIENTS citizens ask to hold exactly
# that time at the same moment, split across both instances. Each has its own solved challenge and
# its own X-Forwarded-For address; the challenges are solved and the connections opened before the
# start, so the requests leave together. Prints how many won (201), how many heard 409 and how many
# of those named alternatives, other answers, the time from the start until the last citizen had
# an answer and the slowest answer, and the double-booking check in the database.
# Fails unless exactly one citizen won, no answer was a 5xx, every request got an answer, and the
# check holds. A measurement, not a test.
#
# Production settings as in scripts/bench-rush.sh: rate limits on (BENCH_RATE_LIMITS=false turns
# them off), challenges issued and verified as in production, at the low difficulty 8
# (BENCH_POW_DIFFICULTY) only so that the load tool's solving does not starve the 2 cores.
#
# Env: LAST_PLACE_CLIENTS (400), RUSH_DATE (2027-02-02), RUSH_CITY (demo or model), and the BENCH_*
#      options of scripts/lib/bench.sh (BENCH_PG_STATS=1: the race's top 15 statements;
#      BENCH_COUNTERS=1, BENCH_OUT: dotnet-counters on instance A). TERMINAGENT_BENCH_POSTGRES to use
#      an existing server, in a scratch database.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
export DEBIAN_FRONTEND=noninteractive DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

step() { printf '==> %s\n' "$*"; }
warn() { printf '==> ERROR: %s\n' "$*" >&2; }

clients="${LAST_PLACE_CLIENTS:-400}"
rush_date="${RUSH_DATE:-2027-02-02}"

# shellcheck source=scripts/lib/postgres.sh
source "$repo_root/scripts/lib/postgres.sh"
# shellcheck source=scripts/lib/bench.sh
source "$repo_root/scripts/lib/bench.sh"
trap bench_cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

make_work_dir terminagent-bench
bench_packages
bench_server_up
bench_build

app_db="terminagent_lastplace_$$"
create_scratch_db "$app_db"
rush_instances_up "$app_db" "$rush_date"

step "the last place: $clients citizens at once, split between :$port_a and :$port_b"
status=0
counters_start "${app_pids[0]}"
run_load lastplace --instances "http://127.0.0.1:$port_a,http://127.0.0.1:$port_b" \
  --database "$(connection_string "$app_db" 5)" --clients "$clients" --day "$release_day" \
  "${load_pg_stats_args[@]}" || status=$?
counters_stop
pg_stats_report "$app_db"
exit "$status"
