#!/usr/bin/env bash
# The figures of "Trust: abuse, faults, bad input" on one machine (a measurement, not a test, and
# not part of the timed test suite): tools/Terminagent.Trust starts what each section needs — the
# built app as processes on scratch PostgreSQL databases, the SMTP sink (scripts/smtp_sink.py),
# a TCP proxy in front of the database — and prints a table per section and a summary ending in
# "lost: 0". Exits non-zero when anything was lost or an invariant broke.
#
# The tool does not reference the web host: this script builds src/Terminagent.Web and the tool
# (Release) and passes the app's build folder with --app; the tool runs the app only as a child
# process and learns its routes from `dotnet Terminagent.Web.dll routes --json`.
#
# On a fresh Debian machine it installs PostgreSQL and python3-aiosmtpd with apt when missing and
# starts a throwaway server; with TERMINAGENT_BENCH_POSTGRES="Host=…;Port=…;Username=…" it uses that
# server, in scratch databases it creates and drops.
#
# Env: FIGURES_KILLS (3), FIGURES_SMTP_DOWN_SECONDS (60), FIGURES_DB_DOWN_SECONDS (10).
# Extra arguments go to the tool (see `dotnet run -c Release --project tools/Terminagent.Trust -- --help`).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
export DEBIAN_FRONTEND=noninteractive DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

step() { printf '==> %s\n' "$*"; }
warn() { printf '==> ERROR: %s\n' "$*" >&2; }

# shellcheck source=scripts/lib/postgres.sh
source "$repo_root/scripts/lib/postgres.sh"
# shellcheck source=scripts/lib/bench.sh
source "$repo_root/scripts/lib/bench.sh"
trap bench_cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

make_work_dir terminagent-figures
bench_packages
if ! { [[ -x /usr/bin/python3 ]] && /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1; }; then
  install_packages python3-aiosmtpd
fi
bench_server_up

# build_release <project folder>: builds it in Release and prints the folder its build landed in
# (bin/Release/net10.0, or under TERMINAGENT_ARTIFACTS when that is set; see Directory.Build.props).
build_release() {
  dotnet build "$repo_root/$1" -c Release --nologo -v quiet >>"$work_dir/build.log" 2>&1 ||
    { tail -n 30 "$work_dir/build.log" >&2; warn "building $1 failed"; exit 1; }
  dotnet msbuild "$repo_root/$1" -p:Configuration=Release -getProperty:TargetDir -nologo
}

step "dotnet build src/Terminagent.Web and tools/Terminagent.Trust (Release)"
app_dir="$(build_release src/Terminagent.Web)"
trust_dir="$(build_release tools/Terminagent.Trust)"

step "figures: limits under load, bad input, SMTP outage, SIGKILL under load, database outage"
export TERMINAGENT_SMTP_PYTHON="${TERMINAGENT_SMTP_PYTHON:-/usr/bin/python3}"
dotnet "${trust_dir%/}/Terminagent.Trust.dll" \
  --app "$app_dir" \
  --postgres "$(connection_string postgres 50)" \
  --work "$work_dir/trust" \
  --kills "${FIGURES_KILLS:-3}" \
  --smtp-down-seconds "${FIGURES_SMTP_DOWN_SECONDS:-60}" \
  --db-down-seconds "${FIGURES_DB_DOWN_SECONDS:-10}" \
  "$@"
