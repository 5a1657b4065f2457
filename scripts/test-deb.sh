#!/usr/bin/env bash
# The .deb as IT staff use it: build it, install it with dpkg, start the installed binary
# under Xvfb with a preset /etc/madoguchi/config.toml against a local portal (the test in
# tests/installed), then remove the package and check that none of its files is left.
# Needs root (dpkg, /etc); scripts/test.sh runs it when it is root.
source "$(dirname "$0")/lib.sh"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
bash scripts/build-bundles.sh
DEB=$(ls -t target/release/bundle/deb/*.deb | head -1)
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
step "the installed app under Xvfb with a preset configuration"
export MADOGUCHI_APP_BIN=/usr/bin/madoguchi
timeout -k 30s 10m dbus-run-session -- bash -c '
  set -euo pipefail
  printf "madoguchi-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  export NO_AT_BRIDGE=1 # as in scripts/test.sh
  xvfb-run -a -s "-screen 0 1280x800x24" cargo test --features madoguchi/custom-protocol --test installed
'
