#!/usr/bin/env bash
# Builds the desktop app with the UI embedded (what the WebDriver tests start).
source "$(dirname "$0")/lib.sh"
[ -f ui/dist/index.html ] || bash scripts/build-ui.sh
step "cargo build --features custom-protocol (the app, UI embedded)"
cargo build -p madoguchi --features custom-protocol
