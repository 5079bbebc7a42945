#!/usr/bin/env bash
# Runs Lookout's benchmarks: the release build against the real peers, each
# number a ratio to the same request sent straight to the upstream in the
# same run. Not part of the test command.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/.tools/bin:$PWD/.tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
cargo leptos build --release
cargo build --release -p bench --bins
OUT="$PWD/target/bench"
mkdir -p "$OUT"
trap 'scripts/peers.sh stop "$OUT/peers"; [[ -n "${PID:-}" ]] && kill "$PID" 2>/dev/null || true' EXIT
scripts/peers.sh start "$OUT/peers" "${BENCH_DOCS:-20000}"
set -a; . "$OUT/peers/peers.env"; set +a
rm -f "$OUT/lookout.db"*
export LOOKOUT_ADMIN_PASSWORD=bench-admin-password
target/release/lookout --listen 127.0.0.1:0 --database "$OUT/lookout.db" --log-format json > "$OUT/lookout.log" 2>&1 &
PID=$!
for _ in $(seq 1 100); do
  LOOKOUT_URL=$(python3 -c 'import json,sys
for l in open(sys.argv[1]):
    try: u = json.loads(l).get("url")
    except ValueError: continue
    if u: print(u); break' "$OUT/lookout.log")
  [[ -n "$LOOKOUT_URL" ]] && break
  sleep 0.1
done
export LOOKOUT_URL
export LOOKOUT_PID=$PID
echo "lookout idle RSS: $(awk '/VmRSS/{print $2" "$3}' /proc/$PID/status)"
target/release/lookout-bench
if [[ -z "${BENCH_ONLY:-}" ]]; then node bench/chart.mjs; node bench/dashboard.mjs; fi
echo "lookout RSS after the run: $(awk '/VmRSS/{print $2" "$3}' /proc/$PID/status)"
