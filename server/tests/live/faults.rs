//! Faults a real server cannot produce on demand, from a tiny stub: a stall
//! past the timeout, a garbage body, a 5xx. "Down" is a closed port.

use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use crate::helpers::*;
use crate::peers::peers;

/// Serves every connection with `reply` (or holds it open when `None`).
async fn stub(reply: Option<&'static str>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        loop {
            let Ok((mut sock, _)) = listener.accept().await else {
                return;
            };
            tokio::spawn(async move {
                let mut buf = [0u8; 4096];
                let _ = sock.read(&mut buf).await;
                match reply {
                    Some(r) => {
                        let _ = sock.write_all(r.as_bytes()).await;
                    }
                    None => tokio::time::sleep(Duration::from_secs(60)).await,
                }
            });
        }
    });
    url
}

/// Answers like Prometheus and keeps the raw request it received.
async fn recording_stub() -> (String, std::sync::Arc<std::sync::Mutex<String>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let keep = seen.clone();
    tokio::spawn(async move {
        let Ok((mut sock, _)) = listener.accept().await else {
            return;
        };
        let mut buf = vec![0u8; 8192];
        let n = sock.read(&mut buf).await.unwrap_or(0);
        *keep.lock().unwrap() = String::from_utf8_lossy(&buf[..n]).to_string();
        let body = r#"{"status":"success","data":{"resultType":"matrix","result":[]}}"#;
        let reply = format!("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}", body.len());
        let _ = sock.write_all(reply.as_bytes()).await;
    });
    (url, seen)
}

#[tokio::test]
async fn prometheus_is_never_asked_for_gzip_and_sees_no_browser_headers() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (url, seen) = recording_stub().await;
    let id = app
        .add_datasource(
            &admin,
            &json!({ "name": "recorder", "kind": "prometheus", "url": url }),
        )
        .await;
    let res = admin
        .post(app.at("/api/v1/query"))
        .header("accept-encoding", "gzip")
        .json(
            &json!({"queries": [{ "ref_id": "A", "type": "range", "datasource": id, "expr": "up",
            "range": {"from_ms": 0, "to_ms": 3_600_000}, "max_data_points": 100 }]}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.headers()
            .get("content-encoding")
            .map(|v| v.to_str().unwrap()),
        Some("gzip"),
        "Lookout compresses its own answers"
    );
    let raw = seen.lock().unwrap().to_lowercase();
    assert!(raw.starts_with("post /api/v1/query_range"), "{raw}");
    assert!(!raw.contains("gzip"), "asked Prometheus for gzip: {raw}");
    assert!(
        !raw.contains("cookie") && !raw.contains("lookout_session"),
        "browser credentials leaked upstream: {raw}"
    );
}

const GARBAGE: &str = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 13\r\nconnection: close\r\n\r\n}{not json!!\n";
const UNAVAILABLE: &str = "HTTP/1.1 503 Service Unavailable\r\ncontent-length: 24\r\nconnection: close\r\n\r\nmaintenance until 14:00\n";

#[tokio::test]
async fn stalls_garbage_5xx_and_down_each_fail_alone_with_a_reason() {
    let (app, p) = (spawn_app().await, peers());
    let admin = app.admin().await;
    let es = app.add_datasource(&admin, &p.es_input("logs")).await;
    let mut ids = Vec::new();
    for (name, url) in [
        ("stalled", stub(None).await),
        ("garbage", stub(Some(GARBAGE)).await),
        ("maintenance", stub(Some(UNAVAILABLE)).await),
        ("down", "http://127.0.0.1:9".to_owned()),
    ] {
        let input = json!({ "name": name, "kind": "prometheus", "url": url, "timeout_ms": 700 });
        ids.push(app.add_datasource(&admin, &input).await);
    }
    let range = json!({"from_ms": p.now_ms - 3_600_000, "to_ms": p.now_ms});
    let mut queries: Vec<Value> = ids
        .iter()
        .map(|id| json!({ "ref_id": id.to_string(), "type": "range", "datasource": id, "expr": "up", "range": range, "max_data_points": 100 }))
        .collect();
    queries.push(json!({ "ref_id": "logs", "type": "logs", "datasource": es, "query": "*", "range": range, "size": 5 }));
    let started = Instant::now();
    let r = app.query(&admin, Value::Array(queries)).await;
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "Lookout enforces the timeout: {:?}",
        started.elapsed()
    );
    let expect = [
        ("stalled", "timeout", "no answer within 700 ms"),
        ("garbage", "bad_response", "could not be read"),
        (
            "maintenance",
            "upstream",
            "HTTP 503): maintenance until 14:00",
        ),
        ("down", "unreachable", "cannot connect"),
    ];
    for (answer, (name, kind, needle)) in r.iter().zip(expect) {
        let e = &answer["error"];
        assert_eq!(
            (e["datasource"].as_str(), e["kind"].as_str()),
            (Some(name), Some(kind)),
            "{answer}"
        );
        assert!(e["message"].as_str().unwrap().contains(needle), "{answer}");
    }
    assert_eq!(
        r[4]["data"]["hits"].as_array().unwrap().len(),
        5,
        "the healthy query answers: {}",
        r[4]
    );
}
