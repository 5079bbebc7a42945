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
. bench/lib.sh
start_all
perf record -F 1999 -o "$OUT/perf.data" -p "$PID" >/dev/null 2>&1 &
PERF=$!
sleep 0.5
BENCH_ONLY=$ONLY target/release/lookout-bench | grep -E '^ROW' || true
kill -INT "$PERF"; wait "$PERF" || true
perf report -i "$OUT/perf.data" --no-children --sort symbol --percent-limit 1 --stdio 2>/dev/null |
  grep -E '^ +[0-9.]+%' | head -25
