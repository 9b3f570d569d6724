#!/usr/bin/env bash
# `make dist-check`: installs the .deb that `make dist` built on this machine (as root, through
# apt so its dependencies resolve), checks what it installed (the CLI on the PATH with the same
# version, the man page, the completions, the menu entry and icons), runs the E2E smoke subset
# (tests/e2e/tests/smoke.rs) against the installed app and CLI under Xvfb, then purges the
# package and checks that none of its files is left. Not part of `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
apt_get() { $sudo env DEBIAN_FRONTEND=noninteractive apt-get "$@"; }
fail() { echo "dist-check: $*" >&2; exit 1; }

start=$(date +%s)
shopt -s nullglob
debs=(.build/dist/*.deb)
((${#debs[@]} == 1)) || fail "expected one .deb in .build/dist (run make dist), found ${#debs[@]}"
deb="$PWD/${debs[0]}"
name=$(dpkg-deb -f "$deb" Package)
version=$(dpkg-deb -f "$deb" Version)
work=.build/dist-check
rm -rf "$work"
mkdir -p "$work"

# The smoke test's binary first (release profile: it shares the crates `make dist` built), so
# the time the package is installed is spent on checks.
cargo test --release --locked -p upskill-e2e --test smoke --no-run

installed() { dpkg-query -W -f='${Status}' "$name" 2>/dev/null | grep -q "install ok installed"; }
if installed; then
  echo "dist-check: $name is already installed; purging it first"
  apt_get purge -y -qq "$name"
fi
# Whatever happens below, the machine is left without the package.
trap 'if installed; then apt_get purge -y -qq "$name" > /dev/null || true; fi' EXIT

echo "dist-check: apt-get install $deb"
apt_get install -y -qq --no-install-recommends "$deb"
installed || fail "$name is not installed after apt-get install"
dpkg -L "$name" | sort > "$work/files.txt"
echo "dist-check: $name $version installed $(wc -l < "$work/files.txt") paths"

# What the package must hold, where the desktop, man and the shells look for it.
for path in /usr/bin/upskill /usr/bin/upskill-desktop /usr/share/man/man1/upskill.1.gz \
  /usr/share/bash-completion/completions/upskill /usr/share/zsh/vendor-completions/_upskill \
  /usr/share/fish/vendor_completions.d/upskill.fish; do
  grep -qx "$path" "$work/files.txt" || fail "the package does not install $path"
done
grep -q '^/usr/share/applications/.*\.desktop$' "$work/files.txt" || fail "no menu entry (.desktop file)"
grep -q '^/usr/share/icons/hicolor/.*\.png$' "$work/files.txt" || fail "no icons"
desktop_file=$(grep '^/usr/share/applications/.*\.desktop$' "$work/files.txt" | head -n 1)
grep -q '^Exec=upskill-desktop' "$desktop_file" || fail "$desktop_file does not start upskill-desktop"

[ "$(command -v upskill)" = /usr/bin/upskill ] || fail "upskill on the PATH is $(command -v upskill), not /usr/bin/upskill"
line=$(upskill --version)
echo "dist-check: upskill --version: $line"
case "$line" in
  "upskill $version (commit "*")") ;;
  *) fail "upskill --version says '$line', not version $version with its commit" ;;
esac

if ! command -v man > /dev/null; then apt_get install -y -qq --no-install-recommends man-db; fi
MANWIDTH=80 man -P cat upskill > "$work/man.txt" 2> "$work/man.err" || true
[ -s "$work/man.txt" ] || fail "man upskill printed nothing: $(cat "$work/man.err")"
grep -q 'upskill' "$work/man.txt" || fail "man upskill does not name upskill"
echo "dist-check: man upskill: $(wc -l < "$work/man.txt") lines"
bash -c 'source /usr/share/bash-completion/completions/upskill && complete -p upskill' > /dev/null \
  || fail "the bash completion does not register for upskill"

upskill --db "$work/demo.db" demo
upskill --db "$work/demo.db" check | grep -qx ok || fail "upskill check on the demo database is not ok"

echo "dist-check: E2E smoke subset against /usr/bin/upskill-desktop"
UPSKILL_E2E_APP=/usr/bin/upskill-desktop UPSKILL_E2E_CLI=/usr/bin/upskill \
  UPSKILL_E2E_PORT="${UPSKILL_E2E_PORT:-4700}" \
  xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
  scripts/with-driver.sh cargo test --release --locked -p upskill-e2e --test smoke -- --test-threads=1

echo "dist-check: apt-get purge $name"
apt_get purge -y -qq "$name"
! installed || fail "$name is still installed after purge"
left=()
while read -r path; do
  # Directories such as /usr/share/man/man1 are shared with other packages; files are ours.
  if [ -e "$path" ] && [ ! -d "$path" ]; then left+=("$path"); fi
done < "$work/files.txt"
((${#left[@]} == 0)) || fail "left behind after purge: ${left[*]}"
hash -r
! command -v upskill > /dev/null || fail "upskill is still on the PATH: $(command -v upskill)"
if dpkg-query -W "$name" > /dev/null 2>&1 && dpkg-query -W -f='${Status}' "$name" | grep -qv "not-installed"; then
  fail "dpkg still knows $name: $(dpkg-query -W -f='${Status}' "$name")"
fi

echo "dist-check: passed in $(( $(date +%s) - start )) s ($name $version: installed, checked, purged, nothing left)"
