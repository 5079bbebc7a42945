//! Share links through the API without upstreams: what a create may ask
//! (days, span, targets), and guessing links is rate-limited per address
//! like passwords and API tokens.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::*;

#[tokio::test]
async fn creates_are_checked_field_by_field() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let made = post_json(
        &admin,
        app.at("/api/v1/dashboards"),
        &json!({ "dashboard": { "kind": "Dashboard", "schemaVersion": 1,
            "metadata": { "uid": "a", "title": "A" }, "spec": {} } }),
    )
    .await;
    assert_eq!(made.status(), StatusCode::CREATED);
    let cases = [
        (
            json!({ "kind": "dashboard", "target": "a", "expires_days": 0 }),
            400,
            "expires_days",
        ),
        (
            json!({ "kind": "dashboard", "target": "a", "expires_days": 366 }),
            400,
            "expires_days",
        ),
        (
            json!({ "kind": "dashboard", "target": "a", "options": { "max_span_days": 0 } }),
            400,
            "max_span_days",
        ),
        (
            json!({ "kind": "dashboard", "target": "a", "options": { "max_span_days": 367 } }),
            400,
            "max_span_days",
        ),
        (
            json!({ "kind": "dashboard", "target": "a", "options": { "run": "up" } }),
            400,
            "unknown field",
        ),
        (
            json!({ "kind": "search", "target": "x" }),
            400,
            "saved query",
        ),
        (
            json!({ "kind": "search", "target": "99" }),
            404,
            "saved query",
        ),
        (json!({ "kind": "panel", "target": "a" }), 400, "kind"),
    ];
    for (body, want, says) in cases {
        let res = post_json(&admin, app.at("/api/v1/shares"), &body).await;
        assert_eq!(res.status().as_u16(), want, "{body}");
        let msg = error_message(res).await;
        assert!(msg.contains(says), "{body}: {msg}");
    }
    let ok = json!({ "kind": "dashboard", "target": "a", "expires_days": 365,
                     "options": { "max_span_days": 366, "allow_time": true } });
    assert_eq!(
        post_json(&admin, app.at("/api/v1/shares"), &ok)
            .await
            .status(),
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn guessing_links_is_rate_limited_per_address() {
    let app = spawn_with(|c| c.login_max_failures_per_address = 3).await;
    let guess = format!("/s/lks_{}", "0".repeat(64));
    for _ in 0..3 {
        assert_eq!(
            status(client().get(app.at(&guess))).await,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        status(client().get(app.at(&guess))).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    let body = json!({ "link": "lks_x", "panel": "p", "req": {} });
    let res = post_json(&client(), app.at("/api/fn/shared_panel"), &body).await;
    assert_eq!(
        res.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "the server functions too"
    );
}
