#!/usr/bin/env bash
# Runs the end-to-end tests against the built app. Call it through `make e2e`: it expects an
# X display (xvfb-run provides one), a D-Bus session bus (dbus-run-session provides one, so the
# single-instance plugin works as on a desktop) and the custom-protocol app in target/debug.
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
  echo "e2e: tauri-driver did not start:" >&2
  cat "$log" >&2
  exit 1
fi
# One window at a time: tests share the driver.
cargo test -p upskill-e2e -- --test-threads=1 "$@"
