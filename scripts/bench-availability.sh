#!/usr/bin/env bash
# The free times under load: one app instance on PostgreSQL with the demo city, N concurrent
# clients against /health, then the free-times JSON API (/api/v1/services/{id}/free-times), then
# the HTML page of free times (/times), each for the same number of seconds in the same run.
# Prints each one's requests/s, p50/p95/p99, and the ratios API ÷ /health and page ÷ /health.
# A measurement, not a test. Installs and starts what it needs like scripts/bench-rush.sh
# (TERMINAGENT_BENCH_POSTGRES to use an existing server). The app's rate limits stay on, as in
# production (BENCH_RATE_LIMITS=false turns them off): the load tool names a new client address in
# X-Forwarded-For every 20 look-ups, which the instance believes from 127.0.0.1 only.
#
# Env: AVAILABILITY_CLIENTS (50), AVAILABILITY_SECONDS (10 per phase), RUSH_DATE (2027-02-02:
#      the app's clock starts at 10:00 that day, so 21 days of released, still empty slots).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
export DEBIAN_FRONTEND=noninteractive DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

step() { printf '==> %s\n' "$*"; }
warn() { printf '==> ERROR: %s\n' "$*" >&2; }

clients="${AVAILABILITY_CLIENTS:-50}"
seconds="${AVAILABILITY_SECONDS:-10}"
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

app_db="terminagent_availability_$$"
create_scratch_db "$app_db"
port="$(free_port 5180 5199)"
ten="$(TZ=Europe/Berlin date -d "$rush_date 10:00:00" +%s)"
step "app on :$port, clock from $rush_date 10:00 Europe/Berlin"
start_instance a "$port" "$app_db" "$(date -u -d "@$ten" +%Y-%m-%dT%H:%M:%S+00:00)"
wait_healthy "$port"
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$port/api/v1/services/personalausweis/free-times" | grep -q '"officeId"' && break
  sleep 0.5
done

# A few seconds of every kind of request first, so no phase pays for the JIT.
run_load availability --instances "http://127.0.0.1:$port" --clients 4 --seconds 2 >/dev/null
run_load availability --instances "http://127.0.0.1:$port" --clients "$clients" --seconds "$seconds"
