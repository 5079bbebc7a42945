#!/usr/bin/env bash
# Builds Lookout (release) and runs it on an embedded SQLite file in ./data.
#   scripts/run.sh          Lookout alone
#   scripts/run.sh --demo   also starts local Prometheus (with a day of history
#                           and node-exporter) and osmem-server (generated logs)
#                           and registers both as data sources
set -euo pipefail
cd "$(dirname "$0")/.."
DEMO=false
if [[ "${1:-}" == "--demo" ]]; then DEMO=true; shift; fi
scripts/setup.sh
export PATH="$PWD/.tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
scripts/build.sh
mkdir -p data
LISTEN=${LOOKOUT_LISTEN:-127.0.0.1:3000}
ARGS=(--listen "$LISTEN" --database data/lookout.db)

if $DEMO; then
  trap 'scripts/peers.sh stop data/demo' EXIT
  scripts/peers.sh start data/demo "${DEMO_DOCS:-20000}"
  set -a; . data/demo/peers.env; set +a
  cat > data/demo/datasources.json <<JSON
[
  {"name": "Demo Prometheus", "kind": "prometheus", "url": "$PROM_URL", "auth": "basic",
   "basic_username": "$PROM_USER", "secret": "$PROM_PASSWORD", "scrape_interval_secs": 15},
  {"name": "Demo logs", "kind": "elasticsearch", "url": "$ES_URL",
   "index_pattern": "logs-*", "time_field": "@timestamp", "context_fields": ["service", "host"],
   "metrics_link": {"datasource_name": "Demo Prometheus",
                    "template": "sum(rate(http_requests_total{service=\"\${service}\"}[5m]))"}}
]
JSON
  cat > data/demo/dashboards.json <<JSON
{"library": {"host-metrics": {"Prometheus": "Demo Prometheus"},
             "service-errors": {"Prometheus": "Demo Prometheus", "Logs": "Demo logs"}}}
JSON
  ARGS+=(--provision-datasources data/demo/datasources.json --metrics-public
         --provision-dashboards data/demo/dashboards.json)
fi

cat <<MSG

  Lookout: http://$LISTEN
  Log in as 'admin'. On the first start the password is LOOKOUT_ADMIN_PASSWORD
  if you set it, or else a generated one printed once in the log line
  "created the first user" below. Change it under your name (top right).
$($DEMO && echo "  Demo data sources: 'Demo Prometheus' and 'Demo logs' (see Data sources).")

MSG
target/release/lookout "${ARGS[@]}" "$@"
