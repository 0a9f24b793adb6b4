#!/usr/bin/env bash
# Shared by the runs that drive the release window as a person would, under a virtual X
# display: starting the window, keys, typed and pasted text, finding text on screen through
# the find bar, selecting it with the mouse, screenshots, and failing with them kept.
# Source it after setting: binary (the release binary), work (a scratch folder), shots (where
# screenshots go) and run_name (how messages start).

# shellcheck source=x11-display.sh
source "$(dirname "${BASH_SOURCE[0]}")/x11-display.sh"
start_xvfb 1280x800
app=""
cleanup() {
  [ -n "$app" ] && kill "$app" 2>/dev/null || true
  stop_xvfb
}
trap cleanup EXIT

step=0
shot() { step=$((step + 1)); import -window root "$shots/$(printf %02d "$step")-$1.png"; }
fail() {
  shot failed
  echo "$run_name: $*"
  echo "$run_name: screenshots in $shots"
  [ -f "$work/app.log" ] && cat "$work/app.log"
  exit 1
}

start() {
  # A fresh home on the first start: no stored preferences, no recovery copies.
  launch() {
    HOME=$work/home XDG_DATA_HOME=$work/home/.local/share "$binary" "$1" >"$work/app.log" 2>&1 &
    app=$!
  }
  launch "$1"
  window=""
  local tries=1
  for _ in $(seq 100); do
    window=$(xdotool search --name "$2" 2>/dev/null | head -n 1 || true)
    [ -n "$window" ] && break
    if ! kill -0 "$app" 2>/dev/null; then
      # The virtual display refused a connection it had just answered (seen once in CI):
      # that is the display, not Marginalia, so start once more.
      if [ "$tries" -eq 1 ] && grep -q "Failed to open connection to X server" "$work/app.log"; then
        tries=2
        echo "$run_name: the X server refused the window; starting it again"
        sleep 1
        launch "$1"
        continue
      fi
      fail "marginalia exited before showing $2"
    fi
    sleep 0.2
  done
  [ -n "$window" ] || fail "no window for $2 within 20 s"
  xdotool windowsize --sync "$window" 1280 800 || true
  sleep 1
  xdotool windowfocus --sync "$window"
}

keys() { xdotool windowfocus --sync "$window"; xdotool key --delay 80 "$@"; sleep 0.6; }
type_text() { xdotool windowfocus --sync "$window"; xdotool type --delay 60 "$1"; sleep 0.6; }
# Pastes TEXT, as a name copied from elsewhere is (xdotool types right-to-left scripts badly).
paste_text() {
  printf '%s' "$1" | xclip -selection clipboard -in 2>/dev/null
  sleep 0.3
  keys ctrl+v
}

# Where the find matches are on screen, from their yellow blended over the page: the left
# end of the first row they cover and the right end of the last ("x0 y0 x1 y1").
match_ends() {
  import -window root "$work/find.png"
  convert "$work/find.png" -alpha off -fuzz 6% -fill magenta -opaque 'rgb(250,231,160)' \
    -fuzz 0 -fill black +opaque magenta -fill white -opaque magenta \
    -compress none pbm:- | python3 -c '
import sys
tokens = sys.stdin.read().split()
width, height = int(tokens[1]), int(tokens[2])
bits = tokens[3:]
rows = []  # (y, x_min, x_max) of each pixel row holding a match; PBM: 0 is white
for y in range(height):
    xs = [x for x in range(width) if bits[y * width + x] == "0"]
    if len(xs) > 4:
        rows.append((y, xs[0], xs[-1]))
# A text row'"'"'s highlight is one rectangle: a new band starts at a gap, or where the
# extent changes (the rows of a wrapped match touch).
bands, band = [], []
for row in rows:
    if band and (row[0] > band[-1][0] + 2 or abs(row[1] - band[-1][1]) > 3 or abs(row[2] - band[-1][2]) > 3):
        bands.append(band)
        band = []
    band.append(row)
if band:
    bands.append(band)
if not bands:
    print("0 0 0 0")
    sys.exit()
first, last = bands[0], bands[-1]
mid = lambda b: (b[0][0] + b[-1][0]) // 2
print(min(r[1] for r in first), mid(first), max(r[2] for r in last), mid(last))
'
}

# Finds PHRASE with Ctrl+F (without moving the selection), then selects it with the mouse:
# a drag from its first character to its last, or a double-click in it when the second
# argument is "double".
select_on_screen() {
  keys ctrl+f
  keys ctrl+a BackSpace
  type_text "$1"
  read -r x0 y0 x1 y1 < <(match_ends)
  [ "$x0$y0$x1$y1" != 0000 ] || fail "\"$1\" was not found on screen"
  if [ "${2:-drag}" = double ]; then
    xdotool mousemove --sync $(((x0 + x1) / 2)) "$y0" click --repeat 2 --delay 90 1
  else
    xdotool mousemove --sync $((x0 + 3)) "$y0" mousedown 1
    for i in $(seq 1 12); do
      xdotool mousemove --sync $((x0 + 3 + (x1 - x0 - 6) * i / 12)) $((y0 + (y1 - y0) * i / 12))
      sleep 0.03
    done
    xdotool mouseup 1
  fi
  sleep 0.6
  shot "selected-$(echo "$1" | tr -c 'a-z' '-')"
}

