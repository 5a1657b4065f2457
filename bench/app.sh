#!/usr/bin/env bash
# The desktop app on this machine, printed as a table: cold start to an interactive
# registration form (median of 10, under Xvfb: from the WebDriver request that launches the
# app to the first paint of its top page, as the page's own clock tells, plus the click to
# the form; WebDriver's own round trips are printed beside it but left out of the ratio, as
# the floor has no click to pay for), memory of the app with its WebKit processes on that
# form (median PSS: shared libraries split between the processes that map them), and the UI
# payload (gzip).
source "$(dirname "$0")/../scripts/lib.sh"
RUNS=${RUNS:-10}
bash scripts/setup.sh >/dev/null
bash scripts/build-ui.sh >/dev/null
step "building the app (release, UI embedded), its floor (a bare Tauri window) and the measuring client"
# One invocation: Tauri is compiled once, with the same features, for both windows.
cargo build --release -p madoguchi --features custom-protocol -p madoguchi-bare-window
cargo build -p madoguchi-e2e --example app_startup
export MADOGUCHI_APP_BIN="$ROOT/target/release/madoguchi"
OUT=$(mktemp)
# A private D-Bus session for all the launches, and no accessibility bus (as in
# scripts/test.sh): without them every launch autostarts a session bus that outlives it,
# and a few hundred of those exhaust the user's inotify instances.
NO_AT_BRIDGE=1 dbus-run-session -- xvfb-run -a -s "$XVFB_SERVER_ARGS" \
  target/debug/examples/app_startup "$RUNS" "$ROOT/target/release/madoguchi-bare-window" \
  | tee "$OUT"
read -r _ START_MS RSS_MIB SEEN_MS LOOKUP_MS < <(grep '^SUMMARY' "$OUT")
read -r _ BARE_MS BARE_MIB BARE_SEEN_MS < <(grep '^FLOOR' "$OUT")
START_X=$(awk -v a="$START_MS" -v b="$BARE_MS" 'BEGIN { printf "%.2f", a / b }')
MEM_X=$(awk -v a="$RSS_MIB" -v b="$BARE_MIB" 'BEGIN { printf "%.2f", a / b }')
gz() { gzip -9 -c "$1" | wc -c; }
WASM=$(gz ui/dist/*.wasm); JS=$(gz ui/dist/*.js); CSS=$(gz ui/dist/*.css)
TOTAL_KB=$(( (WASM + JS + CSS) / 1024 ))
echo
printf '| %-52s | %12s | %-8s |\n' "measure" "value" "target"
printf '|%s|%s|%s|\n' "------------------------------------------------------" "--------------" "----------"
printf '| %-52s | %9s ms | %-8s |\n' "cold start to interactive form (median of $RUNS)" "$START_MS" "<= 1 s"
printf '| %-52s | %9s ms | %-8s |\n' "floor: bare Tauri window to its page (median)" "$BARE_MS" ""
printf '| %-52s | %11s× | %-8s |\n' "start, app ÷ bare window" "$START_X" "<= 1.3×"
printf '| %-52s | %9s ms | %-8s |\n' "as WebDriver saw them: app (median)" "$SEEN_MS" ""
printf '| %-52s | %9s ms | %-8s |\n' "as WebDriver saw them: bare window (median)" "$BARE_SEEN_MS" ""
printf '| %-52s | %8s MiB | %-8s |\n' "memory (PSS), app + WebKit processes (median)" "$RSS_MIB" ""
printf '| %-52s | %8s MiB | %-8s |\n' "floor: bare Tauri window + WebKit (median)" "$BARE_MIB" ""
printf '| %-52s | %11s× | %-8s |\n' "memory, app ÷ bare window" "$MEM_X" "<= 1.25×"
printf '| %-52s | %9s ms | %-8s |\n' "look-up result painted after the last keystroke" "$LOOKUP_MS" ""
printf '| %-52s | %9s KB | %-8s |\n' "UI payload gzip: wasm $((WASM/1024)) + js $((JS/1024)) + css $((CSS/1024)) KB" "$TOTAL_KB" "<= 250 KB"
rm -f "$OUT"
# Machine-readable rows for bench/all.sh: measure, value, floor, ratio, goal, met.
le() { awk -v a="$1" -v b="$2" 'BEGIN { print (a + 0 <= b + 0) ? "yes" : "no" }'; }
printf 'RESULT\t%s\t%s\t%s\t%s\t%s\t%s\n' \
  "app cold start to interactive form" "$START_MS ms" "$BARE_MS ms (bare window)" "$START_X" "<= 1.30" "$(le "$START_X" 1.30)" \
  "app memory (PSS) on the form" "$RSS_MIB MiB" "$BARE_MIB MiB (bare window)" "$MEM_X" "<= 1.25" "$(le "$MEM_X" 1.25)" \
  "app look-up result painted (cache)" "$LOOKUP_MS ms" "-" "-" "-" "-" \
  "UI payload (gzip)" "$TOTAL_KB KB" "-" "-" "<= 250 KB" "$([ "$TOTAL_KB" -le 250 ] && echo yes || echo no)"
