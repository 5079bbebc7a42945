//! API tokens: made from a session by editors and admins with a role no
//! higher than their own, shown once and stored only as a hash, sent as
//! `Authorization: Bearer`, capped by the owner's current role, dead at
//! once when revoked, expired or the owner is disabled; failures are
//! rate-limited per address.

use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

use crate::helpers::*;

async fn make(app: &TestApp, who: &Client, name: &str, role: &str) -> (StatusCode, Value) {
    let res = post_json(
        who,
        app.at("/api/v1/tokens"),
        &json!({ "name": name, "role": role, "expires_days": 30 }),
    )
    .await;
    let status = res.status();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn with_token(app: &TestApp, token: &str, path: &str) -> StatusCode {
    client()
        .get(app.at(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .status()
}

async fn sql(app: &TestApp, q: &str) -> Vec<String> {
    let url = format!("sqlite://{}", app.db_path.display());
    let mut c = <sqlx::SqliteConnection as sqlx::Connection>::connect(&url)
        .await
        .unwrap();
    let rows: Vec<(String,)> = sqlx::query_as(q).fetch_all(&mut c).await.unwrap();
    rows.into_iter().map(|r| r.0).collect()
}

#[tokio::test]
async fn tokens_act_with_their_role_and_die_when_revoked_or_expired() {
    let app = spawn_app().await;
    let (ed_id, ed) = app.user_with_role("ed", "editor").await;
    let (_, vic) = app.user_with_role("vic", "viewer").await;
    let admin = app.admin().await;

    // Who may make which token.
    assert_eq!(
        make(&app, &vic, "mine", "viewer").await.0,
        StatusCode::FORBIDDEN
    );
    let (st, body) = make(&app, &ed, "too-high", "admin").await;
    assert_eq!(st, StatusCode::FORBIDDEN, "{body}");
    let (st, body) = make(&app, &ed, "", "viewer").await;
    assert_eq!(st, StatusCode::BAD_REQUEST, "{body}");
    let (st, made) = make(&app, &ed, "ci-deploys", "editor").await;
    assert_eq!(st, StatusCode::CREATED, "{made}");
    let token = made["token"].as_str().unwrap().to_owned();
    assert!(token.starts_with("lk_") && token.len() == 67, "{token}");
    let id = made["info"]["id"].as_i64().unwrap();

    // Shown once: never listed, never stored.
    let listed = text(ed.get(app.at("/api/v1/tokens"))).await;
    assert!(
        listed.contains("ci-deploys") && !listed.contains(&token),
        "{listed}"
    );
    let stored = sql(&app, "SELECT token_hash || prefix || name FROM api_tokens").await;
    assert!(
        stored.iter().all(|r| !r.contains(&token[3..])),
        "{stored:?}"
    );

    // It acts as its owner, with its own role.
    assert_eq!(
        with_token(&app, &token, "/api/v1/dashboards").await,
        StatusCode::OK
    );
    let me: Value = client()
        .get(app.at("/api/v1/auth/me"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        (me["username"].as_str(), me["role"].as_str()),
        (Some("ed"), Some("editor"))
    );
    assert_eq!(
        with_token(&app, &token, "/api/v1/users").await,
        StatusCode::FORBIDDEN
    );
    // A token cannot mint tokens.
    let res = client()
        .post(app.at("/api/v1/tokens"))
        .bearer_auth(&token)
        .json(&json!({ "name": "child", "role": "viewer", "expires_days": 1 }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(error_message(res).await.contains("browser session"));
    // Pages still need a session.
    let page = client()
        .get(app.at("/explore"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    let to = page
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned());
    assert!(
        page.status().is_redirection(),
        "a token opens no page: {}",
        page.status()
    );
    assert!(to.is_some_and(|l| l.starts_with("/login")));

    // The owner's current role caps it: demoted to viewer, it can't write.
    let demote = admin
        .patch(app.at(&format!("/api/v1/users/{ed_id}")))
        .json(&json!({ "role": "viewer" }))
        .send()
        .await
        .unwrap();
    assert_eq!(demote.status(), StatusCode::OK);
    let write = client()
        .post(app.at("/api/v1/saved-queries"))
        .bearer_auth(&token)
        .json(&json!({ "name": "x", "mode": "logs", "datasource": 1, "query": "*", "from": "now-1h", "to": "now" }))
        .send()
        .await
        .unwrap();
    assert_eq!(write.status(), StatusCode::FORBIDDEN);

    // Admins see everyone's; last use is recorded.
    let all: Vec<Value> = json_of(admin.get(app.at("/api/v1/tokens"))).await;
    let row = all
        .iter()
        .find(|t| t["id"] == id)
        .expect("admin sees ed's token");
    assert!(row["last_used_at"].as_i64().is_some(), "{row}");

    // Revoked: dead at once, for every route.
    let res = admin
        .delete(app.at(&format!("/api/v1/tokens/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let res = client()
        .get(app.at("/api/v1/dashboards"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert!(error_message(res).await.contains("API token"));

    // Expired: dead too.
    let (_, other) = make(&app, &admin, "short", "viewer").await;
    let other = other["token"].as_str().unwrap().to_owned();
    assert_eq!(
        with_token(&app, &other, "/api/v1/dashboards").await,
        StatusCode::OK
    );
    sql(
        &app,
        "UPDATE api_tokens SET expires_at = 0 WHERE name = 'short' RETURNING name",
    )
    .await;
    assert_eq!(
        with_token(&app, &other, "/api/v1/dashboards").await,
        StatusCode::UNAUTHORIZED
    );
    // A disabled owner's tokens stop.
    let (ann_id, ann) = app.user_with_role("ann", "editor").await;
    let (_, made) = make(&app, &ann, "ann-ci", "viewer").await;
    let ann_token = made["token"].as_str().unwrap().to_owned();
    assert_eq!(
        with_token(&app, &ann_token, "/api/v1/dashboards").await,
        StatusCode::OK
    );
    let off = admin
        .patch(app.at(&format!("/api/v1/users/{ann_id}")))
        .json(&json!({ "disabled": true }))
        .send()
        .await
        .unwrap();
    assert_eq!(off.status(), StatusCode::OK);
    assert_eq!(
        with_token(&app, &ann_token, "/api/v1/dashboards").await,
        StatusCode::UNAUTHORIZED
    );
    // Nobody else can revoke what they cannot see.
    let res = vic
        .delete(app.at(&format!("/api/v1/tokens/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn guessing_tokens_is_rate_limited_per_address() {
    let app = spawn_with(|c| c.login_max_failures_per_address = 3).await;
    let guess = format!("lk_{}", "0".repeat(64));
    for _ in 0..3 {
        assert_eq!(
            with_token(&app, &guess, "/api/v1/dashboards").await,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        with_token(&app, &guess, "/api/v1/dashboards").await,
        StatusCode::TOO_MANY_REQUESTS
    );
}
