#!/usr/bin/env bash
# The release build: server binary and site (wasm, JS, CSS), then `.br` and
# `.gz` copies of the site's files, served as they are to browsers that
# accept them. Used by run.sh, test.sh and bench/run.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
cargo leptos build --release --split
target/release/lookout precompress target/site
