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
# The wasm is compiled while the page loads its JavaScript glue, not after: Trunk's loader
# imports the glue and only then fetches the wasm. A first, plain script starts the fetch and
# compilation; the loader hands the compiling module to the glue's init (which accepts a
# promise of a `WebAssembly.Module`). Tauri adds the script's hash to the page's CSP.
python3 - ui/dist/index.html <<'PY'
import re, sys
path = sys.argv[1]
html = open(path, encoding="utf-8").read()
found = re.search(r"module_or_path: '(/[^']+_bg\.wasm)'", html)
if not found or html.count('<script type="module">') != 1:
    sys.exit("build-ui.sh: Trunk's loader is not the one expected; the wasm cannot be compiled early")
wasm = found.group(1)
html = html.replace(found.group(0), "module_or_path: window.__madoguchiWasm")
early = ('<script>window.__madoguchiWasm = fetch("%s")'
         '.then((r) => r.arrayBuffer()).then((b) => WebAssembly.compile(b));</script>\n' % wasm)
html = html.replace('<script type="module">', early + '<script type="module">')
# The preload would fetch the wasm a second time.
html = re.sub(r'<link rel="preload" href="[^"]+_bg\.wasm"[^>]*>', "", html)
open(path, "w", encoding="utf-8").write(html)
PY
ls -l ui/dist
