#!/usr/bin/env bash
# Runs the whole Terminagent test suite on a fresh Debian 12 machine:
#   1. installs the Debian packages the tests need (only when missing),
#   2. starts a throwaway PostgreSQL server (unless TERMINAGENT_TEST_POSTGRES is set),
#   3. builds with -warnaserror, runs `dotnet test`, checks `dotnet format`,
#   4. prints "N passed, N failed[, N skipped]" as the very last line.
# Extra arguments are passed to `dotnet test`, e.g.
#   scripts/test.sh --filter FullyQualifiedName~Race
# Env: TERMINAGENT_SOLUTION (default Terminagent.slnx, relative to the repo root or absolute).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

solution="${TERMINAGENT_SOLUTION:-Terminagent.slnx}"

export DEBIAN_FRONTEND=noninteractive
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

step() { printf '==> %s\n' "$*"; }
warn() { printf '==> ERROR: %s\n' "$*" >&2; }

# ---------------------------------------------------------------------------
# Scratch folder (PostgreSQL data + socket, TRX results, logs) and cleanup.
# ---------------------------------------------------------------------------
work_dir=""
pg_bin=""
pg_data=""
pg_started=0
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

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [[ $pg_started -eq 1 ]]; then
    as_pg "$pg_bin/pg_ctl" -D "$pg_data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  if [[ -n "$work_dir" && -d "$work_dir" ]]; then
    rm -rf -- "$work_dir"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

make_work_dir() {
  work_dir="$(mktemp -d "${TMPDIR:-/tmp}/terminagent-pg.XXXXXX")"
  chmod 755 "$work_dir"
  if [[ $is_root -eq 1 ]]; then
    chown postgres: "$work_dir"
    # The postgres user must be able to reach the folder (e.g. TMPDIR=/root/tmp would not do).
    if ! runuser -u postgres -- test -w "$work_dir"; then
      rm -rf -- "$work_dir"
      work_dir="$(mktemp -d /tmp/terminagent-pg.XXXXXX)"
      chmod 755 "$work_dir"
      chown postgres: "$work_dir"
    fi
  fi
}
make_work_dir

# ---------------------------------------------------------------------------
# Debian packages.
# ---------------------------------------------------------------------------
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

missing=()
need_pg=1
[[ -n "${TERMINAGENT_TEST_POSTGRES:-}" ]] && need_pg=0
if [[ $need_pg -eq 1 && -z "$(newest_pg_bin)" ]]; then
  missing+=(postgresql)
fi
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
if ! { [[ -x /usr/bin/python3 ]] && /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1; }; then
  missing+=(python3-aiosmtpd)
fi
[[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]] || missing+=(fonts-dejavu-core)

if ((${#missing[@]} > 0)); then
  sudo_cmd=()
  if [[ $is_root -eq 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo_cmd=(sudo -n env DEBIAN_FRONTEND=noninteractive)
    else
      warn "missing packages (${missing[*]}) and not root: install them first"
      exit 1
    fi
  fi
  apt_log="$work_dir/apt.log"
  step "apt-get update"
  if ! "${sudo_cmd[@]}" apt-get update -q >"$apt_log" 2>&1; then
    tail -n 30 "$apt_log" >&2
    warn "apt-get update failed"
    exit 1
  fi
  for pkg in "${missing[@]}"; do
    step "installing $pkg"
  done
  if ! "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >>"$apt_log" 2>&1; then
    tail -n 30 "$apt_log" >&2
    warn "apt-get install ${missing[*]} failed"
    exit 1
  fi
fi
[[ -x /usr/bin/chromium ]] || { warn "/usr/bin/chromium missing after install"; exit 1; }
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || { warn "aiosmtpd not importable by /usr/bin/python3"; exit 1; }
command -v dotnet >/dev/null 2>&1 || { warn "dotnet not found on PATH"; exit 1; }

# ---------------------------------------------------------------------------
# Throwaway PostgreSQL server.
# ---------------------------------------------------------------------------
port_busy() {
  # Something answers on 127.0.0.1:$1?
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

if [[ $need_pg -eq 1 ]]; then
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
  cat >>"$pg_data/postgresql.conf" <<EOF

# --- scripts/test.sh: throwaway test server ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$work_dir'
max_connections = 300
fsync = off
synchronous_commit = off
full_page_writes = off
EOF

  pg_port=""
  for candidate in $(seq 55432 55451); do
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
    warn "could not start PostgreSQL on any port 55432-55451"
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
  export TERMINAGENT_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=200"
else
  step "using existing TERMINAGENT_TEST_POSTGRES"
  export TERMINAGENT_TEST_POSTGRES
fi

export TERMINAGENT_CHROMIUM="${TERMINAGENT_CHROMIUM:-/usr/bin/chromium}"
export TERMINAGENT_SMTP_PYTHON="${TERMINAGENT_SMTP_PYTHON:-/usr/bin/python3}"
export TERMINAGENT_REQUIRE_ALL=1

# ---------------------------------------------------------------------------
# Build, test, format check.
# ---------------------------------------------------------------------------
results_dir="$work_dir/results"
mkdir -p "$results_dir"
failed_steps=()

step "dotnet build $solution -c Release -warnaserror"
if dotnet build "$solution" -c Release -warnaserror; then
  step "dotnet test $solution${*:+ $*}"
  if ! dotnet test "$solution" -c Release --no-build \
    --logger "console;verbosity=normal" \
    --logger "trx;LogFilePrefix=results" \
    --results-directory "$results_dir" \
    "$@"; then
    failed_steps+=("dotnet test")
  fi
else
  failed_steps+=("dotnet build")
  warn "build failed: tests not run"
fi

step "dotnet format $solution --verify-no-changes"
if ! dotnet format "$solution" --verify-no-changes --no-restore; then
  failed_steps+=("dotnet format")
fi

# Sum the <Counters .../> of every TRX file (one per test project).
if ! summary="$(/usr/bin/python3 - "$results_dir" <<'PY'
import pathlib
import sys
import xml.etree.ElementTree as ET

total = passed = failed = 0
for trx in sorted(pathlib.Path(sys.argv[1]).rglob("*.trx")):
    try:
        root = ET.parse(trx).getroot()
    except ET.ParseError as exc:
        print(f"==> unreadable {trx.name}: {exc}", file=sys.stderr)
        failed += 1
        continue
    for counters in root.iter():
        if counters.tag.rsplit("}", 1)[-1] != "Counters":
            continue
        a = counters.attrib
        n = lambda k: int(a.get(k, "0") or 0)
        total += n("total")
        passed += n("passed")
        failed += n("failed") + n("error") + n("timeout") + n("aborted")
skipped = max(total - passed - failed, 0)
line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
PY
)"; then
  summary="0 passed, 1 failed"
  failed_steps+=("reading TRX results")
fi

if ((${#failed_steps[@]} > 0)); then
  warn "failed: ${failed_steps[*]}"
fi
printf '%s\n' "$summary"
if ((${#failed_steps[@]} > 0)); then
  exit 1
fi
