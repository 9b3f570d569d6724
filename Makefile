# Upskill: `make run` opens the app on a demo organisation; `make test` runs every test.
# Both install what they need first (scripts/setup.sh). One cargo feature set everywhere:
# the app always embeds ui/dist (custom-protocol), so switching never rebuilds Tauri.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
export PATH := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin:$(PATH)

FEATURES := --features upskill-desktop/custom-protocol
XVFB := xvfb-run -a -s "-screen 0 1280x800x24"
BINDINGS := ui/src/lib/api/bindings ui/src/lib/api/commands.ts

.PHONY: all setup ui app run test lint test-rust bindings-check test-ui e2e stress fuzz bench bench-smoke dist dist-check footprint clean

all: app

setup:
	scripts/setup.sh

ui: setup
	cd ui && npm run build

app: ui
	cargo build $(FEATURES) -p upskill-desktop -p upskill-cli

run: app
	scripts/run.sh

test: setup lint test-rust bindings-check test-ui bench-smoke e2e
	@echo "make test: all checks passed"

lint: ui
	cargo fmt --all --check
	cargo clippy --workspace --all-targets $(FEATURES) -- -D warnings

# Core, CLI and app unit tests. ts-rs and ipc_contract.rs regenerate $(BINDINGS) here.
test-rust: ui
	cargo test --workspace --exclude upskill-e2e $(FEATURES)

# The generated TypeScript types and command wrappers must be committed as generated.
bindings-check: test-rust
	@if ! git diff --quiet -- $(BINDINGS) || [ -n "$$(git ls-files --others --exclude-standard -- $(BINDINGS))" ]; then \
	  echo "The TypeScript bindings differ from the Rust types and commands: commit $(BINDINGS)" >&2; \
	  git status --short -- $(BINDINGS) >&2; exit 1; fi

test-ui: setup
	cd ui && npm run check && npm test

e2e: app
	cargo test -p upskill-e2e --no-run
	$(XVFB) dbus-run-session -- scripts/e2e.sh

# The SIGKILL-during-import test, 100 times instead of make test's 20.
stress:
	UPSKILL_KILL_RUNS=100 cargo test -p upskill-cli --test import kill_9 -- --nocapture
	PROPTEST_CASES=2000 cargo test -p upskill-core --test bad_files

# Organisation-scale benchmarks against the sqlite3 shell (release builds; not part of make
# test). SIZE is S, M or L; the default runs S then M. Files and results go to .build/bench/.
SIZE ?= S M
bench: setup
	cargo build --release -p upskill-cli -p upskill-bench
	for size in $(SIZE); do target/release/upskill-bench run --size $$size; done

# One run of every benchmark step at size S (debug builds), so the bench cannot rot; it also
# checks that every report's counts equal the plain-SQL baseline's.
bench-smoke: setup
	cargo build -p upskill-cli -p upskill-bench
	target/debug/upskill-bench run --size S --smoke --upskill target/debug/upskill --dir .build/bench-smoke

# Coverage-guided fuzzing (libFuzzer via cargo-fuzz) of the CSV reader/validator and of opening
# arbitrary bytes as a database. Stable Rust needs RUSTC_BOOTSTRAP=1 for the sanitizer flags.
FUZZ_SECONDS ?= 600
fuzz:
	command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked --version 0.13.2
	mkdir -p fuzz/corpus/import_csv fuzz/corpus/db_open
	cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run -O import_csv corpus/import_csv seeds/import_csv -- -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=4096
	cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run -O db_open corpus/db_open seeds/db_open -- -max_total_time=$(FUZZ_SECONDS) -max_len=32768 -rss_limit_mb=4096

# Release packages (.deb and .rpm with the desktop app, the `upskill` CLI, its man pages and
# completions) in .build/dist/; none of these three is part of make test.
dist: setup
	scripts/dist.sh

# Installs the .deb as root, checks it (CLI, man page, E2E smoke subset on the installed app
# under Xvfb), purges it and checks nothing is left.
dist-check: dist
	scripts/dist-check.sh

# Start time, memory and package size of the release build, printed as a table.
footprint: dist
	scripts/footprint.sh

clean:
	cargo clean
	rm -rf ui/dist .build
