#!/usr/bin/env bash
# The .deb as IT staff use it: build it, install it with dpkg, start the installed binary
# under Xvfb with a preset /etc/madoguchi/config.toml against a local portal (tests in
# tests/installed), update it from the portal, then remove the package and check that none
# of its files is left. Needs root (dpkg, /etc); scripts/test.sh runs it when it is root.
source "$(dirname "$0")/lib.sh"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"

# Throwaway signing keys, made here and never committed: "good" is built into the test
# package, "stranger" signs the release that must be refused. The package under test
# differs from a release build only in this public key and in accepting a plain-http
# portal on loopback.
KEYS=target/update-test
step "throwaway update signing keys in $KEYS"
bash scripts/update-test-keys.sh
printf '{"plugins":{"updater":{"pubkey":"%s","dangerousInsecureTransportProtocol":true}}}\n' \
  "$(cat "$KEYS/good.key.pub")" > "$KEYS/tauri.test.json"
MADOGUCHI_BUNDLE_CONFIG="$KEYS/tauri.test.json" bash scripts/build-bundles.sh
DEB=$(ls -t target/release/bundle/deb/*.deb | head -1)

step "the newer release: the same package as version 0.1.1, signed twice"
# Repackaged rather than rebuilt: what the update test checks is the path (offer, download,
# signature, dpkg), not a new binary, and this saves a release build.
NEXT="$KEYS/Madoguchi_0.1.1_amd64.deb"
UNPACK=$(mktemp -d)
dpkg-deb -R "$DEB" "$UNPACK/pkg"
sed -i 's/^Version: .*/Version: 0.1.1/' "$UNPACK/pkg/DEBIAN/control"
dpkg-deb --root-owner-group -b "$UNPACK/pkg" "$NEXT" >/dev/null
rm -rf "$UNPACK"
rm -f "$NEXT.sig"
npx tauri signer sign -f "$KEYS/stranger.key" -p "" "$NEXT" >/dev/null
mv "$NEXT.sig" "$KEYS/stranger.sig"
npx tauri signer sign -f "$KEYS/good.key" -p "" "$NEXT" >/dev/null
ls -l "$NEXT" "$NEXT.sig" "$KEYS/stranger.sig"

step "dpkg -i $DEB"
$SUDO dpkg -i "$DEB"
FILES=$(dpkg -L madoguchi | while read -r f; do [ -f "$f" ] && echo "$f"; done)
echo "$FILES"
cleanup() {
  step "dpkg -r madoguchi"
  $SUDO dpkg -r madoguchi
  LEFT=""
  for f in $FILES; do [ -e "$f" ] && LEFT="$LEFT $f"; done
  if [ -n "$LEFT" ]; then echo "left behind:$LEFT" >&2; exit 1; fi
  echo "removed cleanly: none of its $(echo "$FILES" | wc -l) files is left"
}
trap cleanup EXIT
step "the installed app under Xvfb: preset configuration, then an update from the portal"
export MADOGUCHI_APP_BIN=/usr/bin/madoguchi
export MADOGUCHI_UPDATE_DIR="$ROOT/$KEYS"
# One at a time: both tests lay down /etc/madoguchi/config.toml.
timeout -k 30s 10m dbus-run-session -- bash -c '
  set -euo pipefail
  printf "madoguchi-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  export NO_AT_BRIDGE=1 # as in scripts/test.sh
  xvfb-run -a -s "$XVFB_SERVER_ARGS" cargo test --features madoguchi/custom-protocol --test installed -- --test-threads=1
'
