#!/usr/bin/env bash
# Every benchmark, then one table: each figure next to a floor measured in the same run on
# this machine, as a ratio, with its goal and whether it is met. The machine's speed drifts
# from day to day; the ratios are what compare across days.
source "$(dirname "$0")/../scripts/lib.sh"
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT
for b in portal store app; do
  step "bench/$b.sh"
  bash "bench/$b.sh" | tee -a "$OUT"
done
echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(uname -m), $(date -u +%Y-%m-%d)"
echo
printf '| %-40s | %-14s | %-28s | %-6s | %-12s | %-4s |\n' measure value floor ratio goal met
printf '|%s|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..42})" "$(printf -- '-%.0s' {1..16})" \
  "$(printf -- '-%.0s' {1..30})" "$(printf -- '-%.0s' {1..8})" "$(printf -- '-%.0s' {1..14})" "$(printf -- '-%.0s' {1..6})"
grep $'^RESULT\t' "$OUT" | while IFS=$'\t' read -r _ measure value floor ratio goal met; do
  printf '| %-40s | %-14s | %-28s | %-6s | %-12s | %-4s |\n' "$measure" "$value" "$floor" "$ratio" "$goal" "$met"
done
