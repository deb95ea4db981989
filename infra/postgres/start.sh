#!/usr/bin/env bash
# Starts a project-local PostgreSQL server (idempotent) in infra/postgres/.data.
# The server refuses to run as root, so as root it runs as the `postgres` system user.
# Env: PG_PORT (54329), PG_DATA_DIR. Connect with postgres://motlan@127.0.0.1:54329/motlan.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bin="$(bash "$here/install.sh")"
PORT="${PG_PORT:-54329}"
DATA_DIR="${PG_DATA_DIR:-$here/.data}"
pgdata="$DATA_DIR/pgdata"

as_owner() {
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

mkdir -p "$DATA_DIR"
[ "$(id -u)" = 0 ] && chown postgres "$DATA_DIR"

if [ ! -f "$pgdata/PG_VERSION" ]; then
  as_owner "$bin/initdb" -D "$pgdata" -U motlan --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  cat >> "$pgdata/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$DATA_DIR'
max_connections = 300
shared_buffers = 256MB
# A development and test server: durability traded for speed.
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
fi

if as_owner "$bin/pg_ctl" -D "$pgdata" status >/dev/null 2>&1; then
  echo "infra/postgres: already running on 127.0.0.1:$PORT"
else
  as_owner "$bin/pg_ctl" -D "$pgdata" -l "$DATA_DIR/postgres.log" -w -t 60 start >/dev/null
  echo "infra/postgres: started on 127.0.0.1:$PORT; log in $DATA_DIR/postgres.log"
fi
if ! "$bin/psql" -h 127.0.0.1 -p "$PORT" -U motlan -d postgres -tAc "select 1 from pg_database where datname='motlan'" | grep -q 1; then
  "$bin/createdb" -h 127.0.0.1 -p "$PORT" -U motlan motlan
fi
