#!/usr/bin/env bash
# Throwaway updater signing keys for the update tests, made once in target/update-test and
# never committed: "good" is built into the test package, "stranger" signs a release that
# must be refused.
source "$(dirname "$0")/lib.sh"
KEYS=target/update-test
mkdir -p "$KEYS"
for k in good stranger; do
  [ -s "$KEYS/$k.key" ] || npx tauri signer generate --ci -p "" -f -w "$KEYS/$k.key" >/dev/null
done
