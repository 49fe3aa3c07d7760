# Shared by the benchmark scripts (source it after scripts/lib/postgres.sh): a PostgreSQL server
# (throwaway, or TERMINAGENT_BENCH_POSTGRES), the app and the load client built in Release, app
# instances started and stopped, and the cleanup of all of it. Measurements, not tests.
#
# Options every script that uses it understands:
#   BENCH_RATE_LIMITS=false  the app's rate limits off (on by default, as in production)
#   BENCH_POW_DIFFICULTY     proof-of-work difficulty (8; people get 14)
#   BENCH_PG_STATS=1         the throwaway server loads pg_stat_statements (track = all); it is
#                            emptied just before the load and its top 15 statements by total
#                            execution time are printed after it
#   BENCH_COUNTERS=1         dotnet-counters (the repo's tool manifest) records instance A during
#                            the load (System.Runtime, ASP.NET Core hosting, Npgsql) and a summary
#                            is printed; the CSV is kept in BENCH_OUT when that is set
#   BENCH_OUT=DIR            where to keep the counters' CSV and the instances' logs (default:
#                            nothing is kept)
#   RUSH_CITY=model          the scripts that start the rush morning (rush_instances_up) run the
#                            app with the model city instead of the demo city (see bench_city)

app_pids=()
scratch_dbs=()
pg_host=127.0.0.1
pg_user=postgres
bench_pg_stats="${BENCH_PG_STATS:-0}"
bench_city_file=""
load_pg_stats_args=()
counters_pid=""
counters_csv=""

bench_cleanup() {
  local status=$?
  trap - EXIT INT TERM
  counters_stop >/dev/null 2>&1 || true
  stop_instances
  drop_scratch_dbs
  pg_stop_throwaway
  if [[ -n "$work_dir" && -d "$work_dir" ]]; then
    if [[ -n "${BENCH_OUT:-}" ]]; then
      mkdir -p "$BENCH_OUT" && cp -- "$work_dir"/*.log "$BENCH_OUT"/ 2>/dev/null || true
    fi
    rm -rf -- "$work_dir"
  fi
  exit "$status"
}

# Packages the benchmarks need (PostgreSQL server and client, pgbench, curl) when missing.
bench_packages() {
  local missing=()
  if [[ -z "${TERMINAGENT_BENCH_POSTGRES:-}" && -z "$(newest_pg_bin)" ]]; then
    missing+=(postgresql)
  fi
  command -v psql >/dev/null 2>&1 && command -v pgbench >/dev/null 2>&1 || missing+=(postgresql-client)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  install_packages "${missing[@]}"
  command -v dotnet >/dev/null 2>&1 || { warn "dotnet not found on PATH"; exit 1; }
}

# Reads Host/Port/Username from TERMINAGENT_BENCH_POSTGRES, or starts a throwaway server.
bench_server_up() {
  if [[ -n "${TERMINAGENT_BENCH_POSTGRES:-}" ]]; then
    local part key value
    pg_port=5432
    IFS=';' read -ra parts <<<"$TERMINAGENT_BENCH_POSTGRES"
    for part in "${parts[@]}"; do
      key="${part%%=*}"
      value="${part#*=}"
      case "${key,,}" in
        host | server) pg_host="$value" ;;
        port) pg_port="$value" ;;
        username | user | "user id") pg_user="$value" ;;
        password) export PGPASSWORD="$value" ;;
      esac
    done
    step "using the PostgreSQL server of TERMINAGENT_BENCH_POSTGRES ($pg_host:$pg_port): scratch databases only"
  else
    if [[ "$bench_pg_stats" == 1 ]]; then
      pg_extra_conf="shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track = all"
    fi
    pg_start_throwaway "scripts/bench: throwaway benchmark server" 55460 55479
  fi
}

pg_sql() {
  PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning" \
  psql -X -q -v ON_ERROR_STOP=1 -h "$pg_host" -p "$pg_port" -U "$pg_user" "$@"
}

# create_scratch_db <name>: a fresh database, dropped again at exit.
create_scratch_db() {
  pg_sql -d postgres -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" -c "CREATE DATABASE \"$1\""
  scratch_dbs+=("$1")
}

drop_scratch_dbs() {
  local db
  for db in "${scratch_dbs[@]}"; do
    pg_sql -d postgres -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1 || true
  done
  scratch_dbs=()
}

connection_string() {
  printf 'Host=%s;Port=%s;Username=%s;Database=%s;Maximum Pool Size=%s%s' \
    "$pg_host" "$pg_port" "$pg_user" "$1" "${2:-100}" "${PGPASSWORD:+;Password=$PGPASSWORD}"
}

# Publishes the app and the load client in Release into $work_dir.
bench_build() {
  step "dotnet publish src/Terminagent.Web and bench/Terminagent.Load (Release)"
  dotnet publish "$repo_root/src/Terminagent.Web" -c Release -o "$work_dir/web" --nologo -v quiet >"$work_dir/publish.log" 2>&1 ||
    { tail -n 30 "$work_dir/publish.log" >&2; warn "publishing the app failed"; exit 1; }
  dotnet publish "$repo_root/bench/Terminagent.Load" -c Release -o "$work_dir/load" --nologo -v quiet >>"$work_dir/publish.log" 2>&1 ||
    { tail -n 30 "$work_dir/publish.log" >&2; warn "publishing the load client failed"; exit 1; }
}

# start_instance <name> <port> <database> [Clock:StartAt]: one app instance in the background.
# Logs to $work_dir/<name>.log; warnings only, so logging does not weigh on the measurement.
start_instance() {
  local name="$1" port="$2" database="$3" start_at="${4:-}"
  mkdir -p "$work_dir/$name"
  (
    cd "$work_dir/web"
    export ASPNETCORE_ENVIRONMENT=Production
    export ASPNETCORE_URLS="http://127.0.0.1:$port"
    export Database__Provider=Postgres
    export Database__ConnectionString="$(connection_string "$database" 100)"
    export App__PublicBaseUrl="http://127.0.0.1:$port"
    export Mail__Transport=Folder
    export Mail__Folder="$work_dir/$name/mail"
    export Logging__LogLevel__Default=Warning
    # Production settings: the rate limits are on (BENCH_RATE_LIMITS=false turns them off) and the
    # load tool, connecting from 127.0.0.1 like the city's reverse proxy, names each simulated
    # person's own address in X-Forwarded-For, which the app believes from that proxy only.
    # Challenges are issued and verified as in production; only their difficulty stays low
    # (BENCH_POW_DIFFICULTY, default 8; people get 14) so that the load tool's solving does not
    # starve the 2 cores the app runs on.
    export RateLimits__Enabled="${BENCH_RATE_LIMITS:-true}"
    export ClientAddress__KnownProxies__0=127.0.0.1
    export ProofOfWork__Difficulty="${BENCH_POW_DIFFICULTY:-8}"
    [[ -n "$start_at" ]] && export Clock__StartAt="$start_at"
    [[ -n "$bench_city_file" ]] && export CityFile="$bench_city_file"
    exec dotnet Terminagent.Web.dll
  ) >"$work_dir/$name.log" 2>&1 &
  app_pids+=($!)
}

# wait_healthy <port>...: until each instance answers /health with 200 (at most 120 s).
wait_healthy() {
  local port
  for port in "$@"; do
    for _ in $(seq 1 240); do
      if curl -fsS -o /dev/null "http://127.0.0.1:$port/health" 2>/dev/null; then
        continue 2
      fi
      local pid
      for pid in "${app_pids[@]}"; do
        kill -0 "$pid" 2>/dev/null || { tail -n 40 "$work_dir"/*.log >&2; warn "an app instance exited"; exit 1; }
      done
      sleep 0.5
    done
    tail -n 40 "$work_dir"/*.log >&2
    warn "the app on port $port did not become healthy"
    exit 1
  done
}

stop_instances() {
  local pid
  for pid in "${app_pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${app_pids[@]}"; do
    for _ in $(seq 1 40); do
      kill -0 "$pid" 2>/dev/null || continue 2
      sleep 0.25
    done
    kill -KILL "$pid" 2>/dev/null || true
  done
  app_pids=()
}

free_port() {
  local candidate
  for candidate in $(seq "$1" "$2"); do
    port_busy "$candidate" || { printf '%s' "$candidate"; return 0; }
  done
  warn "no free port in $1-$2"
  exit 1
}

run_load() {
  dotnet "$work_dir/load/Terminagent.Load.dll" "$@"
}

# bench_city <rush date>: which city the instances run. RUSH_CITY=demo (default): the app's own
# city.json (11 offices, 798 places at the 09:00 release of a Tuesday). RUSH_CITY=model: the city
# the simulation generates for 700,000 contacts a year (tools/Terminagent.Simulation's
# CityGenerator, --contacts-per-year; RUSH_CITY_CONTACTS changes it): the demo city's 11 offices
# and services, their counters scaled so that a year's places meet the contacts at 1.37 places
# each, about five times the demo city's. The load tool writes it; the instances read it through
# the app's CityFile setting.
bench_city() {
  case "${RUSH_CITY:-demo}" in
    demo) bench_city_file="" ;;
    model)
      bench_city_file="$work_dir/model-city.json"
      step "the model city: ${RUSH_CITY_CONTACTS:-700000} contacts a year ($bench_city_file)"
      run_load city --out "$bench_city_file" --contacts-per-year "${RUSH_CITY_CONTACTS:-700000}" --start "$1" ||
        { warn "writing the model city failed"; exit 1; }
      ;;
    *) warn "RUSH_CITY must be demo or model, not '$RUSH_CITY'"; exit 2 ;;
  esac
}

# rush_instances_up <database> <rush date>: instances A and B (ports in port_a and port_b) on
# <database>, with the city of bench_city, whose clocks read 09:00 Europe/Berlin on <rush date> at
# the same real moment, just after the advance release of the day 21 days later (release_day). The
# first migrates the database; both plan the slots. Waits until the released day is bookable,
# prints its places, and makes the database ready for BENCH_PG_STATS.
rush_instances_up() {
  local database="$1" rush_date="$2" nine t0
  release_day="$(date -d "$rush_date + 21 days" +%F)"
  bench_city "$rush_date"
  # Each instance gets the rush morning plus the time since the first one started.
  nine="$(TZ=Europe/Berlin date -d "$rush_date 09:00:00" +%s)"
  t0="$(date +%s)"
  port_a="$(free_port 5180 5189)"
  step "instance A on :$port_a (migrates the database), clock from $rush_date 09:00 Europe/Berlin"
  start_instance a "$port_a" "$database" "$(date -u -d "@$((nine + $(date +%s) - t0))" +%Y-%m-%dT%H:%M:%S+00:00)"
  wait_healthy "$port_a"
  port_b="$(free_port $((port_a + 1)) 5199)"
  step "instance B on :$port_b"
  start_instance b "$port_b" "$database" "$(date -u -d "@$((nine + $(date +%s) - t0))" +%Y-%m-%dT%H:%M:%S+00:00)"
  wait_healthy "$port_b"

  # The slots are planned by a worker at start; wait until the released day is bookable.
  for _ in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:$port_a/api/v1/services/personalausweis/free-times?day=$release_day" | grep -q '"officeId"'; then
      break
    fi
    sleep 0.5
  done
  local places
  places="$(pg_sql -d "$database" -Atc "SELECT coalesce(sum(\"Capacity\" - \"HeldBack\"), 0) || ' places in ' || count(*) || ' slots (' || count(DISTINCT \"OfficeId\") || ' offices)' FROM slots WHERE \"Date\" = '$release_day'")"
  step "released at 09:00: $release_day, $places"
  pg_stats_ready "$database"
}

# pg_stats_ready <database>: with BENCH_PG_STATS=1, the extension in the app's database, and the
# load tool's option to empty it just before the load (load_pg_stats_args).
pg_stats_ready() {
  [[ "$bench_pg_stats" == 1 ]] || return 0
  if pg_sql -d "$1" -c 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements' >/dev/null 2>&1 &&
    pg_sql -d "$1" -Atc 'SELECT count(*) FROM pg_stat_statements' >/dev/null 2>&1; then
    load_pg_stats_args=(--reset-pg-stats true)
  else
    warn "pg_stat_statements is not loaded by this server (shared_preload_libraries): no statement profile"
    bench_pg_stats=0
  fi
}

# pg_stats_report <database>: the top 15 statements of the load by total execution time. The load
# tool's own statements (its outbox reader and the check afterwards) are among them.
pg_stats_report() {
  [[ "$bench_pg_stats" == 1 ]] || return 0
  echo
  step "pg_stat_statements: top 15 statements by total execution time since the load began ($1)"
  pg_sql -d "$1" -P pager=off -c "
    SELECT calls, round(total_exec_time::numeric, 1) AS total_ms, round(mean_exec_time::numeric, 2) AS mean_ms, rows,
           left(regexp_replace(query, '\s+', ' ', 'g'), 160) AS query
    FROM pg_stat_statements
    WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
    ORDER BY total_exec_time DESC
    LIMIT 15"
}

# counters_start <pid>: with BENCH_COUNTERS=1, dotnet-counters records the process (instance A)
# every second into a CSV, until counters_stop.
counters_start() {
  [[ "${BENCH_COUNTERS:-0}" == 1 ]] || return 0
  local out="${BENCH_OUT:-$work_dir}"
  mkdir -p "$out"
  counters_csv="$out/counters-a-$(date +%Y%m%d-%H%M%S).csv"
  (cd "$repo_root" && dotnet tool restore >"$work_dir/tool-restore.log" 2>&1) ||
    { tail -n 20 "$work_dir/tool-restore.log" >&2; warn "dotnet tool restore failed: no counters"; return 0; }
  # The meters of System.Runtime; ASP.NET Core's and Npgsql's EventCounters, which have the rates.
  (cd "$repo_root" && exec dotnet dotnet-counters collect -p "$1" --refresh-interval 1 --format csv -o "$counters_csv" \
    --counters 'System.Runtime,EventCounters\Microsoft.AspNetCore.Hosting,EventCounters\Npgsql') \
    </dev/null >"$work_dir/counters.log" 2>&1 &
  counters_pid=$!
  step "dotnet-counters records instance A (pid $1) into $counters_csv"
}

# counters_stop: ends the recording (SIGTERM: a background job ignores SIGINT) and prints a summary.
counters_stop() {
  [[ -n "$counters_pid" ]] || return 0
  kill -TERM "$counters_pid" 2>/dev/null || true
  wait "$counters_pid" 2>/dev/null || true
  counters_pid=""
  if [[ ! -s "$counters_csv" ]]; then
    cat "$work_dir/counters.log" >&2
    warn "dotnet-counters wrote nothing"
    return 0
  fi
  echo
  step "dotnet-counters, instance A, one sample a second over the load (warm-up included)"
  awk -F, '
    NR == 1 { next }
    $3 ~ /^dotnet\.process\.cpu\.time/ { cpu[$1] += $5 }
    $3 ~ /^dotnet\.process\.cpu\.count/ { cores = $5 }
    $3 ~ /^dotnet\.gc\.last_collection\.heap\.size/ { heap[$1] += $5 }
    $3 ~ /^dotnet\.gc\.pause\.time/ { pause += $5 }
    $3 ~ /^Request Rate/ { req += $5; nreq++; if ($5 > reqmax) reqmax = $5 }
    $3 ~ /^Command Rate/ { cmd += $5; ncmd++; if ($5 > cmdmax) cmdmax = $5 }
    END {
      for (t in cpu) { c += cpu[t]; nc++; if (cpu[t] > cmax) cmax = cpu[t] }
      for (t in heap) { h += heap[t]; nh++; if (heap[t] > hmax) hmax = heap[t] }
      if (nc) printf "  CPU: %.2f cores on average (%.0f%% of %d), at most %.2f; GC pauses %.2f s in all\n", c / nc, 100 * c / nc / (cores ? cores : 1), cores, cmax, pause
      if (nh) printf "  GC heap after a collection: %.0f MB on average, at most %.0f MB\n", h / nh / 1048576, hmax / 1048576
      if (nreq) printf "  requests: %.0f/s on average, at most %.0f/s\n", req / nreq, reqmax
      if (ncmd) printf "  Npgsql commands: %.0f/s on average, at most %.0f/s\n", cmd / ncmd, cmdmax
    }' "$counters_csv"
  [[ -n "${BENCH_OUT:-}" ]] && echo "  (all counters in $counters_csv)"
  return 0
}
