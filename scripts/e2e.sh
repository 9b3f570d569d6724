#!/usr/bin/env bash
# Runs the end-to-end tests against the built app. Call it through `make e2e`: it expects an
# X display (xvfb-run provides one), a D-Bus session bus (dbus-run-session provides one, so the
# single-instance plugin works as on a desktop) and the custom-protocol app in target/debug.
set -euo pipefail
cd "$(dirname "$0")/.."
# One window at a time: tests share the driver.
exec scripts/with-driver.sh cargo test -p upskill-e2e -- --test-threads=1 "$@"
