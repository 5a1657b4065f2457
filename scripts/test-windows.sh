#!/usr/bin/env bash
# The Windows build under Wine, in a private prefix (scripts/wine-prefix.sh): crates/domain's
# tests, then tests/windows (portal, crash loops with TerminateProcess, keyring, preset, logs,
# installer). Expects scripts/build-windows.sh to have run. Programs run without a display
# (Wine's null driver: a message box returns at once instead of waiting for a click), but
# for the installer's passive mode, whose progress window goes to Xvfb.
source "$(dirname "$0")/lib.sh"
TARGET=x86_64-pc-windows-gnu
eval "$(bash scripts/wine-prefix.sh)"
export MADOGUCHI_WINDOWS_BIN="$ROOT/target/windows/$TARGET/release"
VERSION=$(app_version)
export MADOGUCHI_WINDOWS_INSTALLER="$ROOT/target/windows/bundle/Madoguchi_${VERSION}_x64-setup.exe"
unset DISPLAY WAYLAND_DISPLAY

step "a signed Windows release for the update check (throwaway keys, target/update-test)"
# The 0.1.0 installer published as 0.1.1: the path (offer, download, signature, installer
# flags) is what is checked, not a new binary. Signed with the key the check trusts, and
# once more with a stranger's.
bash scripts/update-test-keys.sh
export MADOGUCHI_UPDATE_DIR="$ROOT/target/update-test"
NEXT="$MADOGUCHI_UPDATE_DIR/windows/Madoguchi_0.1.1_x64-setup.exe"
mkdir -p "$(dirname "$NEXT")"
cp "$MADOGUCHI_WINDOWS_INSTALLER" "$NEXT"
rm -f "$NEXT.sig"
npx tauri signer sign -f "$MADOGUCHI_UPDATE_DIR/stranger.key" -p "" "$NEXT" >/dev/null
mv "$NEXT.sig" "$MADOGUCHI_UPDATE_DIR/windows/stranger.sig"
npx tauri signer sign -f "$MADOGUCHI_UPDATE_DIR/good.key" -p "" "$NEXT" >/dev/null

step "crates/domain's tests, cross-built, under Wine"
CARGO_TARGET_DIR="$ROOT/target/windows" CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER="$MADOGUCHI_WINE" \
  cargo test --release --target "$TARGET" -p madoguchi-domain

step "tests/windows under Wine"
# A Windows program waiting for a click would otherwise hold CI until its own limit.
timeout -k 30s "${WINDOWS_TEST_TIMEOUT:-15m}" xvfb-run -a -s "$XVFB_SERVER_ARGS" bash -c '
  export MADOGUCHI_WINE_DISPLAY="$DISPLAY"
  unset DISPLAY
  cargo test -p madoguchi-e2e --test windows --features madoguchi/custom-protocol -- --test-threads=1
'
"$WINESERVER" -k 2>/dev/null || true
