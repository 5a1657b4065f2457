#!/usr/bin/env bash
# Runs the desktop app from a fresh Debian machine (set-up included).
source "$(dirname "$0")/lib.sh"
bash scripts/setup.sh
bash scripts/build-app.sh
step "starting Madoguchi"
exec target/debug/madoguchi
