#!/usr/bin/env bash
# Runs every test: unit, integration (real server on port 0, fresh SQLite)
# and browser (headless chromium). Installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --with-browser
export PATH="$PWD/.tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"

step() { printf '\n==> %s\n' "$*" >&2; }

step "unit and integration tests"
cargo test --workspace --locked

step "building the site for the browser tests"
cargo leptos build

step "browser tests (chromium)"
(cd end2end && node --test --test-concurrency=1 tests/)
