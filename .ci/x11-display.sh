#!/usr/bin/env bash
# Shared by the runs under a virtual X display: start_xvfb SIZE starts Xvfb on a display no
# other server holds (an earlier run's may still be shutting down), sets DISPLAY and xvfb (its
# process), and waits until it answers; stop_xvfb stops it and waits until it is gone.
start_xvfb() {
  display=""
  for n in $(shuf -i 80-99); do
    if [ ! -e "/tmp/.X$n-lock" ] && [ ! -e "/tmp/.X11-unix/X$n" ]; then
      display=:$n
      break
    fi
  done
  [ -n "$display" ] || { echo "no free X display"; exit 1; }
  Xvfb "$display" -screen 0 "$1x24" -nolisten tcp >/dev/null 2>&1 &
  xvfb=$!
  export DISPLAY=$display
  for _ in $(seq 50); do
    kill -0 "$xvfb" 2>/dev/null || { echo "Xvfb on $display exited"; exit 1; }
    xdotool getmouselocation >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "Xvfb on $display did not answer within 10 s"
  exit 1
}

stop_xvfb() {
  kill "$xvfb" 2>/dev/null || true
  wait "$xvfb" 2>/dev/null || true
}
