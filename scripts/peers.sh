#!/usr/bin/env bash
# Starts or stops the real upstreams that the live tests, benchmarks and the
# demo query: Prometheus (Debian) with backfilled history, node-exporter as a
# live target, and osmem-server (PyPI, OpenSearch-compatible) loaded with
# generated logs. Installs them first if missing.
#
#   scripts/peers.sh start DIR [DOCS]   # writes DIR/peers.env (PROM_URL, ES_URL, DATA_NOW)
#   scripts/peers.sh stop DIR
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
CMD=${1:?start|stop}
DIR=$(mkdir -p "${2:?state dir}" && cd "$2" && pwd)
DOCS=${3:-5000}
log() { echo "peers: $*" >&2; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_http() { # url, name
  for _ in $(seq 1 200); do
    if python3 - "$1" <<'PY' 2>/dev/null; then return 0; fi
import base64, sys, urllib.parse, urllib.request
u = urllib.parse.urlsplit(sys.argv[1])
req = urllib.request.Request(u._replace(netloc=u.hostname + ":" + str(u.port)).geturl())
if u.username:
    req.add_header("Authorization", "Basic " + base64.b64encode(f"{u.username}:{u.password}".encode()).decode())
urllib.request.urlopen(req, timeout=1)
PY
    sleep 0.1
  done
  log "$2 did not come up at $1"; return 1
}

install() {
  if ! command -v prometheus >/dev/null || ! command -v promtool >/dev/null || ! command -v prometheus-node-exporter >/dev/null; then
    log "installing prometheus and node-exporter (Debian)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus prometheus-node-exporter >/dev/null
  fi
  if [[ ! -x "$ROOT/.tools/osmem/bin/python" ]] || ! "$ROOT/.tools/osmem/bin/python" -c 'import osmem_server' 2>/dev/null; then
    log "installing osmem-server (PyPI)"
    python3 -m venv "$ROOT/.tools/osmem"
    "$ROOT/.tools/osmem/bin/pip" install -q osmem-server
  fi
}

start() {
  install
  stop 2>/dev/null || true
  local now=$(( $(date +%s) / 3600 * 3600 ))
  python3 scripts/gen_data.py --out "$DIR/gen" --now "$now" --docs "$DOCS"

  # Prometheus: backfill the generated history, scrape node-exporter live.
  local prom_port node_port
  prom_port=$(free_port); node_port=$(free_port)
  rm -rf "$DIR/tsdb"; mkdir -p "$DIR/tsdb"
  promtool tsdb create-blocks-from openmetrics --max-block-duration=240h "$DIR/gen/metrics.om" "$DIR/tsdb" >/dev/null
  prometheus-node-exporter --web.listen-address="127.0.0.1:$node_port" --no-collector.systemd >"$DIR/node.log" 2>&1 &
  echo $! >"$DIR/node.pid"
  cat >"$DIR/prom.yml" <<YML
global: { scrape_interval: 15s }
scrape_configs:
  - job_name: node
    static_configs: [ { targets: ["127.0.0.1:$node_port"] } ]
YML
  # Basic auth, so the tests exercise Lookout's credentials against a real
  # server (and a wrong password gets a real 401). Password: prom-test-secret.
  cat >"$DIR/web.yml" <<'YML'
basic_auth_users:
  lookout: $2b$08$Jo7SJ1sCUlyBr2y4Mw8S4Ol7qeYHPOt/jTr4dgLlc3UKeNXo2oTEi
YML
  prometheus --config.file="$DIR/prom.yml" --web.config.file="$DIR/web.yml" --storage.tsdb.path="$DIR/tsdb" --storage.tsdb.retention.time=100y \
    --web.listen-address="127.0.0.1:$prom_port" >"$DIR/prom.log" 2>&1 &
  echo $! >"$DIR/prom.pid"

  # osmem-server: an OpenSearch-compatible server, loaded through _bulk.
  local es_port bin
  es_port=$(free_port)
  bin=$("$ROOT/.tools/osmem/bin/python" -c 'import osmem_server; print(osmem_server.resolve_binary())')
  "$bin" -addr "127.0.0.1:$es_port" -no-stdin-watch -no-ja </dev/null >"$DIR/osmem.out" 2>"$DIR/osmem.log" &
  echo $! >"$DIR/osmem.pid"

  wait_http "http://lookout:prom-test-secret@127.0.0.1:$prom_port/-/ready" prometheus
  wait_http "http://127.0.0.1:$es_port/" osmem-server
  python3 - "http://127.0.0.1:$es_port" "$DIR/gen" <<'PY'
import json, sys, urllib.request
url, gen = sys.argv[1], sys.argv[2]
def call(method, path, body, ctype="application/json"):
    req = urllib.request.Request(url + path, data=body, method=method, headers={"Content-Type": ctype})
    return json.load(urllib.request.urlopen(req, timeout=120))
call("PUT", "/logs-demo", open(f"{gen}/logs.mapping.json", "rb").read())
lines = open(f"{gen}/logs.ndjson", "rb").read().splitlines(keepends=True)
for i in range(0, len(lines), 4000):
    res = call("POST", "/_bulk", b"".join(lines[i:i + 4000]), "application/x-ndjson")
    if res.get("errors"):
        sys.exit(f"bulk load failed: {json.dumps(res)[:500]}")
call("POST", "/logs-demo/_refresh", b"")
PY
  cat >"$DIR/peers.env" <<ENV
PROM_URL=http://127.0.0.1:$prom_port
PROM_USER=lookout
PROM_PASSWORD=prom-test-secret
ES_URL=http://127.0.0.1:$es_port
DATA_NOW=$now
DATA_DOCS=$DOCS
ENV
  log "ready: $(tr '\n' ' ' <"$DIR/peers.env")"
}

stop() {
  for name in prom node osmem; do
    if [[ -f "$DIR/$name.pid" ]]; then
      kill "$(cat "$DIR/$name.pid")" 2>/dev/null || true
      rm -f "$DIR/$name.pid"
    fi
  done
}

case "$CMD" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop DIR [DOCS]" >&2; exit 2 ;;
esac
