//! Upstream fan-out, counted by the real Prometheus's own request counter:
//! a dashboard of 10 panels watched by 100 viewers on the same range costs
//! at most one upstream request per panel and step. A test binary of its
//! own, so no other test's queries reach the counter while it runs.

#[path = "api/helpers.rs"]
mod helpers;
#[path = "live/peers.rs"]
#[allow(dead_code)]
mod peers;

use reqwest::Client;
use serde_json::{json, Value};

use helpers::*;
use peers::{peers, Peers};

const PANELS: usize = 10;

fn dashboard() -> Value {
    let panels: serde_json::Map<String, Value> = (0..PANELS)
        .map(|i| {
            let spec = json!({ "kind": "timeseries", "spec": { "datasource": "prom",
                "queries": [{ "expr": format!("demo_cpu_usage{{instance=\"host-{i:02}\"}} * 1") }] } });
            (format!("p{i}"), spec)
        })
        .collect();
    json!({ "kind": "Dashboard", "schemaVersion": 1,
        "metadata": { "uid": "fan", "title": "Fan-out" }, "spec": { "panels": panels } })
}

/// A `/metrics` page as text.
async fn scrape(req: reqwest::RequestBuilder) -> String {
    req.send().await.unwrap().text().await.unwrap()
}

/// Prometheus's own count of `query_range` requests it has answered.
async fn prometheus_count(p: &Peers) -> u64 {
    let req = Client::new().get(format!("{}/metrics", p.prom));
    let text = scrape(req.basic_auth(&p.prom_user, Some(&p.prom_password))).await;
    text.lines()
        .filter(|l| {
            l.starts_with("prometheus_http_requests_total{")
                && l.contains("handler=\"/api/v1/query_range\"")
        })
        .filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
        .sum::<f64>() as u64
}

/// `viewers` browsers each run every panel once, all at the same time;
/// returns how many `query_range` requests Prometheus saw.
async fn watch(app: &TestApp, p: &Peers, viewers: &[Client], range: impl Fn() -> Value) -> u64 {
    let before = prometheus_count(p).await;
    let mut runs = tokio::task::JoinSet::new();
    for viewer in viewers {
        for i in 0..PANELS {
            let (viewer, url, body) = (
                viewer.clone(),
                app.at(&format!("/api/v1/dashboards/fan/panels/p{i}/query")),
                json!({ "range": range(), "width": 1000 }),
            );
            runs.spawn(async move {
                let res = viewer.post(url).json(&body).send().await.unwrap();
                assert_eq!(res.status(), 200);
                let answer: Value = res.json().await.unwrap();
                assert!(answer[0]["error"].is_null(), "{answer}");
                assert_eq!(answer[0]["data"]["series"].as_array().unwrap().len(), 1);
            });
        }
    }
    runs.join_all().await;
    prometheus_count(p).await - before
}

async fn setup(cache_mb: u64, viewers: usize) -> (TestApp, Peers, Vec<Client>) {
    let app = spawn_with(|c| {
        c.query_cache_mb = cache_mb;
        c.metrics_token = Some("scrape".into());
    })
    .await;
    let p = peers();
    let admin = app.admin().await;
    let res = admin
        .post(app.at("/api/v1/datasources"))
        .json(&p.prometheus_input("prom"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let res = admin
        .post(app.at("/api/v1/dashboards"))
        .json(&json!({ "dashboard": dashboard() }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    // Five sessions (a login costs an Argon2 hash), each watched from many
    // tabs: the cache keys on the request, never on who sent it.
    let (_, first) = app.user_with_role("viewer", "viewer").await;
    let mut sessions = vec![first];
    for _ in 1..5 {
        sessions.push(app.login_as("viewer").await);
    }
    let all = (0..viewers).map(|i| sessions[i % 5].clone()).collect();
    (app, p, all)
}

#[tokio::test]
async fn a_hundred_viewers_of_ten_panels_cost_ten_upstream_requests_per_step() {
    let (app, p, viewers) = setup(64, 100).await;
    let end = p.now_ms;
    let past = || json!({ "from_ms": end - 6 * 3_600_000, "to_ms": end });
    assert_eq!(
        watch(&app, &p, &viewers, past).await,
        PANELS as u64,
        "a past range: one request per panel"
    );
    assert_eq!(
        watch(&app, &p, &viewers, past).await,
        0,
        "a past range again: kept"
    );

    // "Last 6 hours": each viewer's now differs by a few ms, but the range
    // is aligned to the step, so only a step boundary crossed mid-run can
    // add a second round.
    let live = || {
        let now = app::model::time::now_ms();
        json!({ "from_ms": now - 6 * 3_600_000, "to_ms": now })
    };
    let n = watch(&app, &p, &viewers, live).await;
    assert!(
        n <= 2 * PANELS as u64,
        "{n} upstream requests for the live range"
    );

    let metrics = scrape(Client::new().get(app.at("/metrics")).bearer_auth("scrape")).await;
    let value = |name: &str| -> u64 {
        metrics
            .lines()
            .find(|l| l.starts_with(&format!("{name}{{datasource=")))
            .and_then(|l| l.rsplit(' ').next()?.parse().ok())
            .unwrap_or_else(|| panic!("{name} missing:\n{metrics}"))
    };
    let shared =
        value("lookout_query_cache_hits_total") + value("lookout_query_cache_coalesced_total");
    assert_eq!(
        shared + value("lookout_query_cache_misses_total"),
        3000,
        "{metrics}"
    );
    assert_eq!(
        value("lookout_upstream_requests_total"),
        value("lookout_query_cache_misses_total")
    );
    assert_eq!(value("lookout_upstream_errors_total"), 0);
    assert!(value("lookout_query_cache_bytes") > 0);

    // The same watch with the cache off: the counter does count each one.
    // (One test, not two: tests in a binary run at once, and would share
    // the counter.)
    let (app, p, viewers) = setup(0, 5).await;
    let end = p.now_ms;
    let past = || json!({ "from_ms": end - 3_600_000, "to_ms": end });
    assert_eq!(watch(&app, &p, &viewers, past).await, 5 * PANELS as u64);
}
