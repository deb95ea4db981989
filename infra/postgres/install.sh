#!/usr/bin/env bash
# Makes sure a PostgreSQL server (initdb, pg_ctl, postgres) is on this machine, installing
# Debian's package when it is missing. Prints the server's bin directory.
set -euo pipefail
find_bin() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/pg_ctl" ] && [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  if command -v pg_ctl >/dev/null && command -v initdb >/dev/null; then
    dirname "$(command -v pg_ctl)"; return 0
  fi
  return 1
}
if ! find_bin >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "infra/postgres: installing Debian's postgresql package ..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql postgresql-contrib >&2
    # The package starts a cluster of its own on 5432; ours runs separately, so stop it.
    (service postgresql stop || pg_ctlcluster --help) >/dev/null 2>&1 || true
  else
    echo "infra/postgres: no PostgreSQL server found; install it (e.g. apt-get install postgresql) or set DATABASE_URL" >&2
    exit 1
  fi
fi
find_bin
