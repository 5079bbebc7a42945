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
