# Shared by scripts/test.sh and the benchmark scripts (source it, do not run it): a scratch
# folder, Debian packages installed with apt when missing, and a throwaway PostgreSQL server.
# The caller owns the cleanup: its EXIT trap calls pg_stop_throwaway and removes "$work_dir".
#
# Variables it sets: is_root, work_dir, pg_bin, pg_data, pg_log, pg_port, pg_started.
# Callers define step() and warn() before sourcing.

work_dir=""
pg_bin=""
pg_data=""
pg_log=""
pg_port=""
pg_started=0
# More postgresql.conf lines for the next pg_start_throwaway (e.g. shared_preload_libraries).
pg_extra_conf=""
is_root=0
[[ "$(id -u)" -eq 0 ]] && is_root=1

as_pg() {
  # initdb/postgres refuse to run as root: run them as the postgres user then.
  if [[ $is_root -eq 1 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

pg_stop_throwaway() {
  if [[ $pg_started -eq 1 ]]; then
    as_pg "$pg_bin/pg_ctl" -D "$pg_data" -m immediate -w stop >/dev/null 2>&1 || true
    pg_started=0
  fi
}

# make_work_dir [prefix]: a scratch folder the postgres user can write to, in $work_dir.
make_work_dir() {
  local prefix="${1:-terminagent-pg}"
  work_dir="$(mktemp -d "${TMPDIR:-/tmp}/$prefix.XXXXXX")"
  chmod 755 "$work_dir"
  if [[ $is_root -eq 1 ]]; then
    chown postgres: "$work_dir"
    # The postgres user must be able to reach the folder (e.g. TMPDIR=/root/tmp would not do).
    if ! runuser -u postgres -- test -w "$work_dir"; then
      rm -rf -- "$work_dir"
      work_dir="$(mktemp -d "/tmp/$prefix.XXXXXX")"
      chmod 755 "$work_dir"
      chown postgres: "$work_dir"
    fi
  fi
}

newest_pg_bin() {
  local dir best="" best_ver=-1 ver
  for dir in /usr/lib/postgresql/*/bin; do
    [[ -x "$dir/postgres" && -x "$dir/initdb" && -x "$dir/pg_ctl" ]] || continue
    ver="${dir#/usr/lib/postgresql/}"
    ver="${ver%%/*}"
    ver="${ver%%.*}"
    [[ "$ver" =~ ^[0-9]+$ ]] || continue
    if ((ver > best_ver)); then
      best_ver=$ver
      best=$dir
    fi
  done
  printf '%s' "$best"
}

# install_packages pkg...: apt-get install, as root or through sudo -n; exits on failure.
install_packages() {
  (($# > 0)) || return 0
  local sudo_cmd=()
  if [[ $is_root -eq 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo_cmd=(sudo -n env DEBIAN_FRONTEND=noninteractive)
    else
      warn "missing packages ($*) and not root: install them first"
      exit 1
    fi
  fi
  local apt_log="$work_dir/apt.log" pkg
  step "apt-get update"
  if ! "${sudo_cmd[@]}" apt-get update -q >"$apt_log" 2>&1; then
    tail -n 30 "$apt_log" >&2
    warn "apt-get update failed"
    exit 1
  fi
  for pkg in "$@"; do
    step "installing $pkg"
  done
  if ! "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "$@" >>"$apt_log" 2>&1; then
    tail -n 30 "$apt_log" >&2
    warn "apt-get install $* failed"
    exit 1
  fi
}

port_busy() {
  # Something answers on 127.0.0.1:$1?
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# pg_start_throwaway <label> [first port] [last port]: initdb under $work_dir/data and start a
# server on the first free port of the range (default 55432-55451), trust auth, fsync off.
# Sets pg_port and pg_started=1; exits on failure.
pg_start_throwaway() {
  local label="$1" first="${2:-55432}" last="${3:-55451}" candidate ready
  pg_bin="$(newest_pg_bin)"
  [[ -n "$pg_bin" ]] || { warn "no PostgreSQL server binaries under /usr/lib/postgresql"; exit 1; }
  pg_data="$work_dir/data"
  pg_log="$work_dir/postgres.log"
  step "initdb ($pg_bin)"
  if ! as_pg "$pg_bin/initdb" -D "$pg_data" --auth=trust --username=postgres \
    --encoding=UTF8 --locale=C.UTF-8 >"$work_dir/initdb.log" 2>&1; then
    rm -rf -- "$pg_data"
    if ! as_pg "$pg_bin/initdb" -D "$pg_data" --auth=trust --username=postgres \
      --encoding=UTF8 --no-locale >"$work_dir/initdb.log" 2>&1; then
      cat "$work_dir/initdb.log" >&2
      warn "initdb failed"
      exit 1
    fi
  fi
  cat >>"$pg_data/postgresql.conf" <<CONF

# --- $label ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$work_dir'
max_connections = 300
fsync = off
synchronous_commit = off
full_page_writes = off
$pg_extra_conf
CONF

  pg_port=""
  for candidate in $(seq "$first" "$last"); do
    port_busy "$candidate" && continue
    if as_pg "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_log" -o "-p $candidate" -w -t 60 start >/dev/null 2>&1; then
      pg_port=$candidate
      pg_started=1
      break
    fi
    # Port taken between the check and the start, or another failure: stop whatever half-started.
    as_pg "$pg_bin/pg_ctl" -D "$pg_data" -m immediate -w stop >/dev/null 2>&1 || true
  done
  if [[ -z "$pg_port" ]]; then
    [[ -f "$pg_log" ]] && tail -n 30 "$pg_log" >&2
    warn "could not start PostgreSQL on any port $first-$last"
    exit 1
  fi
  ready=0
  for _ in $(seq 1 60); do
    if "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$pg_port" -U postgres; then
      ready=1
      break
    fi
    sleep 0.5
  done
  if [[ $ready -ne 1 ]]; then
    tail -n 30 "$pg_log" >&2
    warn "PostgreSQL did not become ready"
    exit 1
  fi
  step "postgres ready on 127.0.0.1:$pg_port"
}
