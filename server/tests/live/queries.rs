use std::collections::{BTreeMap, HashSet};

use serde_json::{json, Value};

use crate::helpers::*;
use crate::peers::{cpu, peers, Peers, SERVICES};

pub const H: i64 = 3_600_000;

pub async fn setup() -> (TestApp, reqwest::Client, Peers, i64, i64) {
    let (app, p) = (spawn_app().await, peers());
    let admin = app.admin().await;
    let prom = app
        .add_datasource(&admin, &p.prometheus_input("prom"))
        .await;
    let es = app.add_datasource(&admin, &p.es_input("logs")).await;
    let (_, viewer) = app.user_with_role("vera", "viewer").await;
    (app, viewer, p, prom, es)
}

/// The `instance` label of each series in a query's answer, sorted.
pub fn instances(answer: &Value) -> Vec<String> {
    let mut v: Vec<String> = data(answer)["series"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["labels"]["instance"].as_str().unwrap().to_owned())
        .collect();
    v.sort();
    v
}

pub fn data(answer: &Value) -> &Value {
    assert!(answer["error"].is_null(), "unexpected error: {answer}");
    &answer["data"]
}

#[tokio::test]
async fn range_query_returns_the_generated_values_at_a_grafana_step() {
    let (app, viewer, p, prom, _) = setup().await;
    let (from, to) = (p.now_ms - 3 * H, p.now_ms - 2 * H);
    let r = app.query(&viewer, json!([{ "ref_id": "A", "type": "range", "datasource": prom,
        "expr": "demo_cpu_usage{instance=\"host-03\"}", "range": {"from_ms": from, "to_ms": to}, "max_data_points": 100 }])).await;
    let d = data(&r[0]);
    assert_eq!(d["step_ms"], 36_000, "max(3600 s / 100 px, 15 s scrape)");
    let series = d["series"].as_array().unwrap();
    assert_eq!(series.len(), 1);
    assert_eq!(series[0]["labels"]["instance"], "host-03");
    // Timestamps come compact (first, unit, gaps): read them as the browser does.
    assert_eq!(
        series[0]["timestamps_ms"]["unit"], 36_000,
        "on the step grid"
    );
    let one: app::model::Series = serde_json::from_value(series[0].clone()).unwrap();
    assert_eq!(one.timestamps_ms.len(), 101);
    assert_eq!(one.values.len(), 101);
    for (t, v) in one.timestamps_ms.iter().zip(&one.values) {
        let step = (t - p.data_start_ms()) / 15_000;
        assert!(
            (v.unwrap() - cpu(3, step)).abs() < 1e-9,
            "at {t}: {v:?} vs {}",
            cpu(3, step)
        );
    }
    assert_eq!(
        r[0]["stats"]["upstream_request"],
        "POST /api/v1/query_range"
    );
    assert!(
        r[0]["stats"].get("cache").is_none(),
        "fetched for this request"
    );

    // The same panel a moment later (a millisecond off, as another viewer's
    // clock would be): the same step-aligned request, kept, the same data.
    let again = app.query(&viewer, json!([{ "ref_id": "A", "type": "range", "datasource": prom,
        "expr": "demo_cpu_usage{instance=\"host-03\"}", "range": {"from_ms": from + 1, "to_ms": to - 1}, "max_data_points": 100 }])).await;
    assert_eq!(again[0]["stats"]["cache"], "cache");
    assert_eq!(data(&again[0]), d);
}

#[tokio::test]
async fn a_day_of_50_series_is_decimated_to_the_panel_width_and_keeps_spikes() {
    let (app, viewer, p, prom, _) = setup().await;
    let r = app.query(&viewer, json!([{ "ref_id": "A", "type": "range", "datasource": prom, "expr": "demo_cpu_usage",
        "range": {"from_ms": p.now_ms - 24 * H, "to_ms": p.now_ms}, "max_data_points": 1000, "step_ms": 15000 }])).await;
    let d = data(&r[0]);
    let series = d["series"].as_array().unwrap();
    assert_eq!(series.len(), 50);
    let stats = &r[0]["stats"];
    assert!(stats["points_in"].as_u64().unwrap() >= 50 * 5760, "{stats}");
    assert!(
        stats["points_out"].as_u64().unwrap() <= 50 * 4000,
        "{stats}"
    );
    let host0 = series
        .iter()
        .find(|s| s["labels"]["instance"] == "host-00")
        .unwrap();
    let spikes = host0["values"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v.as_f64() == Some(0.99))
        .count();
    assert!(
        spikes >= 5,
        "one-sample spikes survive decimation: {spikes}"
    );
}

#[tokio::test]
async fn instant_query_and_autocomplete_names() {
    let (app, viewer, p, prom, _) = setup().await;
    let t = p.now_ms - 2 * H;
    let step = (t - p.data_start_ms()) / 15_000;
    let r = app.query(&viewer, json!([
        { "ref_id": "sum", "type": "instant", "datasource": prom, "expr": "sum(demo_cpu_usage)", "time_ms": t },
        { "ref_id": "metrics", "type": "metric_names", "datasource": prom },
        { "ref_id": "labels", "type": "label_names", "datasource": prom },
        { "ref_id": "values", "type": "label_values", "datasource": prom, "label": "service" },
    ])).await;
    let expected: f64 = (0..50).map(|i| cpu(i, step)).sum();
    let got = data(&r[0])["series"][0]["values"][0].as_f64().unwrap();
    assert!((got - expected).abs() < 1e-6, "{got} vs {expected}");
    let names = |i: usize| {
        data(&r[i])["names"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert!(
        names(1).contains(&"demo_cpu_usage".to_owned())
            && names(1).contains(&"http_requests_total".to_owned())
    );
    assert!(names(2).contains(&"instance".to_owned()) && names(2).contains(&"service".to_owned()));
    let mut services = SERVICES.map(str::to_owned).to_vec();
    services.sort();
    assert_eq!(names(3), services);
}

#[tokio::test]
async fn one_failed_query_never_fails_the_others() {
    let (app, viewer, p, prom, es) = setup().await;
    let range = json!({"from_ms": p.now_ms - H, "to_ms": p.now_ms});
    let r = app.query(&viewer, json!([
        { "ref_id": "bad", "type": "range", "datasource": prom, "expr": "sum(rate(x[5m]", "range": range, "max_data_points": 100 },
        { "ref_id": "good", "type": "range", "datasource": prom, "expr": "demo_cpu_usage{instance=\"host-01\"}", "range": range, "max_data_points": 100 },
        { "ref_id": "lucene", "type": "logs", "datasource": es, "query": "service:(payments AND", "range": range },
        { "ref_id": "unknown", "type": "range", "datasource": 999, "expr": "up", "range": range, "max_data_points": 100 },
        { "ref_id": "wrong kind", "type": "logs", "datasource": prom, "query": "x", "range": range },
    ])).await;
    let ids: Vec<_> = r.iter().map(|a| a["ref_id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["bad", "good", "lucene", "unknown", "wrong kind"],
        "answers keep the request order"
    );
    let err = |i: usize| {
        (
            r[i]["error"]["kind"].as_str().unwrap().to_owned(),
            r[i]["error"]["datasource"].as_str().unwrap().to_owned(),
            r[i]["error"]["message"].as_str().unwrap().to_owned(),
        )
    };
    let (kind, ds, msg) = err(0);
    assert_eq!((kind.as_str(), ds.as_str()), ("bad_query", "prom"));
    assert!(msg.contains("parse error"), "{msg}");
    assert_eq!(data(&r[1])["series"].as_array().unwrap().len(), 1);
    let (kind, ds, msg) = err(2);
    assert_eq!((kind.as_str(), ds.as_str()), ("bad_query", "logs"));
    assert!(msg.contains("Failed to parse query"), "{msg}");
    let (kind, _, msg) = err(3);
    assert_eq!(kind, "bad_data_source");
    assert!(msg.contains("no data source with id 999"), "{msg}");
    let (kind, _, msg) = err(4);
    assert_eq!(kind, "bad_data_source");
    assert!(
        msg.contains("log queries need an Elasticsearch data source"),
        "{msg}"
    );
}

/// Which generated documents contain error 1234567 (every 97th) within the
/// last 24 hours, the range these tests search: document i is i × 10 s old,
/// so with more than 8,640 documents (`DATA_DOCS`) the oldest fall outside.
pub fn code_docs(p: &Peers) -> Vec<i64> {
    (0..p.docs)
        .filter(|i| i % 97 == 0 && i * 10_000 <= 24 * H)
        .collect()
}

#[tokio::test]
async fn log_search_finds_an_error_code_newest_first_with_services_and_highlight() {
    let (app, viewer, p, _, es) = setup().await;
    let range = json!({"from_ms": p.now_ms - 24 * H, "to_ms": p.now_ms});
    let r = app.query(&viewer, json!([{ "ref_id": "A", "type": "logs", "datasource": es, "query": "1234567", "range": range, "size": 500 }])).await;
    let d = data(&r[0]);
    let expected = code_docs(&p);
    assert_eq!(d["total"], json!({"value": expected.len(), "exact": true}));
    let hits = d["hits"].as_array().unwrap();
    assert_eq!(hits.len(), expected.len());
    let times: Vec<i64> = hits
        .iter()
        .map(|h| h["timestamp_ms"].as_i64().unwrap())
        .collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "newest first");
    let mut per_service: BTreeMap<String, usize> = BTreeMap::new();
    for h in hits {
        *per_service
            .entry(h["fields"]["service"].as_str().unwrap().to_owned())
            .or_default() += 1;
        let hl = h["highlight"]["message"][0].as_str().unwrap();
        assert!(hl.contains("\u{e000}1234567\u{e001}"), "{hl}");
    }
    let mut want: BTreeMap<String, usize> = BTreeMap::new();
    for i in &expected {
        *want
            .entry(SERVICES[(*i % 5) as usize].to_owned())
            .or_default() += 1;
    }
    assert_eq!(per_service, want);
    assert_eq!(hits[0]["fields"]["seq"], 0);
    assert_eq!(d["next"], Value::Null, "a short page has no next cursor");
}

#[tokio::test]
async fn search_after_pages_through_every_hit_without_repeats() {
    let (app, viewer, p, _, es) = setup().await;
    let range = json!({"from_ms": p.now_ms - 24 * H, "to_ms": p.now_ms});
    let (mut seen, mut after, mut pages) = (HashSet::new(), Value::Null, 0);
    loop {
        let r = app.query(&viewer, json!([{ "ref_id": "A", "type": "logs", "datasource": es, "query": "1234567", "range": range, "size": 20, "after": after }])).await;
        let d = data(&r[0]);
        for h in d["hits"].as_array().unwrap() {
            assert!(
                seen.insert(h["id"].as_str().unwrap().to_owned()),
                "repeated {}",
                h["id"]
            );
        }
        pages += 1;
        after = d["next"].clone();
        if after.is_null() {
            break;
        }
    }
    assert_eq!(seen.len(), code_docs(&p).len());
    assert_eq!(
        pages,
        code_docs(&p).len().div_ceil(20) + usize::from(code_docs(&p).len().is_multiple_of(20))
    );
}

#[tokio::test]
async fn histogram_fields_and_top_values() {
    let (app, viewer, p, _, es) = setup().await;
    let (from, to) = (p.now_ms - H + 1, p.now_ms);
    let range = json!({"from_ms": from, "to_ms": to});
    let r = app.query(&viewer, json!([
        { "ref_id": "h", "type": "log_histogram", "datasource": es, "query": "level:error", "range": range },
        { "ref_id": "f", "type": "fields", "datasource": es },
        { "ref_id": "t", "type": "top_values", "datasource": es, "field": "service", "query": "level:error", "range": range },
    ])).await;
    // Docs in range: i with now - i*10 s > now - 1 h, i.e. i < 360; errors: i % 10 == 0.
    let errors: Vec<i64> = (0..360).filter(|i| i % 10 == 0).collect();
    let h = data(&r[0]);
    let buckets = h["buckets"].as_array().unwrap();
    assert!(
        (40..=101).contains(&buckets.len()),
        "{} bars",
        buckets.len()
    );
    assert_eq!(
        buckets
            .iter()
            .map(|b| b["count"].as_u64().unwrap())
            .sum::<u64>(),
        errors.len() as u64
    );
    let fields = data(&r[1])["fields"].as_array().unwrap();
    let field = |n: &str| {
        fields
            .iter()
            .find(|f| f["name"] == n)
            .unwrap_or_else(|| panic!("no field {n}"))
    };
    assert_eq!(field("service")["types"], json!(["keyword"]));
    assert_eq!(field("service")["aggregatable"], true);
    assert_eq!(field("message")["types"], json!(["text"]));
    assert_eq!(field("http.status")["types"], json!(["long"]));
    let top = data(&r[2]);
    assert_eq!(top["total"], errors.len());
    let values = top["values"].as_array().unwrap();
    // i % 10 == 0 → i % 5 == 0 → every error is from "checkout".
    assert_eq!(values.len(), 1);
    assert_eq!(
        values[0],
        json!({"value": "checkout", "count": errors.len()})
    );
}

#[tokio::test]
async fn viewers_see_planted_secrets_masked_and_admins_see_them_raw() {
    let (app, viewer, p, _, es) = setup().await;
    let admin = app.admin().await;
    let q = json!([{ "ref_id": "A", "type": "logs", "datasource": es, "query": "password OR Bearer OR AKIAIOSFODNN7PLANTED OR card",
        "range": {"from_ms": p.now_ms - 24 * H, "to_ms": p.now_ms}, "size": 200 }]);
    let seen = app.query(&viewer, q.clone()).await;
    let text = seen[0].to_string();
    assert!(
        data(&seen[0])["hits"].as_array().unwrap().len() >= 4,
        "the planted documents are found"
    );
    for secret in [
        "hunter2-planted",
        "planted-json-secret",
        "eyJhbGciOiJIUzI1NiJ9",
        "AKIAIOSFODNN7PLANTED",
        "4111 1111 1111 1111",
    ] {
        assert!(!text.contains(secret), "a viewer saw {secret}");
    }
    assert!(
        text.contains("password=••••") && text.contains("Bearer ••••"),
        "{text}"
    );
    let raw = app.query(&admin, q).await[0].to_string();
    assert!(
        raw.contains("hunter2-planted") && raw.contains("AKIAIOSFODNN7PLANTED"),
        "admins see raw values"
    );
}
