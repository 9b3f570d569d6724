#!/usr/bin/env bash
# Runs a command with tauri-driver listening on $UPSKILL_E2E_PORT (default 4444; the native
# WebKitWebDriver on the port after it), and stops the driver afterwards. Used by scripts/e2e.sh,
# scripts/dist-check.sh and scripts/footprint.sh, which run under xvfb-run and dbus-run-session
# (an X display, and a D-Bus session bus so the single-instance plugin works as on a desktop).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .build
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

# UPSKILL_E2E_PORT lets two suites run side by side (the harness reads it too).
port="${UPSKILL_E2E_PORT:-4444}"
export UPSKILL_E2E_PORT="$port"
log=".build/tauri-driver-$port.log"
tauri-driver --port "$port" --native-port "$((port + 1))" > "$log" 2>&1 &
driver=$!
trap 'kill "$driver" 2>/dev/null || true; wait "$driver" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  if (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null; then break; fi
  sleep 0.1
done
if ! kill -0 "$driver" 2>/dev/null; then
  echo "tauri-driver did not start:" >&2
  cat "$log" >&2
  exit 1
fi
"$@"
