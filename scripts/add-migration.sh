#!/usr/bin/env bash
# Adds a migration named NAME for every storage provider, each into its own folder:
#   scripts/add-migration.sh AddSomething
# Neither provider needs a running database for this (design-time factories in Data/DatabaseSetup.cs).
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: scripts/add-migration.sh NAME}"
project=src/SkillsMatch.Server

dotnet tool restore >/dev/null
dotnet build "$project" -v q -nologo
dotnet ef migrations add "$name" --project "$project" --no-build \
  --context SkillsMatchDbContext --output-dir Data/Migrations/Sqlite
dotnet ef migrations add "$name" --project "$project" --no-build \
  --context PostgresSkillsMatchDbContext --output-dir Data/Migrations/Postgres

# Both must now agree with the model.
dotnet build "$project" -v q -nologo
dotnet ef migrations has-pending-model-changes --project "$project" --no-build --context SkillsMatchDbContext
dotnet ef migrations has-pending-model-changes --project "$project" --no-build --context PostgresSkillsMatchDbContext
