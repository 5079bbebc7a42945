# Shared by bench/run.sh and bench/profile.sh; sourced, not run.

# Starts the peers and the release build on a fresh database in $OUT, with
# their cleanup on exit; sets PID and exports LOOKOUT_URL and the peers'
# variables once /readyz answers.
start_all() {
  trap 'scripts/peers.sh stop "$OUT/peers"; [[ -n "${PID:-}" ]] && kill "$PID" 2>/dev/null || true' EXIT
  scripts/peers.sh start "$OUT/peers" "${BENCH_DOCS:-20000}"
  set -a; . "$OUT/peers/peers.env"; set +a
  rm -f "$OUT/lookout.db"*
  export LOOKOUT_ADMIN_PASSWORD=bench-admin-password
  T0=$(date +%s%N)
  target/release/lookout --listen 127.0.0.1:0 --database "$OUT/lookout.db" --log-format json >"$OUT/lookout.log" 2>&1 &
  PID=$!
  LOOKOUT_URL=""
  until [[ -n "$LOOKOUT_URL" ]] && curl -fs "$LOOKOUT_URL/readyz" >/dev/null; do
    LOOKOUT_URL=$(sed -n 's/.*"url":"\([^"]*\)".*/\1/p' "$OUT/lookout.log" | head -1)
    sleep 0.005
  done
  export LOOKOUT_URL LOOKOUT_PID=$PID
}
