#!/usr/bin/env bash
# Generates an EF Core migration for both databases with dotnet ef:
#   bash scripts/add-migration.sh <MigrationName>
set -euo pipefail

if [[ $# -ne 1 || -z "$1" ]]; then
  echo "usage: scripts/add-migration.sh <MigrationName>" >&2
  exit 2
fi

cd "$(dirname "${BASH_SOURCE[0]}")/.."
dotnet tool restore
for project in src/Terminagent.Data.Sqlite src/Terminagent.Data.Postgres; do
  # dotnet ef reads the project's restore output and fails on a fresh clone without it.
  dotnet restore "$project"
  dotnet ef migrations add "$1" --project "$project"
done
