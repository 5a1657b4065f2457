#!/usr/bin/env bash
# Builds the Linux installers (.deb, .rpm) with the Tauri bundler, the facility snapshot
# inside. The snapshot is exported from a master: FACILITY_MASTER=FILE.csv names the real
# one; without it the demo master is used. MADOGUCHI_BUNDLE_CONFIG=FILE.json is merged into
# tauri.conf.json for this build (the update test uses it for its throwaway key). Prints
# the bundles' sizes.
source "$(dirname "$0")/lib.sh"
step "the facility snapshot shipped in the bundle"
bash scripts/build-snapshot.sh
step "tauri build --bundles deb,rpm (release; the UI is built by the hook in tauri.conf.json)"
# -p: only the app (the workspace's default members include the portal and the tests).
EXTRA=()
[ -z "${MADOGUCHI_BUNDLE_CONFIG:-}" ] || EXTRA=(--config "$MADOGUCHI_BUNDLE_CONFIG")
npx tauri build --bundles deb,rpm "${EXTRA[@]}" -- -p madoguchi
step "bundle sizes"
for f in target/release/bundle/deb/*.deb target/release/bundle/rpm/*.rpm; do
  printf '%-60s %6s KB\n' "$f" "$(( $(stat -c %s "$f") / 1024 ))"
done
