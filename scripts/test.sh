#!/usr/bin/env bash
# Runs every test: unit, golden, integration (real server on port 0, fresh
# SQLite), live (real Prometheus and osmem-server) and browser (headless
# chromium). Installs what it needs first; starts and stops the peers.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --with-browser
export PATH="$PWD/.tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"

step() { printf '\n==> %s\n' "$*" >&2; }

step "starting the real peers (Prometheus, node-exporter, osmem-server)"
PEERS="$PWD/target/peers"
trap 'scripts/peers.sh stop "$PEERS"' EXIT
scripts/peers.sh start "$PEERS"
set -a; . "$PEERS/peers.env"; set +a

step "unit, golden, integration and live tests"
cargo test --workspace --locked

# The browser tests use the release build that scripts/run.sh serves, so a
# release-only break (wasm-opt, LTO) fails here rather than on a user's machine.
step "building the release site for the browser tests"
scripts/build.sh

step "browser tests (chromium)"
(cd end2end && LOOKOUT_BIN="$PWD/../target/release/lookout" node --test --test-concurrency=1 tests/)
