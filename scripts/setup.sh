#!/usr/bin/env bash
# Installs what building, running and testing Upskill needs on Debian 12, idempotently:
# apt packages (only the missing ones), the UI's npm packages (npm ci from the lockfile, only
# when node_modules is older than the lockfile) and tauri-driver (only when absent).
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  # building the app
  build-essential pkg-config curl wget file ca-certificates git
  libwebkit2gtk-4.1-dev libxdo-dev libssl-dev libayatana-appindicator3-dev librsvg2-dev
  # running the end-to-end tests and the benchmark baseline; screenshots
  xvfb xauth webkit2gtk-driver dbus-daemon procps imagemagick sqlite3
  # reading the PDF reports back in tests (pdftotext, pdfinfo) and rendering the README page
  poppler-utils
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "setup: Node.js >= 20.19 and npm are required (the machine image ships them)" >&2
  exit 1
fi
stamp=ui/node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ ui/package-lock.json -nt "$stamp" ]; then
  echo "setup: npm ci in ui/"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
fi

cargo_bin="${CARGO_HOME:-$HOME/.cargo}/bin"
if ! command -v tauri-driver >/dev/null && [ ! -x "$cargo_bin/tauri-driver" ]; then
  echo "setup: cargo install tauri-driver (about 2 minutes)"
  cargo install tauri-driver --version '^2' --locked
fi
