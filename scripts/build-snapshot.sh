#!/usr/bin/env bash
# The facility snapshot the installers ship (src-tauri/resources/facility-snapshot.csv),
# exported by the portal from a master: FACILITY_MASTER=FILE.csv names the real one; without
# it the demo master is used. The file is replaced only when its contents change, so that
# cargo (build.rs watches the folder) rebuilds nothing for an identical export.
source "$(dirname "$0")/lib.sh"
OUT=src-tauri/resources/facility-snapshot.csv
PORTAL=target/debug/madoguchi-portal
# The same feature set as scripts/test.sh, so no dependency is compiled twice.
cargo build --features madoguchi/custom-protocol --bin madoguchi-portal
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export MADOGUCHI_PORTAL_DATABASE_URL="sqlite://$WORK/master.db?mode=rwc"
MASTER=${FACILITY_MASTER:-$WORK/demo.csv}
[ -f "$MASTER" ] || "$PORTAL" demo-facilities --out "$MASTER" --count 40000
"$PORTAL" import-facilities "$MASTER" >/dev/null
"$PORTAL" export-snapshot "$WORK/snapshot.csv"
mkdir -p "$(dirname "$OUT")"
if cmp -s "$WORK/snapshot.csv" "$OUT"; then
  echo "$OUT unchanged ($(wc -l < "$OUT") lines)"
else
  mv "$WORK/snapshot.csv" "$OUT"
  echo "$OUT written ($(wc -l < "$OUT") lines)"
fi
