#!/usr/bin/env bash
# Builds the Yew UI into ui/dist (release, size-optimised). Also Tauri's beforeBuildCommand.
source "$(dirname "$0")/lib.sh"
step "trunk build --release (ui/)"
(cd ui && trunk build --release --cargo-profile wasm-release)
# Rust 1.95's wasm uses these post-MVP features by default; wasm-opt must accept them.
for wasm in ui/dist/*.wasm; do
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    -o "$wasm" "$wasm"
done
ls -l ui/dist
