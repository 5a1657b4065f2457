# Shared by the scripts: strict mode, the repository root, and the tools' paths.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$ROOT/node_modules/.bin:$PATH"
# Trunk must not ask the network for a newer version of itself.
export TRUNK_SKIP_VERSION_CHECK=true
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
# A CI checkout is built once: incremental caches would only cost disk (8 GB of a cold run,
# on a machine whose disk ran out once) and time.
if [ -n "${CI:-}" ]; then
  export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
fi
# Steps show the minutes since the outermost script started, so a CI log shows where time goes.
export MADOGUCHI_T0="${MADOGUCHI_T0:-$(date +%s)}"
step() {
  local t=$(($(date +%s) - MADOGUCHI_T0))
  # The disk left, too: a full disk fails a build with a message far from its cause.
  local free
  free=$(df -Ph "$ROOT" 2>/dev/null | awk 'NR == 2 { print $4 }')
  printf '\n==> [%d:%02d] (%s free) %s\n' $((t / 60)) $((t % 60)) "${free:-?}" "$*"
}
# The display for UI tests and benchmarks. -noreset: by default Xvfb resets whenever its
# last client disconnects, and an app that connects during the reset dies with "Failed to
# initialize GTK" (seen once in CI, between two tests, which then waited for a session).
export XVFB_SERVER_ARGS="-screen 0 1920x1080x24 -noreset"
# The app's version, as tauri.conf.json gives it (the installers' file names carry it).
app_version() {
  sed -n 's/^  "version": "\(.*\)",$/\1/p' "$ROOT/tauri.conf.json"
}
