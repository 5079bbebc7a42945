//! Context ("surrounding logs") and CSV/NDJSON export against osmem-server,
//! with answers from the generator's rules: document i has service i % 5,
//! host i % 7 and is 10 s older than document i - 1.

use serde_json::{json, Value};

use crate::helpers::*;
use crate::peers::Peers;
use crate::queries::{code_docs, data, setup, H};

fn seqs(d: &Value) -> Vec<i64> {
    d["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["fields"]["seq"].as_i64().unwrap())
        .collect()
}

fn day(p: &Peers) -> Value {
    json!({"from_ms": p.now_ms - 24 * H, "to_ms": p.now_ms})
}

#[tokio::test]
async fn surrounding_logs_share_service_and_host_in_time_order_both_ways() {
    let (app, viewer, p, _, es) = setup().await;
    let r = app.query(&viewer, json!([{ "ref_id": "A", "type": "logs", "datasource": es, "query": "seq:97", "range": day(&p) }])).await;
    let anchor = data(&r[0])["hits"][0].clone();
    assert_eq!(anchor["fields"]["service"], "search");
    let context = |newer: bool, from: Value| {
        json!({ "ref_id": "C", "type": "context", "datasource": es, "anchor": from,
                "fields": anchor["fields"], "newer": newer, "size": 10 })
    };
    let r = app
        .query(
            &viewer,
            json!([
                context(false, anchor["sort"].clone()),
                context(true, anchor["sort"].clone())
            ]),
        )
        .await;
    let (older, newer) = (data(&r[0]), data(&r[1]));
    // Same service (i % 5) and host (i % 7) as 97: every 35th document.
    let want_older: Vec<i64> = (1..=10).map(|k| 97 + 35 * k).collect();
    assert_eq!(seqs(older), want_older, "older ones, newest first");
    assert_eq!(
        seqs(newer),
        vec![27, 62],
        "newer ones, newest first; only two exist"
    );
    assert_eq!(newer["next"], Value::Null, "nothing newer remains");
    let more = app
        .query(&viewer, json!([context(false, older["next"].clone())]))
        .await;
    let want_more: Vec<i64> = (11..=20).map(|k| 97 + 35 * k).collect();
    assert_eq!(
        seqs(data(&more[0])),
        want_more,
        "load more continues without gaps"
    );
}

async fn export(
    app: &TestApp,
    c: &reqwest::Client,
    params: &[(&str, String)],
) -> (reqwest::StatusCode, reqwest::header::HeaderMap, String) {
    let res = c
        .get(app.at("/api/v1/export"))
        .query(params)
        .send()
        .await
        .unwrap();
    let (status, headers) = (res.status(), res.headers().clone());
    (status, headers, res.text().await.unwrap())
}

fn params(p: &Peers, es: i64, query: &str, format: &str) -> Vec<(&'static str, String)> {
    vec![
        ("datasource", es.to_string()),
        ("query", query.to_owned()),
        ("from_ms", (p.now_ms - 24 * H).to_string()),
        ("to_ms", p.now_ms.to_string()),
        ("format", format.to_owned()),
    ]
}

#[tokio::test]
async fn csv_export_has_every_hit_newest_first_and_respects_the_cap() {
    let (app, viewer, p, _, es) = setup().await;
    let mut q = params(&p, es, "1234567", "csv");
    q.push(("columns", "service,seq,message".into()));
    let (status, headers, body) = export(&app, &viewer, &q).await;
    assert_eq!(status, 200, "{body}");
    assert!(headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    assert!(headers["content-disposition"]
        .to_str()
        .unwrap()
        .contains("attachment"));
    let lines: Vec<&str> = body.lines().collect();
    assert_eq!(lines[0], "time,service,seq,message");
    let want = code_docs(&p);
    assert_eq!(lines.len() - 1, want.len());
    assert!(
        lines[1].ends_with(",checkout,0,error 1234567: payment gateway timeout"),
        "{}",
        lines[1]
    );
    assert_eq!(headers["x-lookout-rows"], want.len().to_string().as_str());

    // Across pages of 1000, with a cap below the hit count.
    let mut q = params(&p, es, "", "ndjson");
    q.push(("limit", "2500".into()));
    let (status, headers, body) = export(&app, &viewer, &q).await;
    assert_eq!(status, 200);
    assert_eq!(headers["x-lookout-rows"], "2500");
    let seq: Vec<i64> = body
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["seq"]
                .as_i64()
                .unwrap()
        })
        .collect();
    assert_eq!(
        seq,
        (0..2500).collect::<Vec<_>>(),
        "every row once, newest first"
    );
}

#[tokio::test]
async fn exports_mask_secrets_for_viewers_and_reject_bad_queries_clearly() {
    let (app, viewer, p, _, es) = setup().await;
    let q = params(&p, es, "password OR Bearer OR card", "csv");
    let (_, _, body) = export(&app, &viewer, &q).await;
    assert!(body.lines().count() > 4, "{body}");
    for secret in [
        "hunter2-planted",
        "planted-json-secret",
        "eyJhbGciOiJIUzI1NiJ9",
        "4111 1111 1111 1111",
    ] {
        assert!(!body.contains(secret), "a viewer's export holds {secret}");
    }
    assert!(body.contains("password=••••"));
    let (_, _, raw) = export(&app, &app.admin().await, &q).await;
    assert!(raw.contains("hunter2-planted"), "admins export raw values");

    let (status, _, body) = export(
        &app,
        &viewer,
        &params(&p, es, "service:(payments AND", "csv"),
    )
    .await;
    assert_eq!(status, 400);
    assert!(body.contains("Failed to parse query"), "{body}");
    let (status, _, body) = export(&app, &viewer, &params(&p, 9999, "x", "csv")).await;
    assert_eq!(status, 404);
    assert!(body.contains("no data source with id 9999"), "{body}");
    let anon = client();
    let (status, _, _) = export(&app, &anon, &params(&p, es, "", "csv")).await;
    assert_eq!(status, 401, "nothing without logging in");
}

#[tokio::test]
async fn a_fine_step_over_a_long_range_is_fetched_in_windows_then_decimated() {
    let (app, viewer, p, prom, _) = setup().await;
    let range = json!({"from_ms": p.data_start_ms(), "to_ms": p.now_ms});
    let r = app.query(&viewer, json!([{ "ref_id": "A", "type": "range", "datasource": prom,
        "expr": "demo_cpu_usage{instance=\"host-00\"}", "range": range, "max_data_points": 1000, "step_ms": 900 }])).await;
    let d = data(&r[0]);
    let stats = &r[0]["stats"];
    assert_eq!(
        d["step_ms"], 900,
        "the asked-for resolution, not a coarser one"
    );
    assert!(stats["points_in"].as_u64().unwrap() >= 100_000, "{stats}");
    assert!(
        stats["upstream_request"]
            .as_str()
            .unwrap()
            .ends_with("(×11 windows)"),
        "{stats}"
    );
    assert!(
        stats["points_out"].as_u64().unwrap() <= 4000,
        "decimated to the width: {stats}"
    );
    let s = &d["series"][0];
    let ts = serde_json::from_value::<app::model::Series>(s.clone())
        .unwrap()
        .timestamps_ms;
    assert!(
        ts.windows(2).all(|w| w[0] < w[1]),
        "windows stitched in order"
    );
    let spikes = s["values"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v.as_f64() == Some(0.99))
        .count();
    assert!(spikes >= 6, "every spike survives: {spikes}");
}
