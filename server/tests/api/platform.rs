use reqwest::StatusCode;

use crate::helpers::*;

#[tokio::test]
async fn health_and_readiness() {
    let app = spawn_app().await;
    let c = client();
    assert_eq!(status(c.get(app.at("/healthz"))).await, StatusCode::OK);
    let ready = c.get(app.at("/readyz")).send().await.unwrap();
    assert_eq!(ready.status(), StatusCode::OK);
    assert!(app.db_path.exists());
}

#[tokio::test]
async fn metrics_count_requests_per_route_with_a_latency_histogram() {
    let app = spawn_with(|c| c.metrics_public = true).await;
    let c = client();
    for _ in 0..3 {
        c.get(app.at("/healthz")).send().await.unwrap();
    }
    c.get(app.at("/api/v1/users/12345/zzz"))
        .send()
        .await
        .unwrap();
    let text = text(c.get(app.at("/metrics"))).await;
    assert!(
        text.contains(
            r#"lookout_http_requests_total{method="GET",route="/healthz",status="200"} 3"#
        ),
        "{text}"
    );
    assert!(text.contains(
        r#"lookout_http_request_duration_seconds_count{method="GET",route="/healthz"} 3"#
    ));
    assert!(text.contains(r#"route="/healthz",le="+Inf"} 3"#));
    assert!(!text.contains("12345"), "raw paths must not become labels");
}

#[tokio::test]
async fn metrics_can_require_a_token() {
    let app = spawn_with(|c| c.metrics_token = Some("scrape-secret".into())).await;
    let c = client();
    assert_eq!(
        status(c.get(app.at("/metrics"))).await,
        StatusCode::UNAUTHORIZED
    );
    let ok = c
        .get(app.at("/metrics"))
        .bearer_auth("scrape-secret")
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), StatusCode::OK);
    for wrong in ["scrape-secre", "scrape-secretx", "SCRAPE-SECRET", ""] {
        let res = c
            .get(app.at("/metrics"))
            .bearer_auth(wrong)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{wrong:?}");
    }
}

#[tokio::test]
async fn metrics_are_off_without_a_token_unless_public() {
    let app = spawn_app().await;
    let res = client().get(app.at("/metrics")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(res.text().await.unwrap().contains("--metrics-token"));
}

/// Finding 6: made-up methods and server-function names must not add series.
#[tokio::test]
async fn anonymous_requests_cannot_grow_the_metrics() {
    let app = spawn_with(|c| c.metrics_public = true).await;
    let c = client();
    let series = |t: &str| t.lines().filter(|l| !l.starts_with('#')).count();
    let odd_requests = |from: usize| {
        let (c, app) = (&c, &app);
        async move {
            for i in from..from + 50 {
                let method = reqwest::Method::from_bytes(format!("X{i}").as_bytes()).unwrap();
                let _ = c.request(method, app.at("/healthz")).send().await.unwrap();
                let _ = c
                    .post(app.at(&format!("/api/fn/made_up_{i}")))
                    .send()
                    .await
                    .unwrap();
                let _ = c
                    .get(app.at(&format!("/no/such/{i}")))
                    .send()
                    .await
                    .unwrap();
            }
        }
    };
    odd_requests(0).await;
    let _ = text(c.get(app.at("/metrics"))).await; // its own series, once
    let before = series(&text(c.get(app.at("/metrics"))).await);
    odd_requests(50).await;
    let after_text = text(c.get(app.at("/metrics"))).await;
    let after = series(&after_text);
    assert_eq!(
        before, after,
        "150 more odd requests added series:\n{after_text}"
    );
    assert!(!after_text.contains("X1"), "{after_text}");
    assert!(!after_text.contains("made_up"), "{after_text}");
}

#[tokio::test]
async fn pages_carry_security_headers_and_a_nonce_csp() {
    let app = spawn_app().await;
    let res = client().get(app.at("/login")).send().await.unwrap();
    let h = res.headers().clone();
    assert_eq!(h["x-frame-options"], "DENY");
    assert_eq!(h["x-content-type-options"], "nosniff");
    let csp = h["content-security-policy"].to_str().unwrap().to_owned();
    assert!(
        csp.contains("'wasm-unsafe-eval'") && csp.contains("'nonce-"),
        "{csp}"
    );
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap()
        .to_owned();
    let body = res.text().await.unwrap();
    assert!(
        body.contains(&format!("nonce=\"{nonce}\"")),
        "inline scripts carry the header's nonce"
    );
    let api = client()
        .get(app.at("/api/v1/auth/me"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        api.headers()["content-security-policy"],
        "default-src 'none'; frame-ancestors 'none'"
    );
    assert_eq!(api.headers()["cache-control"], "no-store");
}

#[tokio::test]
async fn oversized_bodies_are_refused_with_413() {
    let app = spawn_with(|c| c.body_limit_bytes = 4096).await;
    let res = client()
        .post(app.at("/api/v1/auth/login"))
        .header("content-type", "application/json")
        .body(format!(
            r#"{{"username":"admin","password":"{}"}}"#,
            "x".repeat(10_000)
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn responses_are_compressed_when_the_client_asks() {
    let app = spawn_app().await;
    let res = reqwest::Client::new()
        .get(app.at("/login"))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.headers()
            .get("content-encoding")
            .map(|v| v.to_str().unwrap()),
        Some("gzip")
    );
}

/// A locked (or read-only) database: logged-in reads keep working, /readyz
/// says so, a save fails with a clear 503 and changes nothing; once the lock
/// is gone, saves work again.
#[tokio::test]
async fn a_locked_database_keeps_reads_working_and_fails_saves_clearly() {
    let app = spawn_with(|c| c.session_idle_secs = 16).await;
    let admin = app.admin().await;
    // Another process holds the write lock.
    let url = format!("sqlite://{}", app.db_path.display());
    let mut other = <sqlx::SqliteConnection as sqlx::Connection>::connect(&url)
        .await
        .unwrap();
    sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut other)
        .await
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(4100)).await; // past the touch interval
    let started = std::time::Instant::now();
    let me = admin.get(app.at("/api/v1/auth/me")).send().await.unwrap();
    assert!(
        started.elapsed().as_millis() < 1000,
        "a read waited on the lock"
    );
    let (st, body) = (me.status(), me.text().await.unwrap());
    assert_eq!(st, StatusCode::OK, "reads work: {body}");
    let users = admin.get(app.at("/api/v1/users")).send().await.unwrap();
    assert_eq!(users.status(), StatusCode::OK);
    let ready = text(client().get(app.at("/readyz"))).await;
    assert!(ready.contains("read-only"), "{ready}");
    let create_user = || {
        admin
            .post(app.at("/api/v1/users"))
            .json(&serde_json::json!({ "username": "newbie", "password": USER_PASSWORD, "role": "viewer" }))
            .send()
    };
    let create_user = || async { create_user().await.unwrap() };
    let res = create_user().await;
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(error_message(res)
        .await
        .contains("database is read-only or locked"));
    sqlx::query("ROLLBACK").execute(&mut other).await.unwrap();
    let res = create_user().await;
    assert_eq!(
        res.status(),
        StatusCode::CREATED,
        "nothing half-written by the failed save"
    );
    assert_eq!(text(client().get(app.at("/readyz"))).await, "ready\n");
}
