#!/usr/bin/env bash
# A local PostgreSQL 15 + PostGIS 3.3 cluster for the shared plan's demo and tests (no Docker, no
# hand steps). Debian 12 packages, installed when missing.
#
#   scripts/pg-cluster.sh start [DIR] [PORT]   creates (first time) and starts the cluster in DIR
#                                             (default out/pg, port 55432); prints the plan URI base
#   scripts/pg-cluster.sh stop [DIR]           stops it
#   scripts/pg-cluster.sh run DIR CMD ...      starts a fresh cluster in DIR (removed first), runs CMD
#                                             with PC_PG_URI set, stops it and returns CMD's exit code
#
# The server listens only on a Unix socket in DIR (no TCP port is opened; PORT names the socket) and
# trusts local logins: it is for one machine's demo and tests. The database is `petacerdas`, the
# superuser role `petacerdas`, PostGIS and pgcrypto are created in it. PostgreSQL refuses to run as
# root, so under root the cluster belongs to the `postgres` system user.
set -euo pipefail
cmd=${1:-start}
dir=$(realpath -m "${2:-out/pg}")
# A Unix socket's path has at most 107 bytes, and under root the cluster's owner (postgres) must reach
# DIR: otherwise the cluster lives in /tmp/pc_pg_<hash of DIR> (the same one every time for DIR).
reachable() {
  [ "$(id -u)" -ne 0 ] && return 0
  local p; p=$(dirname "$1")
  while [ ! -e "$p" ]; do p=$(dirname "$p"); done
  runuser -u postgres -- test -x "$p" 2>/dev/null
}
if [ ${#dir} -gt 80 ] || ! reachable "$dir"; then
  dir=/tmp/pc_pg_$(printf '%s' "$dir" | md5sum | cut -c1-12)
fi
port=55432
[ "$cmd" != run ] && [ -n "${3:-}" ] && port=$3
bin=/usr/lib/postgresql/15/bin

ensure_packages() {
  [ -x "$bin/initdb" ] && [ -f /usr/share/postgresql/15/extension/postgis.control ] && return 0
  bash "$(dirname "$0")/install-deps.sh"  # PostgreSQL 15 + PostGIS are among its packages
}

# Under root the server runs as `postgres`, which must be able to walk every folder from / to the
# binaries and to DIR. A root made by `mktemp -d` (a bare Debian root for CI, a chroot) has / at mode
# 700: then initdb cannot even be started. Such a folder, owned by root, gets o+x (search only, no
# listing), with a note; on an ordinary machine nothing changes.
let_owner_through() {
  [ "$(id -u)" -eq 0 ] || return 0
  local target p
  for target in "$bin/initdb" "$dir"; do
    p=$target
    while [ "$p" != / ]; do p=$(dirname "$p"); [ -e "$p" ] || continue
      if [ -d "$p" ] && [ "$(stat -c %u "$p")" = 0 ] && ! runuser -u postgres -- test -x "$p" 2>/dev/null; then
        echo "pg-cluster: the postgres user cannot reach $p (mode $(stat -c %a "$p")): adding o+x" >&2
        chmod o+x "$p"
      fi
    done
  done
}

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

uri() { echo "postgresql://petacerdas@/petacerdas?host=$dir&port=$port"; }

start() {
  ensure_packages
  let_owner_through
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir"; fi
    as_owner "$bin/initdb" -D "$dir/data" -U petacerdas -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    cat >>"$dir/data/postgresql.conf" <<EOF
listen_addresses = ''
unix_socket_directories = '$dir'
port = $port
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 100
EOF
  fi
  if ! as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null
  fi
  if ! "$bin/psql" -h "$dir" -p "$port" -U petacerdas -d postgres -Atqc "SELECT 1 FROM pg_database WHERE datname = 'petacerdas'" | grep -q 1; then
    "$bin/psql" -h "$dir" -p "$port" -U petacerdas -d postgres -qc "CREATE DATABASE petacerdas" >/dev/null
  fi
  PGOPTIONS='-c client_min_messages=warning' "$bin/psql" -h "$dir" -p "$port" -U petacerdas -d petacerdas -qc \
    "CREATE EXTENSION IF NOT EXISTS postgis; CREATE EXTENSION IF NOT EXISTS pgcrypto" >/dev/null
  uri
}

stop() {
  [ -f "$dir/data/PG_VERSION" ] || return 0
  as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  run)
    shift 2
    stop; rm -rf "$dir"
    export PC_PG_URI
    if ! PC_PG_URI=$(start); then
      # Tests skip (77) where no server can be started; under CI=true that is a failure.
      [ "${CI:-}" = true ] && { echo "pg-cluster: could not start PostgreSQL (see $dir)" >&2; exit 1; }
      echo "pg-cluster: skipped: could not start PostgreSQL (see $dir)" >&2
      exit 77
    fi
    trap stop EXIT
    set +e
    "$@"
    rc=$?
    exit $rc
    ;;
  *) echo "usage: $0 start|stop [DIR] [PORT] | run DIR CMD ..." >&2; exit 1 ;;
esac
