#!/usr/bin/env bash
# Whole-process figures for `marginalia check` on the large fixture (2 MB of text, 10,000
# annotations): median wall time and peak memory over five runs, measured with
# /usr/bin/time -v. Targets: 100 ms wall, 200 MB peak. Prints the figures; asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}"
runs=${RUNS:-5}
cargo build --release --quiet --bin marginalia --example fixture_info
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$CARGO_TARGET_DIR/release/examples/fixture_info" "$work" >/dev/null
walls=()
peak=0
for _ in $(seq "$runs"); do
  /usr/bin/time -v "$CARGO_TARGET_DIR/release/marginalia" check "$work/large.ron" >/dev/null 2>"$work/time.txt"
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { split($2, t, ":"); print (t[1] * 60 + t[2]) * 1000 }' "$work/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time.txt")
  walls+=("$wall")
  [ "$rss" -gt "$peak" ] && peak=$rss
done
median=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
echo "marginalia check, large fixture: median wall ${median} ms over ${runs} runs (target 100 ms), peak memory $((peak / 1024)) MB (target 200 MB)"
