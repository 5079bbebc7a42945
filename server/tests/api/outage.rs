//! A data source that cannot be reached fails fast after a few tries, says
//! why and when it is tried again, and is used again once it is back.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;

#[tokio::test]
async fn a_data_source_that_is_down_fails_fast_and_is_used_again_once_back() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    // A port nobody listens on, for now.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let input =
        json!({ "name": "flaky", "kind": "prometheus", "url": format!("http://127.0.0.1:{port}") });
    let res = post_json(&admin, app.at("/api/v1/datasources"), &input).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let id = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    // Distinct times: identical requests would share one upstream request.
    let ask = |n: i64| {
        let q = json!({ "queries": [{ "ref_id": "A", "type": "instant", "datasource": id, "expr": "up", "time_ms": 1_000_000 + n }] });
        let req = admin.post(app.at("/api/v1/query")).json(&q);
        let req = req.timeout(Duration::from_secs(20));
        async move {
            let answer: Value = req.send().await.unwrap().json().await.unwrap();
            answer["results"][0].clone()
        }
    };
    for n in 0..3 {
        let r = ask(n).await;
        assert_eq!(r["error"]["kind"], "unreachable", "{r}");
        assert!(!r["error"]["message"].as_str().unwrap().contains("in a row"));
    }
    // Open: the next ones fail at once, saying why and until when.
    let r = ask(3).await;
    let msg = r["error"]["message"].as_str().unwrap_or_default();
    assert_eq!(r["error"]["kind"], "unreachable", "{r}");
    assert!(
        msg.contains("3 failed connections in a row; tried again in"),
        "{msg}"
    );

    // It comes back; after the cool-down the next query reaches it.
    let back = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .unwrap();
    serve_empty_vector(back, Duration::ZERO);
    let started = Instant::now();
    let r = loop {
        let r = ask(100 + started.elapsed().as_millis() as i64).await;
        if r["error"].is_null() || started.elapsed() > Duration::from_secs(10) {
            break r;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    };
    assert!(r["error"].is_null(), "back within the cool-down: {r}");
    assert!(started.elapsed() < Duration::from_secs(7));
}
