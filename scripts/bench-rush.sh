#!/usr/bin/env bash
# The 9 o'clock rush, on one machine: two app instances on one PostgreSQL database, many citizens
# booking the newly released day at once over the JSON API, then pgbench's standard write test on
# the same server. Prints bookings per second, hold latency (p50/p95/p99), answers by status,
# a check in the database that nothing was double-booked, pgbench's TPS and our ratio to it.
# A measurement, not a test: it fails only when a request got a 5xx or no answer, or the check fails.
#
# Production settings: the app's rate limits stay on (BENCH_RATE_LIMITS=false turns them off). The
# load tool connects from 127.0.0.1, which the instances trust as their reverse proxy
# (ClientAddress:KnownProxies), and sends every request of a simulated citizen with that citizen's
# own X-Forwarded-For address (10.x.y.z; a new citizen for every booking attempt, since a real one
# books once), so the per-address limits count as in production. Every hold carries a solved
# proof-of-work challenge, issued and verified as in production; only the difficulty stays low
# (BENCH_POW_DIFFICULTY, default 8, people get 14) so that the load tool's solving does not starve
# the 2 cores the app runs on.
#
# On a fresh Debian machine it installs PostgreSQL (server, client, pgbench) and curl with apt when
# missing and starts a throwaway server (fsync off, like scripts/test.sh); with
# TERMINAGENT_BENCH_POSTGRES="Host=…;Port=…;Username=…" it uses that server, in scratch databases
# it creates and drops.
#
# Closed loop (the default): RUSH_CLIENTS workers, each starting a new citizen when its last one is
# done, so a slow app also slows the arrivals. Open loop (RUSH_RATE=N): N citizens arrive every
# second for RUSH_SECONDS, whether or not the earlier ones were answered, each on the same journey
# (look-up, hold, alternatives on 409 up to five tries, confirmation); every latency counts from
# when the request was meant to be sent (the first one's from the citizen's arrival), so a queue
# in the app shows in the figures instead of slowing the load (no coordinated omission, as wrk2).
# Citizens still unanswered 60 s after the last arrival are abandoned and fail the run. The open
# loop prints how many citizens arrived and finished, and skips pgbench: its bookings per second
# are the arrival rate, not a throughput to compare.
#
# Env: RUSH_CLIENTS (200; in the open loop only the warm-up's look-up clients), RUSH_SECONDS (20),
#      RUSH_RATE (unset: closed loop), PGBENCH_SECONDS (= RUSH_SECONDS), PGBENCH_SCALE (10),
#      RUSH_DATE (2027-02-02, a Tuesday: the app's clock starts at 09:00 that day, just after the
#      advance release of the day 21 days later), RUSH_CITY (demo, or model: the simulation's city
#      for 700,000 contacts a year, about five times the places), RUSH_WARM_BOOKINGS (60 citizens
#      book the nearest days before the load, so that the hold's code is compiled; 0: none, the
#      warm-up then only looks), and the BENCH_* options of
#      scripts/lib/bench.sh: BENCH_RATE_LIMITS, BENCH_POW_DIFFICULTY, BENCH_PG_STATS=1 (the top 15
#      statements of the load from pg_stat_statements), BENCH_COUNTERS=1 and BENCH_OUT
#      (dotnet-counters on instance A).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
export DEBIAN_FRONTEND=noninteractive DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

step() { printf '==> %s\n' "$*"; }
warn() { printf '==> ERROR: %s\n' "$*" >&2; }

clients="${RUSH_CLIENTS:-200}"
seconds="${RUSH_SECONDS:-20}"
rate="${RUSH_RATE:-}"
pgbench_seconds="${PGBENCH_SECONDS:-$seconds}"
pgbench_scale="${PGBENCH_SCALE:-10}"
rush_date="${RUSH_DATE:-2027-02-02}"
warm_bookings="${RUSH_WARM_BOOKINGS:-60}"

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

app_db="terminagent_rush_$$"
pgbench_db="terminagent_pgbench_$$"
create_scratch_db "$app_db"

rush_instances_up "$app_db" "$rush_date"

rush_status=0
if [[ -n "$rate" ]]; then
  step "the rush, open loop: $rate citizens a second for $seconds s, alternating between :$port_a and :$port_b"
  load_mode=(--rate "$rate")
else
  step "the rush: $clients citizens for $seconds s, alternating between :$port_a and :$port_b"
  load_mode=()
fi
counters_start "${app_pids[0]}"
run_load rush --instances "http://127.0.0.1:$port_a,http://127.0.0.1:$port_b" \
  --database "$(connection_string "$app_db" 5)" --clients "$clients" --seconds "$seconds" --day "$release_day" --warm-bookings "$warm_bookings" \
  "${load_mode[@]}" "${load_pg_stats_args[@]}" |
  tee "$work_dir/rush.out" || rush_status=$?
counters_stop
pg_stats_report "$app_db"
stop_instances

if [[ -n "$rate" ]]; then
  exit "$rush_status"
fi
create_scratch_db "$pgbench_db"

bookings_per_second="$(sed -n 's/^RESULT .*bookings_per_second=\([0-9.]*\).*/\1/p' "$work_dir/rush.out")"

# pgbench's TPC-B-like write test on the same server, the app stopped, as many clients (at most
# what the server allows).
max_connections="$(pg_sql -d postgres -Atc 'SHOW max_connections')"
pgbench_clients=$((clients < max_connections - 20 ? clients : max_connections - 20))
step "pgbench -i -s $pgbench_scale, then -c $pgbench_clients -j 2 -T $pgbench_seconds (on $pgbench_db)"
pgbench -i -q -s "$pgbench_scale" -h "$pg_host" -p "$pg_port" -U "$pg_user" "$pgbench_db" >"$work_dir/pgbench-init.log" 2>&1 ||
  { cat "$work_dir/pgbench-init.log" >&2; warn "pgbench -i failed"; exit 1; }
pgbench -c "$pgbench_clients" -j 2 -T "$pgbench_seconds" -h "$pg_host" -p "$pg_port" -U "$pg_user" "$pgbench_db" 2>&1 |
  tee "$work_dir/pgbench.out" | grep -E '^(tps|latency average|number of (transactions|failed)|scaling factor)' || true
tps="$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$work_dir/pgbench.out" | tail -n 1)"

echo
if [[ -n "$bookings_per_second" && -n "$tps" ]]; then
  awk -v b="$bookings_per_second" -v t="$tps" 'BEGIN { printf "our bookings/s / pgbench TPS: %.1f / %.1f = %.3f\n", b, t, b / t }'
else
  warn "no figures to compare (bookings/s: '${bookings_per_second}', TPS: '${tps}')"
  rush_status=1
fi
exit "$rush_status"
