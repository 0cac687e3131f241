#!/usr/bin/env bash
# A throw-away PostgreSQL cluster on 127.0.0.1 for tests and local trials (Debian's postgresql).
#   scripts/pg-cluster.sh start [DIR] [PORT]   # prints the connection string for SKILLSMATCH_TEST_POSTGRES
#   scripts/pg-cluster.sh stop  [DIR]
# Trust authentication on loopback only; as root the cluster runs as the postgres user (initdb refuses root).
set -euo pipefail
action="${1:?usage: scripts/pg-cluster.sh start|stop [DIR] [PORT]}"
dir="${2:-${TMPDIR:-/tmp}/skillsmatch-pg}"
port="${3:-55432}"

bin=""
if command -v pg_ctl >/dev/null && command -v initdb >/dev/null; then
  bin="$(dirname "$(command -v pg_ctl)")"
else
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
fi
if [[ -z "$bin" || ! -x "$bin/initdb" ]]; then
  echo "PostgreSQL server binaries not found (Debian: apt-get install -y postgresql)" >&2
  exit 1
fi

as_owner() {
  if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
  start)
    mkdir -p "$dir"
    if [[ "$(id -u)" == 0 ]]; then
      id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
      chown postgres "$dir"
    fi
    if [[ ! -f "$dir/data/PG_VERSION" ]]; then
      as_owner "$bin/initdb" -D "$dir/data" -U skillsmatch --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    fi
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
    echo "Host=127.0.0.1;Port=$port;Username=skillsmatch;Database=postgres"
    ;;
  stop)
    if [[ -f "$dir/data/postmaster.pid" ]]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    fi
    ;;
  *)
    echo "usage: scripts/pg-cluster.sh start|stop [DIR] [PORT]" >&2
    exit 2
    ;;
esac
