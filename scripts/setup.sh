#!/usr/bin/env bash
# Installs every tool Lookout's build and tests need, from registries only.
# Idempotent: a tool already present at the right version is skipped, so a
# second run costs seconds. Never downloads from GitHub.
#
# Usage: scripts/setup.sh [--with-browser]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
TOOLS="$ROOT/.tools"
mkdir -p "$TOOLS"
export PATH="$TOOLS/node_modules/.bin:$HOME/.cargo/bin:$PATH"

CARGO_LEPTOS_VERSION=0.3.10
BINARYEN_VERSION=132.0.0
log() { echo "setup: $*" >&2; }

# wasm-bindgen CLI must match the crate version pinned in Cargo.lock exactly.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/"/,"",$3); print $3; exit}' Cargo.lock 2>/dev/null || true)
WASM_BINDGEN_VERSION=${WASM_BINDGEN_VERSION:-0.2.130}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding wasm32 target"; rustup target add wasm32-unknown-unknown
fi

if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  log "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 13 min on 2 cores)"
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install --locked cargo-leptos --version "$CARGO_LEPTOS_VERSION" --features no_downloads
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: its lockfile wants a crate version the registry mirror lacks.
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# wasm-opt from npm binaryen. Debian's binaryen (v108) builds a wasm that
# fails to hydrate, so it must never be used.
if ! "$TOOLS/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION%%.*}"; then
  log "installing wasm-opt (npm binaryen@$BINARYEN_VERSION)"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS" "binaryen@$BINARYEN_VERSION"
fi

# The OpenAPI document's validator, for the API test that checks it.
if ! "$TOOLS/openapi/bin/openapi-spec-validator" --version >/dev/null 2>&1; then
  log "installing openapi-spec-validator (PyPI)"
  python3 -m venv "$TOOLS/openapi"
  "$TOOLS/openapi/bin/pip" install -q openapi-spec-validator==0.9.0
fi

if [[ "${1:-}" == "--with-browser" ]]; then
  if [[ ! -x /usr/bin/chromium ]]; then
    log "installing Debian chromium"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
  fi
  if [[ ! -d end2end/node_modules/playwright-core ]]; then
    log "installing playwright-core (no browser download)"
    (cd end2end && npm ci --silent --no-audit --no-fund)
  fi
fi
log "toolchain ready"
