//! Annotations: a CI job posts "deployed v1.4.2" with an editor's API
//! token; anyone logged in lists them by range, dashboard and tag; every
//! bad field gets a 400 that names it, and nothing is stored.

use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

use crate::helpers::*;

async fn post(app: &TestApp, who: &Client, body: Value) -> (StatusCode, Value) {
    let res = post_json(who, app.at("/api/v1/annotations"), &body).await;
    let status = res.status();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn list(app: &TestApp, who: &Client, query: &str) -> Vec<Value> {
    get_ok(who, app.at(&format!("/api/v1/annotations?{query}"))).await
}

fn texts(list: &[Value]) -> Vec<&str> {
    list.iter().map(|a| a["text"].as_str().unwrap()).collect()
}

#[tokio::test]
async fn a_ci_token_marks_a_deploy_and_views_list_it_by_range_dashboard_and_tag() {
    let app = spawn_app().await;
    let (_, ed) = app.user_with_role("ed", "editor").await;
    let (_, vic) = app.user_with_role("vic", "viewer").await;
    let made: Value = ed
        .post(app.at("/api/v1/tokens"))
        .json(&json!({ "name": "ci", "role": "editor", "expires_days": 7 }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = made["token"].as_str().unwrap();
    let dash = json!({ "kind": "Dashboard", "schemaVersion": 1,
        "metadata": { "uid": "host", "title": "Host" },
        "spec": { "panels": { "cpu": { "kind": "text", "spec": {} } },
                  "layout": [{ "items": [{ "panel": "cpu", "x": 0, "y": 0, "w": 12, "h": 4 }] }] } });
    let res = post_json(
        &ed,
        app.at("/api/v1/dashboards"),
        &json!({ "dashboard": dash }),
    )
    .await;
    assert_eq!(res.status(), StatusCode::CREATED);

    // The README's one-liner: text and tags, the time defaults to now.
    let before = app::model::time::now_ms();
    let res = client()
        .post(app.at("/api/v1/annotations"))
        .bearer_auth(token)
        .json(&json!({ "text": "deployed v1.4.2 <script>alert(1)</script>", "tags": ["deploy", "api"] }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let a: Value = res.json().await.unwrap();
    let at = a["time_ms"].as_i64().unwrap();
    assert!(at >= before && at <= app::model::time::now_ms(), "{a}");
    assert_eq!(a["author"], "ed");
    assert_eq!(
        a["text"], "deployed v1.4.2 <script>alert(1)</script>",
        "stored as given; shown as text"
    );

    let (st, _) = post(
        &app,
        &ed,
        json!({ "text": "host only", "time_ms": 1_000, "dashboard": "host", "panel": "cpu" }),
    )
    .await;
    assert_eq!(st, StatusCode::CREATED);
    let (st, _) = post(
        &app,
        &ed,
        json!({ "text": "maintenance", "time_ms": 2_000, "end_ms": 5_000, "tags": ["ops"] }),
    )
    .await;
    assert_eq!(st, StatusCode::CREATED);
    let (st, _) = post(&app, &vic, json!({ "text": "viewer" })).await;
    assert_eq!(st, StatusCode::FORBIDDEN, "viewers look only");

    // Range, dashboard and tag.
    assert_eq!(
        texts(&list(&app, &vic, "from_ms=0&to_ms=10000").await),
        ["maintenance"]
    );
    assert_eq!(
        texts(&list(&app, &vic, "from_ms=3000&to_ms=4000").await),
        ["maintenance"],
        "a span reaching in"
    );
    assert_eq!(
        texts(&list(&app, &vic, "from_ms=0&to_ms=10000&dashboard=host").await),
        ["maintenance", "host only"]
    );
    assert_eq!(
        texts(
            &list(
                &app,
                &vic,
                "from_ms=0&to_ms=10000&dashboard=host&tags=deploy"
            )
            .await
        ),
        ["host only"],
        "own ones always, global ones by tag"
    );
    let now = app::model::time::now_ms();
    let recent = list(
        &app,
        &vic,
        &format!("from_ms={}&to_ms={}&tags=deploy,x", now - 60_000, now + 1),
    )
    .await;
    assert_eq!(recent.len(), 1);

    // Each bad field says which, and nothing is stored.
    let long = "x".repeat(2_001);
    let bad = [
        (json!({ "text": "  " }), StatusCode::BAD_REQUEST, "text"),
        (json!({ "text": long }), StatusCode::BAD_REQUEST, "text"),
        (
            json!({ "text": "t", "time_ms": -5 }),
            StatusCode::BAD_REQUEST,
            "time_ms",
        ),
        (
            json!({ "text": "t", "time_ms": 5_000, "end_ms": 4_000 }),
            StatusCode::BAD_REQUEST,
            "end_ms",
        ),
        (
            json!({ "text": "t", "time_ms": 0, "end_ms": 400 * 86_400_000_i64 }),
            StatusCode::BAD_REQUEST,
            "366 days",
        ),
        (
            json!({ "text": "t", "tags": ["a\nb"] }),
            StatusCode::BAD_REQUEST,
            "tags[0]",
        ),
        (
            json!({ "text": "t", "panel": "cpu" }),
            StatusCode::BAD_REQUEST,
            "panel",
        ),
        (
            json!({ "text": "t", "dashboard": "nope" }),
            StatusCode::NOT_FOUND,
            "nope",
        ),
        (
            json!({ "text": "t", "dashboard": "host", "panel": "nope" }),
            StatusCode::NOT_FOUND,
            "nope",
        ),
        (
            json!({ "text": "t", "colour": "red" }),
            StatusCode::BAD_REQUEST,
            "colour",
        ),
        (json!({ "text": 5 }), StatusCode::BAD_REQUEST, "text"),
    ];
    for (body, want, names) in bad {
        let res = post_json(&ed, app.at("/api/v1/annotations"), &body).await;
        assert_eq!(res.status(), want, "{body}");
        let message = error_message(res).await;
        assert!(message.contains(names), "{body}: {message}");
    }
    let res = vic
        .get(app.at("/api/v1/annotations?from_ms=10&to_ms=1"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let res = vic
        .get(app.at("/api/v1/annotations?to_ms=1"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(error_message(res).await.contains("from_ms"));
    assert_eq!(
        list(
            &app,
            &vic,
            &format!("from_ms=0&to_ms={}&dashboard=host", now + 1)
        )
        .await
        .len(),
        3
    );

    // Only the author or an admin deletes.
    let id = a["id"].as_i64().unwrap();
    let (_, other) = app.user_with_role("eve", "editor").await;
    let res = other
        .delete(app.at(&format!("/api/v1/annotations/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = app
        .admin()
        .await
        .delete(app.at(&format!("/api/v1/annotations/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
}
