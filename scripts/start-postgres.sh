#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server (Debian's package) on a free loopback port for the
# tests, and prints the shell lines that point the tests at it:
#   eval "$(bash scripts/start-postgres.sh)"    …    bash scripts/stop-postgres.sh
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$PGBIN/initdb" ] || { echo "PostgreSQL is not installed (scripts/setup.sh installs it)" >&2; exit 1; }
DIR=$(mktemp -d /tmp/madoguchi-pg.XXXXXX)
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
RUN=()
if [ "$(id -u)" = 0 ]; then
  # PostgreSQL refuses to run as root.
  chown postgres "$DIR"
  RUN=(runuser -u postgres --)
fi
"${RUN[@]}" "$PGBIN/initdb" -D "$DIR/data" -A trust -U postgres -E UTF8 --locale=C --no-sync >/dev/null
# fsync off: a test database need not survive a power cut, and it is much faster.
"${RUN[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
  -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=300" \
  start >/dev/null
echo "export MADOGUCHI_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:$PORT/postgres"
echo "export MADOGUCHI_TEST_POSTGRES_DIR=$DIR"
