#!/usr/bin/env bash
# The storage, import/export, report, digest and feed suites again, on PostgreSQL.
#
# Starts a throw-away PostgreSQL cluster on 127.0.0.1 (a free port, a temp directory,
# trust auth, no fsync: it is thrown away), points the tests at it with
# TEST_POSTGRES_URL, and removes it afterwards. Installs Debian's postgresql package
# when the server binaries are missing (needs root, as on a fresh CI machine).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
PGBIN=$(find_bin)
if [ -z "$PGBIN" ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "PostgreSQL server binaries are missing: apt-get install postgresql" >&2
    exit 1
  fi
  echo "installing Debian's postgresql package..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q postgresql >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null && apt-get install -y -q postgresql >/dev/null; }
  PGBIN=$(find_bin)
fi

DIR=$(mktemp -d)
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" = 0 ]; then chown postgres "$DIR"; fi
PORT=$($PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_owner "$PGBIN/initdb" -D "$DIR/data" -A trust -U postgres --no-sync >"$DIR/initdb.log" 2>&1
as_owner "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -o \
  "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null
cleanup() {
  as_owner "$PGBIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap cleanup EXIT

echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT"
export TEST_POSTGRES_URL="postgresql+asyncpg://postgres@127.0.0.1:$PORT/postgres"
set +e
$PY -m pytest -q -p no:cacheprovider \
  tests/storage --ignore=tests/storage/test_backup.py \
  tests/handlers/test_reports.py tests/handlers/test_digests.py \
  tests/handlers/test_scheduled_digests.py tests/handlers/test_diagnose.py \
  tests/handlers/test_interchange.py tests/handlers/test_feeds.py \
  tests/handlers/test_ingest_server.py tests/e2e/test_webhook_instances.py \
  tests/handlers/test_webapp.py "$@"
rc=$?
if [ $rc -eq 5 ]; then echo "pytest ran no tests on PostgreSQL: treating as a failure"; rc=1; fi
exit $rc
