//! Admission: at most `--max-requests-at-work` requests work at once, up to
//! `--max-requests-waiting` more wait their turn, and the rest are turned
//! away at once with 503, `Retry-After` and a reason. Probes never wait,
//! and the requests that were let in all finish.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;

#[tokio::test]
async fn a_full_house_turns_requests_away_with_a_reason_while_probes_answer() {
    let app = spawn_with(|c| {
        c.max_requests_at_work = 1;
        c.max_requests_waiting = 1;
        c.metrics_public = true;
    })
    .await;
    let admin = app.admin().await;
    // A Prometheus look-alike that answers after 1.5 s.
    let slow = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/", slow.local_addr().unwrap());
    serve_empty_vector(slow, Duration::from_millis(1500));
    let input = json!({ "name": "slow", "kind": "prometheus", "url": url });
    let res = post_json(&admin, app.at("/api/v1/datasources"), &input).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let id = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();

    // One query takes the only turn for 1.5 s; one more request waits.
    // Each step waits until /metrics shows it, not for a fixed time (the
    // suite runs many servers on two cores).
    let query = json!({ "queries": [{ "ref_id": "A", "type": "instant", "datasource": id, "expr": "up", "time_ms": 1_000_000 }] });
    let working = admin.post(app.at("/api/v1/query")).json(&query);
    let working = tokio::spawn(working.timeout(Duration::from_secs(20)).send());
    until(&app, "lookout_requests_at_work 1").await;
    let waiter = admin.get(app.at("/api/v1/dashboards"));
    let waiting = tokio::spawn(waiter.timeout(Duration::from_secs(20)).send());
    until(&app, "lookout_requests_waiting 1").await;

    // The house is full: the next one is told so at once.
    let started = Instant::now();
    let shed = admin
        .get(app.at("/api/v1/dashboards"))
        .send()
        .await
        .unwrap();
    assert!(started.elapsed() < Duration::from_millis(500));
    assert_eq!(shed.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(shed.headers()["retry-after"], "1");
    let msg = error_message(shed).await;
    assert!(msg.contains("busy") && msg.contains("try again"), "{msg}");

    // Probes skip the queue.
    let started = Instant::now();
    assert_eq!(
        status(client().get(app.at("/healthz"))).await,
        StatusCode::OK
    );
    assert!(started.elapsed() < Duration::from_millis(500));

    // Everything let in finishes, the waiter too.
    let answered: Value = working.await.unwrap().unwrap().json().await.unwrap();
    assert!(answered["results"][0]["error"].is_null(), "{answered}");
    let waited = waiting.await.unwrap().unwrap();
    assert_eq!(waited.status(), StatusCode::OK);
    let metrics = text(client().get(app.at("/metrics"))).await;
    for line in [
        "lookout_requests_shed_total 1",
        "lookout_requests_work_limit 1",
        "lookout_requests_waiting 0",
    ] {
        assert!(metrics.contains(line), "{line} in:\n{metrics}");
    }
}

/// Waits (up to 10 s) until `/metrics` has `line`.
async fn until(app: &TestApp, line: &str) {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(10) {
        if text(client().get(app.at("/metrics"))).await.contains(line) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("/metrics never showed {line:?}");
}
