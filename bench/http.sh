#!/usr/bin/env bash
# End-to-end HTTP load on the sample county: builds the server (Release), starts it on a fresh
# SQLite file seeded with the committed samples (or on PostgreSQL when SKILLSMATCH_BENCH_POSTGRES
# holds a connection string to an empty database), waits until it answers, runs the `http` mode of
# the benchmarks and stops the server. Extra arguments go to the load generator, e.g.
#   bench/http.sh --connections 1,64 --seconds 10 --scenario candidates,matches,cohorts
set -euo pipefail
cd "$(dirname "$0")/.."
port="${SKILLSMATCH_BENCH_PORT:-5091}"
work="$(mktemp -d)"
server=""
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

dotnet build -c Release -v q -nologo src/SkillsMatch.Server >/dev/null
dotnet build -c Release -v q -nologo bench/SkillsMatch.Benchmarks >/dev/null

provider=(--Storage:Provider=Sqlite)
label="SQLite"
if [[ -n "${SKILLSMATCH_BENCH_POSTGRES:-}" ]]; then
  provider=(--Storage:Provider=Postgres "--Storage:ConnectionString=${SKILLSMATCH_BENCH_POSTGRES}")
  label="PostgreSQL"
fi

# Jobs off: no background rematch or retrain competes with the measured requests. Demo accounts
# on the command line: run from the repository root, the server does not read its
# appsettings.Development.json, where they are switched on.
ASPNETCORE_ENVIRONMENT=Development DOTNET_gcServer=0 \
  dotnet src/SkillsMatch.Server/bin/Release/net10.0/skillsmatch.dll \
  --urls "http://127.0.0.1:${port}" --Storage:DataDirectory="$work" --Storage:SeedSamplesOnStart=true \
  --Jobs:Enabled=false --Accounts:DemoAccounts=true --RateLimits:PerUserPerMinute=100000000 --RateLimits:PerAddressPerMinute=100000000 \
  "${provider[@]}" >"$work/server.log" 2>&1 &
server=$!

for _ in $(seq 1 300); do
  kill -0 "$server" 2>/dev/null || break
  # /health answers 503 "Starting" until the samples and the demo accounts are in.
  if curl -fs "http://127.0.0.1:${port}/health" >/dev/null 2>&1; then
    break
  fi
  sleep 1
done
curl -fs "http://127.0.0.1:${port}/health" >/dev/null || { echo "server did not start:"; tail -50 "$work/server.log"; exit 1; }

dotnet bench/SkillsMatch.Benchmarks/bin/Release/net10.0/SkillsMatch.Benchmarks.dll http --url "http://127.0.0.1:${port}" --label "$label" "$@"
echo
echo "server working set after the run: $(( $(grep VmRSS /proc/$server/status | awk '{print $2}') / 1024 )) MiB"

# The nightly rematch of every open need, in its own process on the same database.
dotnet src/SkillsMatch.Server/bin/Release/net10.0/skillsmatch.dll rematch \
  --Storage:DataDirectory="$work" --Jobs:Enabled=false "${provider[@]}" 2>/dev/null | grep '^Rematched' || true
