#!/usr/bin/env bash
# A private Wine prefix for the Windows checks (never the user's ~/.wine): made once under
# target/wine, with the ProcessPrng stand-in DLL (tests/windows/processprng) that Rust
# programs need on Wine 8. Prints the variables that point Wine at it, for `eval`.
source "$(dirname "$0")/lib.sh"
PREFIX="$ROOT/target/wine/prefix"
export WINEPREFIX="$PREFIX" WINEDEBUG=-all WINEARCH=win64 WINEDLLOVERRIDES="mscoree,mshtml="
export WINESERVER=/usr/lib/wine/wineserver64
WINE=/usr/lib/wine/wine64
DLL="$ROOT/target/wine/bcryptprimitives.dll"
SRC="$ROOT/tests/windows/processprng"
if [ ! -s "$DLL" ] || [ "$SRC/processprng.c" -nt "$DLL" ]; then
  mkdir -p "$(dirname "$DLL")"
  x86_64-w64-mingw32-gcc -O2 -shared -o "$DLL" "$SRC/processprng.c" "$SRC/bcryptprimitives.def" -ladvapi32 >&2
fi
if [ ! -f "$PREFIX/system.reg" ]; then
  mkdir -p "$PREFIX"
  # No display is needed to make a prefix; mscoree/mshtml= stops Wine offering Mono/Gecko
  # downloads, which this machine cannot reach.
  DISPLAY= "$WINE" wineboot -i >&2 2>/dev/null
  "$WINESERVER" -w
fi
cp "$DLL" "$PREFIX/drive_c/windows/system32/bcryptprimitives.dll"
printf 'export WINEPREFIX=%q WINEDEBUG=-all WINEARCH=win64 WINEDLLOVERRIDES=%q WINESERVER=%q MADOGUCHI_WINE=%q\n' \
  "$PREFIX" "mscoree,mshtml=" "$WINESERVER" "$WINE"
