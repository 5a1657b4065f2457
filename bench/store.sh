#!/usr/bin/env bash
# The app's offline facility cache on this machine, printed as a table: lookup latency on a
# cache of 200,000 facilities, seeding it from the shipped snapshot, and a delta sync of
# 1,000 changes from the real portal over loopback. Release build, as the app ships.
source "$(dirname "$0")/../scripts/lib.sh"
bash scripts/setup.sh >/dev/null
step "building the benchmark (release)"
cargo build --release -p madoguchi-e2e --example store_bench
target/release/examples/store_bench
