#!/usr/bin/env bash
# Runs the whole Terminagent test suite on a fresh Debian 12 machine:
#   1. installs the Debian packages the tests need (only when missing),
#   2. restores the .NET tools of .config/dotnet-tools.json (fails the script if it cannot),
#   3. starts a throwaway PostgreSQL server (unless TERMINAGENT_TEST_POSTGRES is set),
#   4. builds with -warnaserror, runs `dotnet test`, checks `dotnet format`,
#   5. lints the OpenAPI document the app serves (written by a test) with @redocly/cli and redocly.yaml,
#   6. prints "N passed, N failed[, N skipped]" as the very last line.
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
# shellcheck source=scripts/lib/postgres.sh
source "$repo_root/scripts/lib/postgres.sh"

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  pg_stop_throwaway
  if [[ -n "$work_dir" && -d "$work_dir" ]]; then
    rm -rf -- "$work_dir"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

make_work_dir

# ---------------------------------------------------------------------------
# Debian packages.
# ---------------------------------------------------------------------------
missing=()
need_pg=1
[[ -n "${TERMINAGENT_TEST_POSTGRES:-}" ]] && need_pg=0
if [[ $need_pg -eq 1 && -z "$(newest_pg_bin)" ]]; then
  missing+=(postgresql)
fi
# BackupTests run pg_dump and pg_restore against the test server, wherever that server runs.
compgen -G "/usr/lib/postgresql/*/bin/pg_restore" >/dev/null || missing+=(postgresql-client)
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
if ! { [[ -x /usr/bin/python3 ]] && /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1; }; then
  missing+=(python3-aiosmtpd)
fi
[[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]] || missing+=(fonts-dejavu-core)
command -v node >/dev/null 2>&1 || missing+=(nodejs)

install_packages "${missing[@]}"
[[ -x /usr/bin/chromium ]] || { warn "/usr/bin/chromium missing after install"; exit 1; }
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || { warn "aiosmtpd not importable by /usr/bin/python3"; exit 1; }
command -v dotnet >/dev/null 2>&1 || { warn "dotnet not found on PATH"; exit 1; }
# NodeSource's nodejs brings npm; Debian's needs the npm package, which conflicts with NodeSource's.
command -v npm >/dev/null 2>&1 || install_packages npm

# ---------------------------------------------------------------------------
# .NET tools of .config/dotnet-tools.json (dotnet-ef, dotnet-trace, dotnet-counters).
# ---------------------------------------------------------------------------
step "dotnet tool restore"
if ! dotnet tool restore; then
  warn "dotnet tool restore failed: the tools in .config/dotnet-tools.json could not be installed (is the NuGet feed reachable?)"
  exit 1
fi

# ---------------------------------------------------------------------------
# Throwaway PostgreSQL server.
# ---------------------------------------------------------------------------
if [[ $need_pg -eq 1 ]]; then
  pg_start_throwaway "scripts/test.sh: throwaway test server"
  export TERMINAGENT_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=200"
else
  step "using existing TERMINAGENT_TEST_POSTGRES"
  export TERMINAGENT_TEST_POSTGRES
fi

export TERMINAGENT_CHROMIUM="${TERMINAGENT_CHROMIUM:-/usr/bin/chromium}"
export TERMINAGENT_SMTP_PYTHON="${TERMINAGENT_SMTP_PYTHON:-/usr/bin/python3}"
export TERMINAGENT_REQUIRE_ALL=1

# ---------------------------------------------------------------------------
# The OpenAPI linter, from npm into a cache folder of its own (only when missing).
# ---------------------------------------------------------------------------
redocly_version=2.77.0
redocly_dir="${TERMINAGENT_TOOLS_CACHE:-$HOME/.cache/terminagent}/redocly-cli-$redocly_version"
redocly="$redocly_dir/node_modules/.bin/redocly"
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
redocly_problem=""
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'; then
  redocly_problem="@redocly/cli needs Node.js 20.19 or later, this machine has $(node --version)"
elif [[ ! -x "$redocly" ]]; then
  step "npm install @redocly/cli@$redocly_version"
  mkdir -p "$redocly_dir"
  if ! npm install --prefix "$redocly_dir" --no-audit --no-fund --loglevel=error "@redocly/cli@$redocly_version" >"$work_dir/npm.log" 2>&1; then
    tail -n 30 "$work_dir/npm.log" >&2
    warn "npm could not install @redocly/cli@$redocly_version"
    exit 1
  fi
fi

# ---------------------------------------------------------------------------
# Build, test, format check.
# ---------------------------------------------------------------------------
results_dir="$work_dir/results"
mkdir -p "$results_dir"
failed_steps=()

# The OpenAPI document as the app serves it: ApiClientDocumentTests writes it here for the linter.
openapi_doc="$work_dir/openapi.json"
export TERMINAGENT_OPENAPI_OUT="$openapi_doc"

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

if [[ -n "$redocly_problem" ]]; then
  warn "OpenAPI document not linted: $redocly_problem"
  failed_steps+=("redocly lint")
elif [[ -s "$openapi_doc" ]]; then
  step "redocly lint /openapi/v1.json (redocly.yaml)"
  if "$redocly" lint "$openapi_doc" --config "$repo_root/redocly.yaml" --format=stylish >"$work_dir/redocly.log" 2>&1; then
    grep -E "valid|warning" "$work_dir/redocly.log" | grep -v "Node.js" || true
  else
    grep -v -E "[║╔╚]" "$work_dir/redocly.log" >&2
    failed_steps+=("redocly lint")
  fi
elif (($# == 0)); then
  warn "the OpenAPI document was not written (ApiClientDocumentTests did not run): nothing to lint"
  failed_steps+=("redocly lint")
else
  step "redocly lint skipped: the test filter left out ApiClientDocumentTests, which writes the document"
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
