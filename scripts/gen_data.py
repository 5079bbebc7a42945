#!/usr/bin/env python3
"""Generates deterministic test and demo data, relative to an hour-aligned "now".

metrics.om  OpenMetrics for `promtool tsdb create-blocks-from openmetrics`:
            demo_cpu_usage{instance="host-NN"} for N instances at 15 s, and
            http_requests_total{service=...} counters, over HOURS hours.
logs.ndjson Elasticsearch _bulk body for index `logs-demo`, DOCS documents, one
            every 10 s going back from now. Document i (0 = newest) has:
              service  = SERVICES[i % 5], host = "host-" + str(i % 7)
              level    = "error" if i % 10 == 0 else "warn" if i % 10 == 1 else "info"
              message  = "error 1234567: payment gateway timeout" if i % 97 == 0
                         else "error 7654321: cache miss storm" if i % 89 == 0
                         else f"request handled in {i % 500} ms"
            plus planted secrets (i % 250 == 3) and HTML/script payloads (i % 333 == 5).
            demo_xss_info{payload=...} carries the same payloads as label values
            (value k+1 for PAYLOADS[k]) over the last 2 hours.
Tests compute expected answers from these rules, not from this file's output.
"""
import argparse
import json
import os

SERVICES = ["checkout", "payments", "search", "auth", "inventory"]
SECRETS = [
    "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXRva2Vu.planted",
    'login ok password=hunter2-planted user=bob',
    '{"password": "planted-json-secret"}',
    "aws key AKIAIOSFODNN7PLANTED used",
    "card 4111 1111 1111 1111 charged",
]
PAYLOADS = [
    "<img src=x onerror=alert('xss-img')>",
    "<script>alert('xss-script')</script>",
    "<a href=\"javascript:alert('xss-link')\">click</a>",
    "\"><svg onload=alert('xss-svg')>",
]


def message(i):
    if i % 97 == 0:
        return "error 1234567: payment gateway timeout"
    if i % 89 == 0:
        return "error 7654321: cache miss storm"
    if i % 250 == 3:
        return SECRETS[(i // 250) % len(SECRETS)]
    if i % 333 == 5:
        return PAYLOADS[(i // 333) % len(PAYLOADS)]
    return f"request handled in {i % 500} ms"


def level(i):
    return "error" if i % 10 == 0 else "warn" if i % 10 == 1 else "info"


def cpu(instance, step):
    """Gauge value; instance 0 spikes to 0.99 at step 1000 (for drag-to-logs)."""
    if instance == 0 and step % 1000 == 0:
        return 0.99
    return round(((instance * 7 + step) % 100) / 200 + 0.1, 4)


def write_metrics(path, now, hours, instances):
    start = now - hours * 3600
    with open(path, "w") as f:
        f.write("# TYPE demo_cpu_usage gauge\n# HELP demo_cpu_usage CPU use ratio per instance.\n")
        for inst in range(instances):
            for step in range(hours * 240 + 1):
                t = start + step * 15
                f.write(f'demo_cpu_usage{{instance="host-{inst:02d}"}} {cpu(inst, step)} {t}\n')
        f.write("# TYPE http_requests counter\n# HELP http_requests Requests served per service.\n")
        for s, svc in enumerate(SERVICES):
            total = 0
            for step in range(hours * 240 + 1):
                total += 10 + s + (step % 7)
                t = start + step * 15
                f.write(f'http_requests_total{{service="{svc}"}} {total} {t}\n')
        f.write("# TYPE demo_xss_info gauge\n# HELP demo_xss_info Markup in label values (browser tests).\n")
        for k, payload in enumerate(PAYLOADS):
            escaped = payload.replace("\\", "\\\\").replace('"', '\\"')
            for step in range(hours * 240 - 480, hours * 240 + 1):
                t = start + step * 15
                f.write(f'demo_xss_info{{payload="{escaped}"}} {k + 1} {t}\n')
        f.write("# EOF\n")


def write_logs(path, now, docs):
    with open(path, "w") as f:
        for i in range(docs):
            ts = (now - i * 10) * 1000
            doc = {
                "@timestamp": ts,
                "service": SERVICES[i % 5],
                "host": f"host-{i % 7}",
                "level": level(i),
                "message": message(i),
                "seq": i,
                "http": {"status": 500 if i % 10 == 0 else 200},
            }
            if i % 333 == 5:
                doc["<b>field</b>"] = PAYLOADS[0]
            f.write(json.dumps({"index": {"_index": "logs-demo", "_id": f"doc-{i}"}}) + "\n")
            f.write(json.dumps(doc) + "\n")


MAPPING = {
    "mappings": {
        "properties": {
            "@timestamp": {"type": "date", "format": "epoch_millis||strict_date_optional_time"},
            "service": {"type": "keyword"},
            "host": {"type": "keyword"},
            "level": {"type": "keyword"},
            "message": {"type": "text"},
            "seq": {"type": "long"},
            "http": {"properties": {"status": {"type": "long"}}},
        }
    }
}

if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True)
    p.add_argument("--now", type=int, required=True, help="hour-aligned Unix seconds")
    p.add_argument("--hours", type=int, default=26)
    p.add_argument("--instances", type=int, default=50)
    p.add_argument("--docs", type=int, default=5000)
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    write_metrics(os.path.join(a.out, "metrics.om"), a.now, a.hours, a.instances)
    write_logs(os.path.join(a.out, "logs.ndjson"), a.now, a.docs)
    with open(os.path.join(a.out, "logs.mapping.json"), "w") as f:
        json.dump(MAPPING, f)
