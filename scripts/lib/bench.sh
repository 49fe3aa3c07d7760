# Shared by the benchmark scripts (source it after scripts/lib/postgres.sh): a PostgreSQL server
# (throwaway, or TERMINAGENT_BENCH_POSTGRES), the app and the load client built in Release, app
# instances started and stopped, and the cleanup of all of it. Measurements, not tests.

app_pids=()
scratch_dbs=()
pg_host=127.0.0.1
pg_user=postgres

bench_cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop_instances
  drop_scratch_dbs
  pg_stop_throwaway
  if [[ -n "$work_dir" && -d "$work_dir" ]]; then
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
