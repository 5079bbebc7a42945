#!/usr/bin/env bash
# Profiles the release build with Debian's `perf` while the Rust bench runs
# one part (BENCH_ONLY=metrics by default, or logs) against the real peers,
# then prints the top entries by self time. Run after bench/run.sh (or
# scripts/build.sh and the bench build) so both binaries exist.
#   bench/profile.sh [metrics|logs] [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
ONLY=${1:-metrics}
OUT=${2:-$PWD/target/profile}
mkdir -p "$OUT"
command -v perf >/dev/null || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends linux-perf >/dev/null
}
trap 'scripts/peers.sh stop "$OUT/peers"; [[ -n "${PID:-}" ]] && kill "$PID" 2>/dev/null || true' EXIT
scripts/peers.sh start "$OUT/peers" "${BENCH_DOCS:-20000}"
set -a; . "$OUT/peers/peers.env"; set +a
rm -f "$OUT/lookout.db"*
export LOOKOUT_ADMIN_PASSWORD=bench-admin-password
target/release/lookout --listen 127.0.0.1:0 --database "$OUT/lookout.db" --log-format json >"$OUT/lookout.log" 2>&1 &
PID=$!
LOOKOUT_URL=""
until [[ -n "$LOOKOUT_URL" ]] && curl -fs "$LOOKOUT_URL/readyz" >/dev/null; do
  LOOKOUT_URL=$(sed -n 's/.*"url":"\([^"]*\)".*/\1/p' "$OUT/lookout.log" | head -1)
  sleep 0.01
done
export LOOKOUT_URL
perf record -F 1999 -o "$OUT/perf.data" -p "$PID" >/dev/null 2>&1 &
PERF=$!
sleep 0.5
BENCH_ONLY=$ONLY target/release/lookout-bench | grep -E '^ROW' || true
kill -INT "$PERF"; wait "$PERF" || true
perf report -i "$OUT/perf.data" --no-children --sort symbol --percent-limit 1 --stdio 2>/dev/null |
  grep -E '^ +[0-9.]+%' | head -25
