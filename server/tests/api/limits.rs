//! Finding 2 and the "bounded work" class: extreme numbers get a 400 that
//! says what to change, the server stays up, and memory stays bounded.
//! Finding 8: input that used to panic the time parser renders a page.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;

fn rss_mb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .unwrap_or(0)
        / 1024
}

#[tokio::test]
async fn extreme_numbers_get_a_clear_400_and_bounded_memory() {
    let app = spawn_app().await;
    let (_, viewer) = app.user_with_role("vic", "viewer").await;
    let before = rss_mb();
    let day = 86_400_000_i64;
    let cases: Vec<(Value, &str)> = vec![
        (
            json!({"type": "range", "range": {"from_ms": -5_000_000_000_000_000_000_i64, "to_ms": 5_000_000_000_000_000_000_i64}, "max_data_points": 1000}),
            "outside 1970",
        ),
        (
            json!({"type": "range", "range": {"from_ms": i64::MIN, "to_ms": i64::MAX}, "max_data_points": 1000}),
            "outside 1970",
        ),
        (
            json!({"type": "range", "range": {"from_ms": 0, "to_ms": 30 * day}, "max_data_points": 1000, "step_ms": 1}),
            "use a step of at least",
        ),
        (
            json!({"type": "range", "range": {"from_ms": 0, "to_ms": day}, "max_data_points": 1000, "step_ms": 0}),
            "step_ms must be between",
        ),
        (
            json!({"type": "range", "range": {"from_ms": 0, "to_ms": day}, "max_data_points": 1000, "step_ms": -5}),
            "step_ms must be between",
        ),
        (
            json!({"type": "range", "range": {"from_ms": 0, "to_ms": day}, "max_data_points": 1000, "step_ms": i64::MAX}),
            "step_ms must be between",
        ),
        (
            json!({"type": "range", "range": {"from_ms": 0, "to_ms": day}, "max_data_points": 0}),
            "max_data_points",
        ),
        (
            json!({"type": "range", "range": {"from_ms": day, "to_ms": 0}, "max_data_points": 10}),
            "ends before it starts",
        ),
        (
            json!({"type": "logs", "query": "x", "range": {"from_ms": 0, "to_ms": day}, "size": 0}),
            "size must be",
        ),
        (
            json!({"type": "logs", "query": "x", "range": {"from_ms": 0, "to_ms": day}, "size": 4_000_000_000_u32}),
            "size must be",
        ),
        (
            json!({"type": "instant", "expr": "up", "time_ms": i64::MIN}),
            "outside 1970",
        ),
        (
            json!({"type": "log_histogram", "query": "x", "range": {"from_ms": 0, "to_ms": 20_000 * day}}),
            "longer than",
        ),
    ];
    for (mut q, expect) in cases {
        q["ref_id"] = json!("A");
        q["datasource"] = json!(1);
        if q["expr"].is_null() && q["type"] == "range" {
            q["expr"] = json!("up");
        }
        let res = viewer
            .post(app.at("/api/v1/query"))
            .json(&json!({ "queries": [q] }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{q}");
        let msg = error_message(res).await;
        assert!(msg.contains(expect), "{q}: {msg}");
    }
    // Not-a-number strings are refused by decoding, with a 400 too.
    for bad in [json!("NaN"), json!("1e400"), json!(1.5), json!("-")] {
        let q = json!({ "queries": [{"ref_id": "A", "type": "range", "datasource": 1, "expr": "up",
            "range": {"from_ms": bad, "to_ms": 1000}, "max_data_points": 10}] });
        let res = viewer
            .post(app.at("/api/v1/query"))
            .json(&q)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{q}");
    }
    // Export: the same bounds.
    let res = viewer
        .get(app.at("/api/v1/export"))
        .query(&[
            ("datasource", "1"),
            ("query", "x"),
            ("format", "csv"),
            ("from_ms", "-5000000000000000000"),
            ("to_ms", "5000000000000000000"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(error_message(res).await.contains("outside 1970"));
    assert_eq!(app.me(&viewer).await, StatusCode::OK, "still serving");
    let grown = rss_mb().saturating_sub(before);
    assert!(grown < 200, "RSS grew by {grown} MB");
}

#[tokio::test]
async fn explore_urls_with_hostile_times_render_instead_of_panicking() {
    let app = spawn_app().await;
    let (_, viewer) = app.user_with_role("vic", "viewer").await;
    for query in [
        "from=2026-01-01%2010:00.a%E2%82%AC",
        "from=-5000000000000000000&to=5000000000000000000",
        "from=now-9999999999999999999d",
        "from=now-99999999999999d",
        "from=now%2B9223372036854775807s",
        "from=%E2%82%AC&to=now/%E2%82%AC",
        "from=2026-1%E2%82%AC-01",
        "from=now-1h&to=now&step=-1",
        "from=9223372036854775807&to=9223372036854775807",
    ] {
        for page in ["/explore", "/explore/metrics"] {
            let res = viewer
                .get(app.at(&format!("{page}?{query}")))
                .send()
                .await
                .unwrap_or_else(|e| panic!("{page}?{query}: connection dropped: {e}"));
            assert_eq!(res.status(), StatusCode::OK, "{page}?{query}");
            let body = res.text().await.unwrap();
            assert!(body.contains("</html>"), "{page}?{query}: page cut short");
        }
    }
    assert_eq!(app.me(&viewer).await, StatusCode::OK);
}

/// Class 2: an upstream answer over the data source's cap is refused with
/// "too large" (read no further), and at most `--max-upstream-concurrency`
/// requests reach one data source at once.
#[tokio::test]
async fn upstream_answers_and_concurrency_are_bounded() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let app = spawn_with(|c| c.max_upstream_concurrency = 2).await;
    let admin = app.admin().await;
    // A Prometheus look-alike: answers after 300 ms, counting how many
    // requests it holds at once; `/big` paths get a 3 MiB body.
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = l.local_addr().unwrap().port();
    let (now, peak) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let (n, p) = (now.clone(), peak.clone());
    tokio::spawn(async move {
        while let Ok((mut sock, _)) = l.accept().await {
            let (n, p) = (n.clone(), p.clone());
            tokio::spawn(async move {
                let mut buf = vec![0u8; 8192];
                let got = sock.read(&mut buf).await.unwrap_or(0);
                let big = String::from_utf8_lossy(&buf[..got]).contains("/big/");
                let inflight = n.fetch_add(1, Ordering::SeqCst) + 1;
                p.fetch_max(inflight, Ordering::SeqCst);
                tokio::time::sleep(std::time::Duration::from_millis(300)).await;
                n.fetch_sub(1, Ordering::SeqCst);
                let body = if big {
                    format!(
                        r#"{{"status":"success","data":["{}"]}}"#,
                        "x".repeat(3 << 20)
                    )
                } else {
                    r#"{"status":"success","data":{"resultType":"vector","result":[]}}"#.to_owned()
                };
                let head = format!("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n", body.len());
                let _ = sock.write_all(head.as_bytes()).await;
                let _ = sock.write_all(body.as_bytes()).await;
            });
        }
    });
    let add = |name: &str, path: &str, mb: Option<u64>| {
        json!({ "name": name, "kind": "prometheus", "url": format!("http://127.0.0.1:{port}/{path}"),
            "max_response_mb": mb })
    };
    let mut ids = Vec::new();
    for input in [add("small", "", None), add("big", "big/", Some(1))] {
        let res = admin
            .post(app.at("/api/v1/datasources"))
            .json(&input)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::CREATED);
        ids.push(res.json::<Value>().await.unwrap()["id"].as_i64().unwrap());
    }
    // Distinct times: identical requests would share one upstream request.
    let instant = |ds: i64, r: usize| json!({ "ref_id": r.to_string(), "type": "instant", "datasource": ds, "expr": "up", "time_ms": 1_000_000 + r as i64 });
    let batch: Vec<Value> = (0..6).map(|r| instant(ids[0], r)).collect();
    let res: Value = admin
        .post(app.at("/api/v1/query"))
        .json(&json!({ "queries": batch }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        res["results"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["error"].is_null()),
        "{res}"
    );
    assert_eq!(
        peak.load(Ordering::SeqCst),
        2,
        "at most 2 in flight to one data source"
    );
    let res: Value = admin
        .post(app.at("/api/v1/query"))
        .json(&json!({ "queries": [instant(ids[1], 0)] }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let msg = res["results"][0]["error"]["message"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(msg.contains("too large (over 1 MiB)"), "{res}");
}
