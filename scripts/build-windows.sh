#!/usr/bin/env bash
# The Windows build, from Linux: clippy on the Windows code paths, then the app (UI embedded),
# madoguchi-soak and madoguchi-portal for x86_64-pc-windows-gnu in one cargo run (Tauri is
# compiled once for the target), then the NSIS installer (installer/windows/madoguchi.nsi)
# with the facility snapshot inside, made by Debian's makensis. Its own target dir,
# target/windows. The test crates are not built for Windows (their SMTP catcher needs OpenSSL).
#
# Signing (release owner only; the keys never enter the repository):
#   MADOGUCHI_SIGN_CMD='osslsigncode sign -pkcs12 KEY.pfx -readpass PASSFILE -n "窓口 Madoguchi" -t http://timestamp.example -in %1 -out %1.signed && mv %1.signed %1'
# signs madoguchi.exe, the uninstaller and the installer (Authenticode); the updater's
# signature is made afterwards with `npx tauri signer sign -f UPDATER.key SETUP.exe`.
source "$(dirname "$0")/lib.sh"
TARGET=x86_64-pc-windows-gnu
export CARGO_TARGET_DIR="$ROOT/target/windows"
PACKAGES=(-p madoguchi -p madoguchi-soak -p madoguchi-portal --features madoguchi/custom-protocol)
[ -f ui/dist/index.html ] || bash scripts/build-ui.sh

# --release for both: the build scripts and proc macros clippy compiles for the host are the
# ones the build reuses.
step "clippy for Windows (the cfg(windows) code paths)"
cargo clippy --release --target "$TARGET" "${PACKAGES[@]}" -- -D warnings
step "cargo build --release --target $TARGET (app, soak, portal)"
cargo build --release --target "$TARGET" "${PACKAGES[@]}"
BIN="$CARGO_TARGET_DIR/$TARGET/release"

# scripts/test.sh exported it already; FACILITY_MASTER asks for a fresh export of that master.
SNAPSHOT=src-tauri/resources/facility-snapshot.csv
if [ -n "${FACILITY_MASTER:-}" ] || ! [ -s "$SNAPSHOT" ] || head -1 "$SNAPSHOT" | grep -q 'version=0$'; then
  step "the facility snapshot"
  bash scripts/build-snapshot.sh
fi

VERSION=$(app_version)
OUT_DIR="$CARGO_TARGET_DIR/bundle"
SETUP="$OUT_DIR/Madoguchi_${VERSION}_x64-setup.exe"
mkdir -p "$OUT_DIR"
SIGN=()
if [ -n "${MADOGUCHI_SIGN_CMD:-}" ]; then
  step "signing madoguchi.exe (Authenticode)"
  sh -c "${MADOGUCHI_SIGN_CMD//%1/\"\$1\"}" sign "$BIN/madoguchi.exe"
  SIGN=("-DSIGN_CMD=$MADOGUCHI_SIGN_CMD")
fi
step "makensis: $SETUP"
makensis -V2 -INPUTCHARSET UTF8 \
  -DVERSION="$VERSION" -DBIN_DIR="$BIN" -DSNAPSHOT="$ROOT/$SNAPSHOT" \
  -DICON="$ROOT/icons/icon.ico" -DOUTFILE="$SETUP" "${SIGN[@]}" installer/windows/madoguchi.nsi
printf '%-70s %6s KB\n' "$SETUP" "$(( $(stat -c %s "$SETUP") / 1024 ))"
