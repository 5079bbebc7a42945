use std::time::Duration;

use reqwest::StatusCode;

use crate::helpers::*;

async fn fail_five_times(app: &TestApp, username: &str) {
    for i in 0..5 {
        let res = app.login(&client(), username, "wrong-password").await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "attempt {i}");
    }
}

#[tokio::test]
async fn five_failures_lock_the_user_even_against_the_right_password() {
    let app = spawn_app().await;
    let (_, carol) = app.user_with_role("carol", "viewer").await;
    let admin = app.admin().await;
    fail_five_times(&app, "admin").await;
    let res = app.login(&client(), "admin", ADMIN_PASSWORD).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=300).contains(&retry), "retry-after {retry}");
    assert!(error_message(res).await.contains("Too many failed logins"));
    // Sessions opened before the lock live on; other users can still log in.
    assert_eq!(app.me(&admin).await, StatusCode::OK);
    assert_eq!(app.me(&carol).await, StatusCode::OK);
    assert_eq!(
        app.login(&client(), "carol", USER_PASSWORD).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_guard_does_not_reveal_whether_a_user_exists() {
    let app = spawn_app().await;
    fail_five_times(&app, "admin").await;
    fail_five_times(&app, "ghost").await;
    let real = app.login(&client(), "admin", "x").await;
    let ghost = app.login(&client(), "ghost", "x").await;
    assert_eq!(real.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(ghost.status(), StatusCode::TOO_MANY_REQUESTS);
    // Identical but for the countdown, which may tick between the two calls.
    let no_digits = |m: String| m.replace(|c: char| c.is_ascii_digit(), "");
    assert_eq!(
        no_digits(error_message(real).await),
        no_digits(error_message(ghost).await)
    );
}

#[tokio::test]
async fn the_lock_lifts_when_the_window_passes() {
    let app = spawn_with(|c| c.login_window_secs = 2).await;
    fail_five_times(&app, "Admin").await; // usernames are case-insensitive
    assert_eq!(
        app.login(&client(), "admin", ADMIN_PASSWORD).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    tokio::time::sleep(Duration::from_millis(2200)).await;
    assert_eq!(
        app.login(&client(), "admin", ADMIN_PASSWORD).await.status(),
        StatusCode::OK
    );
}

/// Finding 5: the guard is atomic. 30 parallel wrong passwords for one user
/// give at most 5 answers that are not 429, for real and unknown names alike.
#[tokio::test]
async fn parallel_wrong_passwords_cannot_race_the_guard() {
    let app = spawn_app().await;
    for name in ["admin", "nobody-at-all"] {
        let attempts = (0..30).map(|_| {
            let app = &app;
            async move { app.login(&client(), name, "wrong-password").await.status() }
        });
        let statuses = futures_util::future::join_all(attempts).await;
        let passed = statuses
            .iter()
            .filter(|s| **s != StatusCode::TOO_MANY_REQUESTS)
            .count();
        assert!(
            passed <= 5,
            "{name}: {passed} of 30 got past the guard: {statuses:?}"
        );
        assert!(
            statuses
                .iter()
                .all(|s| *s == StatusCode::UNAUTHORIZED || *s == StatusCode::TOO_MANY_REQUESTS),
            "{statuses:?}"
        );
    }
}

/// Changing the password checks the old one under the same guard, so a
/// stolen session cannot guess it.
#[tokio::test]
async fn password_change_guesses_are_limited_too() {
    let app = spawn_app().await;
    let (_, carol) = app.user_with_role("carol", "viewer").await;
    let mut codes = Vec::new();
    for i in 0..8 {
        let res = carol
            .post(app.at("/api/v1/auth/password"))
            .json(
                &serde_json::json!({ "current": format!("guess-{i}"), "new": "a-new-password-1" }),
            )
            .send()
            .await
            .unwrap();
        codes.push(res.status());
    }
    assert_eq!(codes[7], StatusCode::TOO_MANY_REQUESTS, "{codes:?}");
}

/// Class 5: random usernames from one address are bounded too.
#[tokio::test]
async fn many_made_up_names_from_one_address_are_limited() {
    let app = spawn_with(|c| c.login_max_failures_per_address = 8).await;
    let mut codes = Vec::new();
    for i in 0..12 {
        codes.push(
            app.login(&client(), &format!("made-up-{i}"), "x")
                .await
                .status(),
        );
    }
    assert!(
        codes[..8].iter().all(|s| *s == StatusCode::UNAUTHORIZED),
        "{codes:?}"
    );
    assert!(
        codes[8..]
            .iter()
            .all(|s| *s == StatusCode::TOO_MANY_REQUESTS),
        "{codes:?}"
    );
    // The address is blocked for every name, the real ones too.
    assert_eq!(
        app.login(&client(), "admin", ADMIN_PASSWORD).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
}
