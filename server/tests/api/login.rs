use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::*;

#[tokio::test]
async fn admin_logs_in_with_a_hardened_cookie_and_out_again() {
    let app = spawn_app().await;
    let c = client();
    let res = app.login(&c, "admin", ADMIN_PASSWORD).await;
    assert_eq!(res.status(), StatusCode::OK);
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("lookout_session="), "{cookie}");
    for flag in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(flag), "cookie lacks {flag}: {cookie}");
    }
    assert!(!cookie.contains("Secure"), "plain http must not set Secure");
    let me: serde_json::Value = c
        .get(app.at("/api/v1/auth/me"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["username"], "admin");
    assert_eq!(me["role"], "admin");

    let out = c.post(app.at("/api/v1/auth/logout")).send().await.unwrap();
    assert_eq!(out.status(), StatusCode::NO_CONTENT);
    assert!(out.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .contains("Max-Age=0"));
    assert_eq!(app.me(&c).await, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn logout_kills_the_session_on_the_server_not_just_the_cookie() {
    let app = spawn_app().await;
    let c = app.admin().await;
    // Replay the same cookie from a second client after logout.
    let res = app.login(&client(), "admin", ADMIN_PASSWORD).await;
    let token = res.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let replay = || async {
        reqwest::Client::new()
            .get(app.at("/api/v1/auth/me"))
            .header("cookie", &token)
            .send()
            .await
            .unwrap()
            .status()
    };
    assert_eq!(replay().await, StatusCode::OK);
    reqwest::Client::new()
        .post(app.at("/api/v1/auth/logout"))
        .header("cookie", &token)
        .send()
        .await
        .unwrap();
    assert_eq!(replay().await, StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.me(&c).await,
        StatusCode::OK,
        "other sessions survive a logout"
    );
}

#[tokio::test]
async fn https_behind_a_proxy_gets_a_secure_cookie() {
    let app = spawn_app().await;
    let res = client()
        .post(app.at("/api/v1/auth/login"))
        .header("x-forwarded-proto", "https")
        .json(&json!({ "username": "admin", "password": ADMIN_PASSWORD }))
        .send()
        .await
        .unwrap();
    assert!(res.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .contains("; Secure"));
}

#[tokio::test]
async fn wrong_password_and_unknown_user_answer_alike() {
    let app = spawn_app().await;
    let wrong = app.login(&client(), "admin", "not-the-password").await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    let wrong = error_message(wrong).await;
    let unknown = app.login(&client(), "nobody", "not-the-password").await;
    assert_eq!(unknown.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(error_message(unknown).await, wrong);
    assert!(wrong.contains("Wrong username or password"), "{wrong}");
}

#[tokio::test]
async fn bad_input_gets_a_clear_400_never_a_500() {
    let app = spawn_app().await;
    let c = client();
    let empty = app.login(&c, "", "").await;
    assert_eq!(empty.status(), StatusCode::BAD_REQUEST);
    assert!(error_message(empty)
        .await
        .contains("Enter both a username and a password"));

    let res = c
        .post(app.at("/api/v1/auth/login"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(error_message(res).await.contains("not valid JSON"));

    let res = c
        .post(app.at("/api/v1/auth/login"))
        .json(&json!({ "username": "admin" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(error_message(res).await.contains("password"));

    let res = c
        .post(app.at("/api/v1/auth/login"))
        .body("username=admin")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(error_message(res).await.contains("application/json"));

    let long = app.login(&c, &"a".repeat(5000), "x").await;
    assert_eq!(
        long.status(),
        StatusCode::UNAUTHORIZED,
        "over-long names are just wrong credentials"
    );

    // The server-function form path: a malformed form is a 400 with a message.
    let res = c
        .post(app.at("/api/fn/login"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("username=admin")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.text().await.unwrap().contains("malformed"));
}

#[tokio::test]
async fn the_login_form_endpoint_sets_the_cookie_and_redirects_safely() {
    let app = spawn_app().await;
    let c = client();
    let res = c
        .post(app.at("/api/fn/login"))
        .form(&[
            ("username", "admin"),
            ("password", ADMIN_PASSWORD),
            ("next", "//evil.example/"),
        ])
        .send()
        .await
        .unwrap();
    assert!(
        res.status().is_redirection() || res.status().is_success(),
        "{}",
        res.status()
    );
    let location = res
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned());
    assert_eq!(location.as_deref(), Some("/"), "never redirect off-site");
    assert_eq!(app.me(&c).await, StatusCode::OK);

    let res = client()
        .post(app.at("/api/fn/login"))
        .form(&[("username", "admin"), ("password", "nope")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn changing_the_password_logs_out_every_other_session() {
    let app = spawn_app().await;
    let a = app.admin().await;
    let b = app.admin().await;
    let wrong = a
        .post(app.at("/api/v1/auth/password"))
        .json(&json!({ "current": "nope", "new": "a-new-password" }))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::BAD_REQUEST);
    assert!(error_message(wrong)
        .await
        .contains("current password is wrong"));
    let short = a
        .post(app.at("/api/v1/auth/password"))
        .json(&json!({ "current": ADMIN_PASSWORD, "new": "short" }))
        .send()
        .await
        .unwrap();
    assert_eq!(short.status(), StatusCode::BAD_REQUEST);

    let res = a
        .post(app.at("/api/v1/auth/password"))
        .json(&json!({ "current": ADMIN_PASSWORD, "new": "a-new-password" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        app.me(&a).await,
        StatusCode::OK,
        "the changing browser keeps a fresh session"
    );
    assert_eq!(
        app.me(&b).await,
        StatusCode::UNAUTHORIZED,
        "other sessions end"
    );
    assert_eq!(
        app.login(&client(), "admin", ADMIN_PASSWORD).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.login(&client(), "admin", "a-new-password")
            .await
            .status(),
        StatusCode::OK
    );
}

/// Findings 7 and 8: `next` with a tab, a line break or other tricks is
/// never followed off-site, and never drops the connection.
#[tokio::test]
async fn login_next_stays_on_this_site_whatever_its_shape() {
    let app = spawn_app().await;
    for next in [
        "/\t/evil.example",
        "/\n/evil.example",
        "/\r\nX: y",
        "//evil.example",
        "/\\evil.example",
        "https://evil.example",
        "/ /evil.example",
        "\u{0}/x",
        "/%0d%0aX:%20y",
    ] {
        let res = client()
            .post(app.at("/api/fn/login"))
            .form(&[
                ("username", "admin"),
                ("password", ADMIN_PASSWORD),
                ("next", next),
            ])
            .send()
            .await
            .unwrap_or_else(|e| panic!("{next:?}: the server dropped the connection: {e}"));
        assert!(
            res.status().is_redirection() || res.status().is_success(),
            "{next:?}: {}",
            res.status()
        );
        let location = res
            .headers()
            .get("location")
            .map(|l| l.to_str().unwrap().to_owned());
        let location = location.unwrap_or_else(|| "/".into());
        assert!(
            location == "/"
                || (location.starts_with('/')
                    && !location.starts_with("//")
                    && location
                        .bytes()
                        .all(|b| (0x21..0x7f).contains(&b) && b != b'\\')),
            "{next:?} → {location:?}"
        );
    }
}
