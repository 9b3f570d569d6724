#!/usr/bin/env bash
# Opens the real app. Without $UPSKILL_DB it uses .build/demo.db, filled with the demo
# organisation on first run, so a newcomer sees something real at once.
set -euo pipefail
cd "$(dirname "$0")/.."
db="${UPSKILL_DB:-.build/demo.db}"
mkdir -p "$(dirname "$db")"
if [ ! -s "$db" ]; then
  target/debug/upskill --db "$db" demo
fi
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run: no display; starting the app under Xvfb (take a screenshot with: import -window root shot.png)" >&2
  exec xvfb-run -a -s "-screen 0 1280x800x24" target/debug/upskill-desktop --db "$db"
fi
exec target/debug/upskill-desktop --db "$db"
