#!/usr/bin/env bash
# Every test of the project, from a fresh Debian machine: set-up, formatting, lints, the
# wasm build of the rule set, unit/property/integration tests, and the UI tests of the
# real app under Xvfb over WebDriver. Fails on the first failure.
source "$(dirname "$0")/lib.sh"
start=$(date +%s)

bash scripts/setup.sh

step "cargo fmt --check"
cargo fmt --all -- --check

bash scripts/build-ui.sh

# One feature set for every host build, so that tauri is compiled once.
FEATURES=(--features madoguchi/custom-protocol)

step "clippy (host crates, all targets)"
cargo clippy --all-targets "${FEATURES[@]}" -- -D warnings
# --all-targets leaves out the test targets that run only when named.
cargo clippy -p madoguchi-e2e --test windows --test installed "${FEATURES[@]}" -- -D warnings
step "clippy (ui, wasm32)"
cargo clippy -p madoguchi-ui --target wasm32-unknown-unknown -- -D warnings
step "crates/domain builds for wasm32-unknown-unknown (no I/O, no platform code)"
cargo build -p madoguchi-domain --target wasm32-unknown-unknown

# First: the app's build script copies it beside the debug app, and both installers ship it.
step "the facility snapshot (scripts/build-snapshot.sh)"
bash scripts/build-snapshot.sh

# One build of the app (UI embedded), the portal, the soak and the tests: `cargo build -p`
# and `cargo test` resolve different features, and Tauri would be compiled twice.
step "build the app, the portal, the soak and the tests"
cargo build --all-targets "${FEATURES[@]}"

bash scripts/build-windows.sh
bash scripts/test-windows.sh

step "PostgreSQL for the portal's PostgreSQL tests"
eval "$(bash scripts/start-postgres.sh)"
trap 'bash scripts/stop-postgres.sh' EXIT

step "cargo test (UI tests under Xvfb with fonts-noto-cjk; keyring: gnome-keyring in a D-Bus session)"
# A private D-Bus session with an unlocked Secret Service, so the keyring tests use a real
# keyring backend and never touch the user's own. The run takes about 2 minutes; a hang
# fails it after TEST_TIMEOUT instead of eating CI's whole budget.
timeout -k 30s "${TEST_TIMEOUT:-15m}" dbus-run-session -- bash -c '
  set -euo pipefail
  printf "madoguchi-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  # No screen reader runs under Xvfb; the AT-SPI bus it would start is a known source of
  # start-up stalls of GTK apps on CI machines.
  export NO_AT_BRIDGE=1
  xvfb-run -a -s "$XVFB_SERVER_ARGS" cargo test "$@"
' bash "${FEATURES[@]}"

step "the .deb: built, installed with dpkg, started with a preset /etc file, removed (scripts/test-deb.sh)"
if [ "$(id -u)" -eq 0 ] || sudo -n true 2>/dev/null; then
  bash scripts/test-deb.sh
elif [ -n "${CI:-}" ]; then
  echo "the .deb test needs root or password-less sudo, and CI must run it" >&2
  exit 1
else
  echo "not run here (needs root): run scripts/test-deb.sh as root"
fi

step "all tests passed in $(( $(date +%s) - start )) s; screenshots in target/screenshots/"
