#!/usr/bin/env bash
# Builds the release packages through `make dist`: the desktop app (release, UI embedded) and
# the `upskill` CLI of the same version, bundled by the Tauri CLI into a .deb and an .rpm in
# .build/dist/. The CLI, its man pages and its shell completions are staged in
# .build/dist/stage/, where tauri.conf.json's bundle.linux.{deb,rpm}.files picks them up.
# Only bundlers that work offline: AppImage, .msi/NSIS and .dmg are out of reach here (see
# .github/workflows/release.yml for Windows and macOS).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

target="${CARGO_TARGET_DIR:-target}"
out=.build/dist
stage="$out/stage"
rm -rf "$out"
mkdir -p "$stage"

start=$(date +%s)
# The CLI first: the package carries it, its man pages and completions.
cargo build --release --locked -p upskill-cli
"$target/release/upskill" generate-docs "$stage" > /dev/null
# -n: no timestamp or name in the gzip header, so a rebuild gives the same bytes.
gzip -9n "$stage"/man/*.1
install -m 0755 "$target/release/upskill" "$stage/upskill"

# `tauri build` runs the UI build (beforeBuildCommand), `cargo build --release` with the same
# feature set as everywhere else, and the bundlers. --ci: never prompt.
ui/node_modules/.bin/tauri build --ci --features custom-protocol --bundles deb,rpm

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
deb="$target/release/bundle/deb/Upskill_${version}_amd64.deb"
rpm="$target/release/bundle/rpm/Upskill-${version}-1.x86_64.rpm"
for package in "$deb" "$rpm"; do
  if [ ! -f "$package" ]; then
    echo "dist: $package was not built" >&2
    exit 1
  fi
  cp "$package" "$out/"
done

echo
echo "dist: built in $(( $(date +%s) - start )) s"
for package in "$out"/*.deb "$out"/*.rpm; do
  awk -v name="$(basename "$package")" -v bytes="$(stat -c %s "$package")" \
    'BEGIN { printf "  %-40s %6.1f MB\n", name, bytes / 1e6 }'
done
