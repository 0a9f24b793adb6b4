#!/usr/bin/env bash
# Whole-process figures, measured with /usr/bin/time -v: `marginalia check` on the large
# fixture (2 MB of text, 10,000 annotations), median wall time and peak memory over five runs
# (targets: 100 ms wall, 200 MB peak); then `marginalia import` of a 2 MB news page and of two
# hostile pages that must be refused within the HTML budget (10 s, 1,000,000 nodes), once
# each. Prints the figures; asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}"
runs=${RUNS:-5}
cargo build --release --quiet --bin marginalia --example fixture_info
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$CARGO_TARGET_DIR/release/examples/fixture_info" "$work" >/dev/null
wall_ms() { awk -F': ' '/Elapsed \(wall clock\)/ { split($2, t, ":"); print (t[1] * 60 + t[2]) * 1000 }' "$1"; }
peak_kb() { awk -F': ' '/Maximum resident set size/ { print $2 }' "$1"; }
walls=()
peak=0
for _ in $(seq "$runs"); do
  /usr/bin/time -v "$CARGO_TARGET_DIR/release/marginalia" check "$work/large.ron" >/dev/null 2>"$work/time.txt"
  wall=$(wall_ms "$work/time.txt")
  rss=$(peak_kb "$work/time.txt")
  walls+=("$wall")
  [ "$rss" -gt "$peak" ] && peak=$rss
done
median=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
echo "marginalia check, large fixture: median wall ${median} ms over ${runs} runs (target 100 ms), peak memory $((peak / 1024)) MB (target 200 MB)"

for page in page deep clones; do
  /usr/bin/time -v "$CARGO_TARGET_DIR/release/marginalia" import "$work/$page.html" -o "$work/$page.ron" \
    >/dev/null 2>"$work/time.txt" && outcome=imported || outcome=refused
  echo "marginalia import $page.html ($(( $(stat -c %s "$work/$page.html") / 1024 )) KiB): $outcome in $(wall_ms "$work/time.txt") ms, peak memory $(( $(peak_kb "$work/time.txt") / 1024 )) MB"
done
