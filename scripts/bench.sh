#!/usr/bin/env bash
# Organisation-scale benchmarks of upskill against the sqlite3 shell (issue 7).
#
#   scripts/bench.sh              sizes S and M (release build)
#   scripts/bench.sh L            one or more sizes: S, M, L (L: 1,000,000 employees, ~1 hour)
#   scripts/bench.sh --smoke      one run of every step at size S (debug build): what make test runs
#   scripts/bench.sh M -- --runs 3    arguments after -- go to `upskill-bench run`
#
# Files, databases and results go under .build/bench/ (the smoke run: .build/bench-smoke/);
# the user's database is never opened. Tables go to stdout, JSON and Markdown next to the data.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

smoke=0
sizes=()
extra=()
while (($#)); do
  case "$1" in
    --smoke) smoke=1 ;;
    --) shift; extra=("$@"); break ;;
    S|M|L|s|m|l) sizes+=("${1^^}") ;;
    *) echo "usage: scripts/bench.sh [--smoke] [S|M|L ...] [-- upskill-bench run options]" >&2; exit 2 ;;
  esac
  shift
done

# The baseline is the sqlite3 shell (scripts/setup.sh installs it too).
if ! command -v sqlite3 >/dev/null; then
  echo "bench: installing sqlite3"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends sqlite3
fi

if ((smoke)); then
  cargo build -p upskill-cli -p upskill-bench
  exec target/debug/upskill-bench run --size S --smoke --upskill target/debug/upskill \
    --dir .build/bench-smoke "${extra[@]}"
fi

((${#sizes[@]})) || sizes=(S M)
cargo build --release -p upskill-cli -p upskill-bench
for size in "${sizes[@]}"; do
  target/release/upskill-bench run --size "$size" "${extra[@]}"
done
