#!/usr/bin/env bash
# Stops and removes the server started by start-postgres.sh.
set -uo pipefail
DIR=${MADOGUCHI_TEST_POSTGRES_DIR:-}
[ -n "$DIR" ] && [ -d "$DIR/data" ] || exit 0
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
RUN=()
[ "$(id -u)" = 0 ] && RUN=(runuser -u postgres --)
"${RUN[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1
rm -rf "$DIR"
