#!/usr/bin/env bash
# Builds Lookout (release) and runs it on an embedded SQLite file in ./data.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/.tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
cargo leptos build --release
mkdir -p data
LISTEN=${LOOKOUT_LISTEN:-127.0.0.1:3000}
cat <<MSG

  Lookout: http://$LISTEN
  Log in as 'admin'. On the first start the password is LOOKOUT_ADMIN_PASSWORD
  if you set it, or else a generated one printed once in the log line
  "created the first user" below. Change it under your name (top right).

MSG
exec target/release/lookout --listen "$LISTEN" --database data/lookout.db "$@"
