#!/usr/bin/env bash
# A throw-away PostgreSQL + PostGIS server for tests: `pg_scratch.sh start DIR` creates a cluster
# in DIR (initdb, trust authentication, superuser "covplan"), starts it on a free port on
# 127.0.0.1 only, creates database "covplan" with the postgis extension and prints the GDAL
# connection string (PG:...); `pg_scratch.sh stop DIR` stops it and removes DIR.
# Runs as the current user; as root (initdb refuses root) the cluster belongs to the "postgres"
# system user the Debian package creates. Exit 3 when the PostgreSQL or PostGIS binaries are
# missing (apt-get install postgresql postgresql-15-postgis-3).
set -euo pipefail
cmd=${1:-}; dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: pg_scratch.sh start|stop DIR" >&2; exit 64; }
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then echo "pg_scratch: no PostgreSQL binaries in /usr/lib/postgresql/*/bin" >&2; exit 3; fi
ver=$(basename "$(dirname "$bin")")
if ! ls /usr/share/postgresql/"$ver"/extension/postgis.control >/dev/null 2>&1; then
  echo "pg_scratch: PostGIS for PostgreSQL $ver is not installed (postgresql-$ver-postgis-3)" >&2; exit 3
fi
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$cmd" in
start)
  mkdir -p "$dir"
  if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
  as_owner "$bin/initdb" -D "$dir/data" -A trust -U covplan -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" start </dev/null >/dev/null 2>&1 \
    || { cat "$dir/server.log" >&2; exit 1; }
  echo "$port" >"$dir/port"
  "$bin/psql" -q -h 127.0.0.1 -p "$port" -U covplan -d postgres -c "CREATE DATABASE covplan" >/dev/null
  "$bin/psql" -q -h 127.0.0.1 -p "$port" -U covplan -d covplan -c "CREATE EXTENSION postgis" >/dev/null
  echo "PG:dbname=covplan host=127.0.0.1 port=$port user=covplan"
  ;;
stop)
  if [ -d "$dir/data" ]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true; fi
  rm -rf "$dir"
  ;;
*) echo "usage: pg_scratch.sh start|stop DIR" >&2; exit 64 ;;
esac
