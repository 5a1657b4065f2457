#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build, run and test Madoguchi, and skips
# what is already there. Safe to run any number of times.
source "$(dirname "$0")/lib.sh"

SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"

APT_PACKAGES=(
  # Tauri's webkit2gtk-4.1 stack
  libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libayatana-appindicator3-dev libxdo-dev
  libssl-dev pkg-config build-essential file curl
  # Tests: a display, WebKit's WebDriver, Japanese fonts, a keyring, D-Bus
  xvfb xauth webkit2gtk-driver fonts-noto-cjk gnome-keyring dbus dbus-x11 keyutils libdbus-1-dev
  # The portal's documents open through xdg-open; the print test finds GTK's dialog with
  # xwininfo
  xdg-utils x11-utils
  # The portal's PostgreSQL path is tested against a real server
  postgresql
  # The portal's own pages (activation, password reset) are tested in a real browser
  chromium chromium-driver
  # Windows from this machine: the MinGW linker, makensis for the installer, Wine to run
  # the Windows build, osslsigncode for Authenticode signing
  gcc-mingw-w64-x86-64 nsis wine64 osslsigncode
  # The updater installs a .deb through pkexec, else sudo; the update test runs as root,
  # for whom sudo asks nothing
  sudo
)
TRUNK_VERSION=0.21.14
TAURI_DRIVER_VERSION=2.1.0

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  step "apt: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  step "apt: all ${#APT_PACKAGES[@]} packages present"
fi

for component in rustfmt clippy; do
  rustup component list --installed | grep -q "^$component" || rustup component add "$component"
done
for target in wasm32-unknown-unknown x86_64-pc-windows-gnu; do
  rustup target list --installed | grep -qx "$target" \
    || { step "rustup: adding $target"; rustup target add "$target"; }
done

# cargo_tool NAME VERSION [cargo install flags…]: installs unless cargo already lists
# NAME at VERSION (not every tool prints its version, tauri-driver does not).
cargo_tool() {
  local name=$1 version=$2; shift 2
  if cargo install --list | grep -qxF "$name v$version:"; then
    step "$name $version present"
  else
    step "cargo install $name $version"
    cargo install "$name" --version "$version" "$@"
  fi
}
cargo_tool trunk "$TRUNK_VERSION" --locked
# wasm-bindgen-cli must match the wasm-bindgen in Cargo.lock exactly. Not --locked: its
# lock file asks for a webpki-roots version the registry here lacks.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
cargo_tool wasm-bindgen-cli "$WASM_BINDGEN_VERSION"
cargo_tool tauri-driver "$TAURI_DRIVER_VERSION" --locked

# Schemathesis (PyPI) checks the portal against its own OpenAPI document, in a virtualenv of
# its own; the version is pinned so that a run means the same thing tomorrow.
SCHEMATHESIS_VERSION=4.32.5
VENV="${MADOGUCHI_VENV:-$HOME/.cache/madoguchi-venv}"
if "$VENV/bin/schemathesis" --version 2>/dev/null | grep -qF "$SCHEMATHESIS_VERSION"; then
  step "schemathesis $SCHEMATHESIS_VERSION present"
else
  step "pip install schemathesis $SCHEMATHESIS_VERSION"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi

# The Tauri CLI and binaryen's wasm-opt come from npm (no download from elsewhere).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "npm ci"
  npm ci --no-audit --no-fund
else
  step "npm packages present"
fi
