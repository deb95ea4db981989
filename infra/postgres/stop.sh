#!/usr/bin/env bash
# Stops the project-local PostgreSQL server (fast shutdown: rolls back open transactions).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bin="$(bash "$here/install.sh")"
DATA_DIR="${PG_DATA_DIR:-$here/.data}"
pgdata="$DATA_DIR/pgdata"
[ -f "$pgdata/PG_VERSION" ] || { echo "infra/postgres: not initialised"; exit 0; }
if [ "$(id -u)" = 0 ]; then run=(runuser -u postgres --); else run=(); fi
if "${run[@]}" "$bin/pg_ctl" -D "$pgdata" status >/dev/null 2>&1; then
  "${run[@]}" "$bin/pg_ctl" -D "$pgdata" -m fast -w stop >/dev/null
  echo "infra/postgres: stopped"
else
  echo "infra/postgres: not running"
fi
