#!/usr/bin/env bash
# `make footprint`: what the release build costs the user's machine, printed as a table.
# On the demo database (`upskill demo`) and on the bench's M database (100,000 employees,
# `upskill-bench gen --size M` imported with the CLI): the time from asking for the window to
# the dashboard showing its numbers, and RSS and PSS of the app and its WebKit processes after
# opening every page once (tests/e2e/src/bin/footprint.rs); then the .deb's size and installed
# size. Expects `make dist` to have run; databases and results go to .build/footprint/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

target="${CARGO_TARGET_DIR:-target}"
case "$target" in /*) ;; *) target="$PWD/$target" ;; esac
out=.build/footprint
mkdir -p "$out"
shopt -s nullglob
debs=(.build/dist/*.deb)
if ((${#debs[@]} != 1)); then
  echo "footprint: expected one .deb in .build/dist (run make dist)" >&2
  exit 1
fi
cli="$target/release/upskill"

cargo build --release --locked -p upskill-e2e -p upskill-bench

rm -f "$out"/demo.db*
"$cli" --db "$out/demo.db" demo > /dev/null
# M is kept between runs: generating and importing it takes minutes.
if [ ! -f "$out/M.db" ]; then
  "$target/release/upskill-bench" gen --size M --dir .build/bench
  rm -f "$out"/M.partial.db*
  for kind in employees programs completions; do
    "$cli" --db "$out/M.partial.db" import "$kind" ".build/bench/M/$kind.csv" > /dev/null
  done
  mv "$out/M.partial.db" "$out/M.db"
fi

echo "footprint: launching the release app (median of ${FOOTPRINT_RUNS:-5} launches per database)"
UPSKILL_E2E_APP="$target/release/upskill-desktop" UPSKILL_E2E_CLI="$cli" \
  UPSKILL_E2E_PORT="${UPSKILL_E2E_PORT:-4710}" \
  xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
  scripts/with-driver.sh "$target/release/footprint" "demo=$PWD/$out/demo.db" "M=$PWD/$out/M.db" \
  | tee "$out/app.md"

deb="${debs[0]}"
installed_kib=$(dpkg-deb -f "$deb" Installed-Size)
{
  echo
  echo "| package | size | installed size |"
  echo "|---|---|---|"
  awk -v name="$(basename "$deb")" -v bytes="$(stat -c %s "$deb")" -v kib="$installed_kib" \
    'BEGIN { printf "| %s | %.1f MB | %.1f MB |\n", name, bytes / 1e6, kib * 1024 / 1e6 }'
  for rpm in .build/dist/*.rpm; do
    awk -v name="$(basename "$rpm")" -v bytes="$(stat -c %s "$rpm")" \
      'BEGIN { printf "| %s | %.1f MB | |\n", name, bytes / 1e6 }'
  done
} | tee "$out/package.md"
