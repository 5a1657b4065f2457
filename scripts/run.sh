#!/usr/bin/env bash
# Runs Madoguchi from a fresh Debian machine: set-up, then the local portal (embedded
# SQLite, demo facilities, mail written to target/run/mail), then the desktop app.
source "$(dirname "$0")/lib.sh"
bash scripts/setup.sh
step "building the portal"
cargo build -p madoguchi-portal
PORTAL=target/debug/madoguchi-portal
RUN="$ROOT/target/run"
mkdir -p "$RUN"
export MADOGUCHI_PORTAL_BIND=${MADOGUCHI_PORTAL_BIND:-127.0.0.1:8080}
export MADOGUCHI_PORTAL_PUBLIC_BASE_URL=${MADOGUCHI_PORTAL_PUBLIC_BASE_URL:-http://$MADOGUCHI_PORTAL_BIND}
export MADOGUCHI_PORTAL_DATABASE_URL=${MADOGUCHI_PORTAL_DATABASE_URL:-sqlite://$RUN/portal.db?mode=rwc}
export MADOGUCHI_PORTAL_MAIL__FOLDER=${MADOGUCHI_PORTAL_MAIL__FOLDER:-$RUN/mail}
[ -f "$RUN/facilities.csv" ] || "$PORTAL" demo-facilities --out "$RUN/facilities.csv" --count 40000
"$PORTAL" import-facilities "$RUN/facilities.csv"
# The app ships a snapshot of the master to look facilities up offline; here it is the
# demo master, so the app's first delta sync finds nothing to change.
"$PORTAL" export-snapshot src-tauri/resources/facility-snapshot.csv
bash scripts/build-app.sh
"$PORTAL" publish-notice --id demo-welcome --title "デモ環境のお知らせ" \
  --body "このポータルは Madoguchi のデモ用です。メールは送信されず、target/run/mail/ に保存されます。"
step "starting the portal on $MADOGUCHI_PORTAL_PUBLIC_BASE_URL (mail: $MADOGUCHI_PORTAL_MAIL__FOLDER)"
"$PORTAL" serve &
PORTAL_PID=$!
trap 'kill $PORTAL_PID 2>/dev/null' EXIT
for _ in $(seq 100); do
  curl -fs "$MADOGUCHI_PORTAL_PUBLIC_BASE_URL/health" >/dev/null && break
  kill -0 $PORTAL_PID 2>/dev/null || { echo "the portal did not start" >&2; exit 1; }
  sleep 0.1
done
step "starting Madoguchi"
target/debug/madoguchi
