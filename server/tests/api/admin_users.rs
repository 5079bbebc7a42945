use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;

#[tokio::test]
async fn admin_creates_users_and_names_are_unique_case_insensitively() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let res = admin
        .post(app.at("/api/v1/users"))
        .json(&json!({"username": "Alice", "password": "password-1", "role": "editor"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let alice: Value = res.json().await.unwrap();
    assert_eq!(alice["role"], "editor");
    assert!(alice.get("password_hash").is_none() && !alice.to_string().contains("argon2"));

    let dup = admin
        .post(app.at("/api/v1/users"))
        .json(&json!({"username": "alice", "password": "password-1", "role": "viewer"}))
        .send()
        .await
        .unwrap();
    assert_eq!(dup.status(), StatusCode::CONFLICT);
    assert!(error_message(dup).await.contains("taken"));

    for (body, needle) in [
        (
            json!({"username": "", "password": "password-1", "role": "viewer"}),
            "empty",
        ),
        (
            json!({"username": "a".repeat(65), "password": "password-1", "role": "viewer"}),
            "at most 64",
        ),
        (
            json!({"username": "bob", "password": "short", "role": "viewer"}),
            "at least 8",
        ),
        (
            json!({"username": "bob", "password": "password-1", "role": "root"}),
            "role",
        ),
    ] {
        let res = admin
            .post(app.at("/api/v1/users"))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{body}");
        let msg = error_message(res).await;
        assert!(msg.contains(needle), "{msg} lacks {needle}");
    }
    let list: Vec<Value> = admin
        .get(app.at("/api/v1/users"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let names: Vec<_> = list
        .iter()
        .map(|u| u["username"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["admin", "Alice"]);
}

#[tokio::test]
async fn reset_password_logs_the_user_out_and_the_new_one_works() {
    let app = spawn_app().await;
    let (id, bob) = app.user_with_role("bob", "viewer").await;
    let admin = app.admin().await;
    let res = admin
        .post(app.at(&format!("/api/v1/users/{id}/password")))
        .json(&json!({"password": "reset-password-9"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(app.me(&bob).await, StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.login(&client(), "bob", USER_PASSWORD).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.login(&client(), "bob", "reset-password-9")
            .await
            .status(),
        StatusCode::OK
    );
    let missing = admin
        .post(app.at("/api/v1/users/999/password"))
        .json(&json!({"password": "reset-password-9"}))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn disabling_a_user_ends_their_sessions_and_blocks_login() {
    let app = spawn_app().await;
    let (id, bob) = app.user_with_role("bob", "viewer").await;
    let admin = app.admin().await;
    let res = admin
        .patch(app.at(&format!("/api/v1/users/{id}")))
        .json(&json!({"disabled": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.json::<Value>().await.unwrap()["disabled"], true);
    assert_eq!(app.me(&bob).await, StatusCode::UNAUTHORIZED);
    let login = app.login(&client(), "bob", USER_PASSWORD).await;
    assert_eq!(login.status(), StatusCode::FORBIDDEN);
    assert!(error_message(login).await.contains("disabled"));
    admin
        .patch(app.at(&format!("/api/v1/users/{id}")))
        .json(&json!({"disabled": false}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        app.login(&client(), "bob", USER_PASSWORD).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_last_active_admin_cannot_be_demoted_or_disabled() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    for change in [json!({"role": "editor"}), json!({"disabled": true})] {
        let res = admin
            .patch(app.at("/api/v1/users/1"))
            .json(&change)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::CONFLICT, "{change}");
        assert!(error_message(res).await.contains("no active admin"));
    }
    assert_eq!(app.me(&admin).await, StatusCode::OK, "still an admin");
    // With a second admin, the first may step down.
    let (_, _) = app.user_with_role("second", "admin").await;
    let res = admin
        .patch(app.at("/api/v1/users/1"))
        .json(&json!({"role": "viewer"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        status(admin.get(app.at("/api/v1/users"))).await,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn a_disabled_admin_does_not_count_as_the_remaining_admin() {
    let app = spawn_app().await;
    let (second, _) = app.user_with_role("second", "admin").await;
    let admin = app.admin().await;
    let res = admin
        .patch(app.at(&format!("/api/v1/users/{second}")))
        .json(&json!({"disabled": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let res = admin
        .patch(app.at("/api/v1/users/1"))
        .json(&json!({"role": "viewer"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CONFLICT);
}

#[tokio::test]
async fn the_server_function_path_manages_users_too() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let res = admin
        .post(app.at("/api/fn/create_user"))
        .form(&[
            ("username", "dora"),
            ("password", "password-1"),
            ("role", "viewer"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        StatusCode::OK,
        "{}",
        res.text().await.unwrap()
    );
    let res = admin
        .post(app.at("/api/fn/update_user"))
        .form(&[("id", "1"), ("role", "viewer")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert!(res.text().await.unwrap().contains("no active admin"));
    assert_eq!(
        app.login(&client(), "dora", "password-1").await.status(),
        StatusCode::OK
    );
}

/// Sessions are cached in memory; a role change must still apply to the very
/// next request of a session that was just used with the old role.
#[tokio::test]
async fn a_role_change_applies_to_the_next_request_of_a_live_session() {
    let app = spawn_app().await;
    let (id, bob) = app.user_with_role("bob", "admin").await;
    let admin = app.admin().await;
    let users = || bob.get(app.at("/api/v1/users"));
    assert_eq!(status(users()).await, StatusCode::OK);
    let demote = admin
        .patch(app.at(&format!("/api/v1/users/{id}")))
        .json(&json!({"role": "viewer"}));
    assert_eq!(status(demote).await, StatusCode::OK);
    assert_eq!(status(users()).await, StatusCode::FORBIDDEN);
    let promote = admin
        .patch(app.at(&format!("/api/v1/users/{id}")))
        .json(&json!({"role": "admin"}));
    assert_eq!(status(promote).await, StatusCode::OK);
    assert_eq!(status(users()).await, StatusCode::OK);
}
