#!/usr/bin/env bash
# Runs Lookout's benchmarks and writes bench/REPORT.md: the release build
# against the real peers, each figure beside a baseline measured in the same
# run (the same request straight to the upstream, uPlot in the same
# Chromium, or the issue's target), with the ratio, the target and whether
# it was met. Not part of the test command.
#   BENCH_ROUNDS (30), BENCH_LOG_ROUNDS (400), BENCH_LOAD_SECS (60),
#   BENCH_SOAK_SECS (600),
#   BENCH_ONLY=metrics|logs (Rust part only, for profiling)
set -euo pipefail
cd "$(dirname "$0")/.."
# Read before anything is written (REPORT.md itself would make it dirty).
COMMIT=$(git describe --always --dirty)
scripts/setup.sh --with-browser
export PATH="$PWD/.tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
if ! command -v wrk >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null
fi
[[ -d bench/node_modules/uplot ]] || (cd bench && npm ci --silent --no-audit --no-fund)
scripts/build.sh
# The same features (bench/Cargo.toml) and the one compile-time variable
# cargo-leptos sets that the leptos crates read (option_env!), so this
# reuses the release build's crates instead of rebuilding them every run.
LEPTOS_OUTPUT_NAME=$(sed -n 's/^output-name = "\(.*\)"/\1/p' Cargo.toml) \
  cargo build --release -p bench --bins
OUT="$PWD/target/bench"
mkdir -p "$OUT"
ROWS="$OUT/rows.txt"; LOG="$OUT/bench.log"
: >"$ROWS"; : >"$LOG"
row() { echo "ROW | $1 | $2 | $3 | $4 | ≤ $5 | $(awk -v r="$4" -v t="$5" 'BEGIN{print (r <= t) ? "met" : "missed"}') |" | tee -a "$ROWS"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.3f", a / b}'; }
rss_mb() { awk '/VmRSS/{printf "%.0f\n", $2 / 1024}' "/proc/$1/status"; }

# Start → /readyz on a fresh database, and the idle RSS.
. bench/lib.sh
start_all
ready_ms=$(( ($(date +%s%N) - T0) / 1000000 ))
row "start → /readyz (ms, fresh database)" "300 ms target" "$ready_ms ms" "$(ratio "$ready_ms" 300)" 1
sleep 2
idle=$(rss_mb "$PID")
row "RSS idle (MB)" "25 MB target" "$idle MB" "$(ratio "$idle" 25)" 1

target/release/lookout-bench 2>&1 | tee -a "$LOG" | grep '^ROW' >>"$ROWS" || true
if [[ -z "${BENCH_ONLY:-}" ]]; then
  for js in chart dashboard; do node "bench/$js.mjs" 2>&1 | tee -a "$LOG" | grep '^ROW' >>"$ROWS" || true; done

  # Load: 200 connections for BENCH_LOAD_SECS against a dashboard page, a
  # panel query and a log search, while /healthz is timed beside them.
  SECS=${BENCH_LOAD_SECS:-60}
  jar="$OUT/cookies"
  curl -fs -c "$jar" -H 'content-type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$LOOKOUT_ADMIN_PASSWORD\"}" "$LOOKOUT_URL/api/v1/auth/login" >/dev/null
  export WRK_COOKIE="lookout_session=$(awk '$6=="lookout_session"{print $7}' "$jar")" WRK_ORIGIN="$LOOKOUT_URL"
  es=$(curl -fs -b "$jar" "$LOOKOUT_URL/api/v1/datasources" | python3 -c 'import json,sys; print([d["id"] for d in json.load(sys.stdin) if d["kind"]=="elasticsearch"][0])')
  # probes N PREFIX: N rounds of /healthz and, right after it, an idle
  # bystander on the same machine (Prometheus' /-/healthy, which the load
  # reaches at most once per refresh step): what the machine's CPU
  # contention alone costs a probe. Times in PREFIX-lookout, PREFIX-bystander.
  probes() {
    : >"$2-lookout"; : >"$2-bystander"
    for _ in $(seq 1 "$1"); do
      curl -fs -o /dev/null -w '%{time_total}\n' "$LOOKOUT_URL/healthz" >>"$2-lookout"
      curl -fs -o /dev/null -u "$PROM_USER:$PROM_PASSWORD" -w '%{time_total}\n' "$PROM_URL/-/healthy" >>"$2-bystander"
      sleep 0.05
    done
  }
  p99_ms() { sort -n "$1" | awk '{a[NR]=$1} END{print a[int(NR*0.99)] * 1000}'; }
  probes 200 "$OUT/idle"
  idle_health=$(p99_ms "$OUT/idle-lookout"); idle_bystander=$(p99_ms "$OUT/idle-bystander")
  now_ms=$(( $(date +%s) * 1000 ))
  declare -A BODY=(
    [page]=""
    [panel]="{\"range\":{\"from_ms\":$((now_ms - 3600000)),\"to_ms\":$now_ms},\"width\":600}"
    [logs]="{\"queries\":[{\"ref_id\":\"A\",\"type\":\"logs\",\"datasource\":$es,\"query\":\"level:error\",\"range\":{\"from_ms\":$((DATA_NOW * 1000 - 86400000)),\"to_ms\":$((DATA_NOW * 1000))},\"size\":100}]}"
  )
  declare -A PATHS=([page]="/d/host-metrics" [panel]="/api/v1/dashboards/host-metrics/panels/cpu/query" [logs]="/api/v1/query")
  # load WHAT THREADS CONNECTIONS SECONDS OUTFILE: wrk against one of the three, in the background.
  load() {
    local method=GET; [[ -n "${BODY[$1]}" ]] && method=POST
    WRK_METHOD=$method WRK_BODY="${BODY[$1]}" wrk -t"$2" -c"$3" -d"$4s" --timeout 10s \
      -s bench/wrk/request.lua "$LOOKOUT_URL${PATHS[$1]}" >"$5" 2>&1 &
  }
  before=$(rss_mb "$PID"); peak=$before
  for what in page panel logs; do
    own=$(rss_mb "$PID")
    probes $((SECS * 8)) "$OUT/health-$what" &
    HP=$!
    load "$what" 2 200 "$SECS" "$OUT/wrk-$what"
    WP=$!
    while kill -0 "$WP" 2>/dev/null; do p=$(rss_mb "$PID"); (( p > own )) && own=$p; sleep 0.5; done
    (( own > peak )) && peak=$own
    wait "$WP" || true; kill "$HP" 2>/dev/null || true; wait "$HP" 2>/dev/null || true
    cat "$OUT/wrk-$what" >>"$LOG"
    read -r p50 p99 n errors < <(sed -n 's/^WRK p50_ms=\(.*\) p99_ms=\(.*\) requests=\(.*\) errors=\(.*\)/\1 \2 \3 \4/p' "$OUT/wrk-$what")
    loaded=$(p99_ms "$OUT/health-$what-lookout"); bystander=$(p99_ms "$OUT/health-$what-bystander")
    row "load $what: 200 connections × ${SECS}s, errors (of ${n:-0} requests; p50 ${p50:-?} ms, p99 ${p99:-?} ms; RSS peak $own MB)" "0 errors" "${errors:-?}" "${errors:-1}" 0
    row "load $what: /healthz p99 during load (ms)" "$idle_health ms idle" "$loaded ms" "$(ratio "$loaded" "$idle_health")" 2
    row "load $what: /healthz p99 beside an idle bystander's p99 in the same moments (ms; bystander idle: $idle_bystander ms)" "$bystander ms" "$loaded ms" "$(ratio "$loaded" "$bystander")" 2
  done
  # The baseline says what the rows above left resident (the answer cache
  # fills to its bound of --query-cache-mb, for all data sources together).
  row "RSS under 200-connection load, peak (MB; 80 MB target)" "$before MB before the loads" "$peak MB" "$(ratio "$peak" 80)" 1

  # Soak: a steady mixed load (pages, panel queries, log searches at once,
  # 8 connections each) for BENCH_SOAK_SECS. RSS is sampled every 5 s; it
  # is flat if the last minute's median is within 10% of the first
  # minute's (after a minute of warm-up: the cache and pools fill first).
  SOAK=${BENCH_SOAK_SECS:-600}
  pids=()
  for what in page panel logs; do
    load "$what" 1 8 $((SOAK + 60)) "$OUT/soak-$what"
    pids+=($!)
  done
  : >"$OUT/soak-rss"
  for _ in $(seq 1 $(( (SOAK + 60) / 5 ))); do sleep 5; rss_mb "$PID" >>"$OUT/soak-rss"; done
  for p in "${pids[@]}"; do wait "$p" || true; done
  median() { sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
  first=$(sed -n '13,24p' "$OUT/soak-rss" | median)
  last=$(tail -12 "$OUT/soak-rss" | median)
  serrors=0; sreqs=0
  for what in page panel logs; do
    cat "$OUT/soak-$what" >>"$LOG"
    read -r n e < <(sed -n 's/^WRK .* requests=\(.*\) errors=\(.*\)/\1 \2/p' "$OUT/soak-$what")
    serrors=$(( serrors + ${e:-1} )); sreqs=$(( sreqs + ${n:-0} ))
  done
  echo "soak RSS every 5 s (MB): $(tr '\n' ' ' <"$OUT/soak-rss")" >>"$LOG"
  row "soak ${SOAK}s, 3×8 connections: RSS last minute vs first (MB, after 60 s warm-up)" "$first MB" "$last MB" "$(ratio "$last" "$first")" 1.1
  row "soak ${SOAK}s, errors (of $sreqs requests)" "0 errors" "$serrors" "$serrors" 0
fi
# At rest: workers give freed memory back when they park (server/src/memory.rs).
sleep 5
after=$(rss_mb "$PID")
row "RSS 5 s after the whole run (MB; idle was $idle MB)" "80 MB target" "$after MB" "$(ratio "$after" 80)" 1

# A missed row says why: the first line of bench/reasons.txt (a part of
# the figure's name, a tab, the reason) whose part is in its figure.
explain() {
  awk -F'\t' 'NR == FNR { key[NR] = $1; why[NR] = $2; n = NR; next }
    / missed \|$/ {
      split($0, f, " [|] ")
      for (i = 1; i <= n; i++) if (index(f[1], key[i])) { sub(/ missed [|]$/, " missed, because " why[i] " |"); break }
    }
    { print }' bench/reasons.txt -
}
{
  echo "# Lookout benchmark report"
  echo
  echo "Written by \`bench/run.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC') at commit \`$COMMIT\`,"
  echo "$(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), release build, real Prometheus and osmem-server."
  echo "Each row: the baseline measured in the same run (or the issue's target), Lookout's figure, the ratio and the target."
  echo
  echo "| figure | baseline | Lookout | ratio | target | verdict |"
  echo "|---|---|---|---|---|---|"
  sed 's/^ROW //' "$ROWS" | explain
  echo
  echo "<details><summary>Full output</summary>"
  echo
  echo '```'
  grep -v '^ROW' "$LOG"
  echo '```'
  echo "</details>"
} >bench/REPORT.md
echo "wrote bench/REPORT.md ($(grep -c '^ROW' "$ROWS") rows)"
