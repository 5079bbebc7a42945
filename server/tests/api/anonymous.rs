use reqwest::StatusCode;

use crate::helpers::*;

const PAGES: [&str; 5] = [
    "/",
    "/account",
    "/admin/users",
    "/no-such-page",
    "/pkg/../admin/users",
];
const API_GET: [&str; 5] = [
    "/api/v1/audit",
    "/api/v1/auth/me",
    "/api/v1/users",
    "/api/v1/tokens",
    "/api/v1/annotations?from_ms=0&to_ms=1",
];
const API_POST: [&str; 16] = [
    "/api/fn/list_audit",
    "/api/v1/annotations",
    "/api/fn/list_annotations",
    "/api/v1/tokens",
    "/api/fn/list_tokens",
    "/api/fn/create_token",
    "/api/fn/revoke_token",
    "/api/v1/users",
    "/api/v1/users/1",
    "/api/v1/users/1/password",
    "/api/v1/auth/password",
    "/api/fn/me",
    "/api/fn/list_users",
    "/api/fn/create_user",
    "/api/fn/update_user",
    "/api/fn/change_password",
];

#[tokio::test]
async fn pages_redirect_an_anonymous_caller_to_login() {
    let app = spawn_app().await;
    let c = client();
    for page in PAGES {
        let res = c.get(app.at(page)).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{page}");
        let location = res.headers()["location"].to_str().unwrap();
        assert!(location.starts_with("/login"), "{page} → {location}");
        let body = res.text().await.unwrap();
        assert!(!body.contains("admin"), "{page} leaks a body");
    }
    let res = c.get(app.at("/admin/users?tab=1")).send().await.unwrap();
    assert_eq!(
        res.headers()["location"],
        "/login?next=/admin/users%3Ftab%3D1"
    );
    let login = c.get(app.at("/login")).send().await.unwrap();
    assert_eq!(login.status(), StatusCode::OK);
    assert!(login.text().await.unwrap().contains("name=\"password\""));
}

#[tokio::test]
async fn every_api_route_and_server_function_answers_401() {
    let app = spawn_app().await;
    let c = client();
    for path in API_GET {
        let res = c.get(app.at(path)).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "GET {path}");
        assert!(error_message(res).await.contains("not logged in"));
    }
    for path in API_POST {
        let res = c
            .post(app.at(path))
            .header("content-type", "application/json")
            .body("{}")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "POST {path}");
    }
    let res = c
        .patch(app.at("/api/v1/users/1"))
        .json(&serde_json::json!({"role": "viewer"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    // A forged or stale cookie is no better than none.
    let forged = reqwest::Client::new()
        .get(app.at("/api/v1/auth/me"))
        .header("cookie", format!("lookout_session={}", "ab".repeat(32)))
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn cross_site_posts_are_refused_even_with_a_session() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let res = admin
        .post(app.at("/api/v1/users"))
        .header("origin", "http://evil.example")
        .json(
            &serde_json::json!({"username": "mallory", "password": "password-1", "role": "admin"}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(error_message(res).await.contains("Cross-site"));
    // An opaque origin, and a browser request (fetch metadata) without one.
    for (name, value) in [
        ("origin", "null"),
        ("sec-fetch-site", "cross-site"),
        ("sec-fetch-site", "same-site"),
    ] {
        let res = admin
            .post(app.at("/api/fn/logout"))
            .header(name, value)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{name}: {value}");
    }
    assert_eq!(app.me(&admin).await, StatusCode::OK, "still logged in");
    let same = admin
        .post(app.at("/api/v1/users"))
        .header("origin", app.url.clone())
        .json(
            &serde_json::json!({"username": "friend", "password": "password-1", "role": "viewer"}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(same.status(), StatusCode::CREATED);
}
