use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::*;

#[tokio::test]
async fn only_admins_manage_users_on_every_route() {
    let app = spawn_app().await;
    let (_, viewer) = app.user_with_role("vera", "viewer").await;
    let (_, editor) = app.user_with_role("eddie", "editor").await;
    let admin = app.admin().await;
    for (who, c) in [("viewer", &viewer), ("editor", &editor)] {
        let list = c.get(app.at("/api/v1/users")).send().await.unwrap();
        assert_eq!(list.status(), StatusCode::FORBIDDEN, "{who} lists users");
        assert!(error_message(list).await.contains("admin role"));
        let create = c
            .post(app.at("/api/v1/users"))
            .json(&json!({"username": "x1", "password": "password-1", "role": "admin"}))
            .send()
            .await
            .unwrap();
        assert_eq!(
            create.status(),
            StatusCode::FORBIDDEN,
            "{who} creates a user"
        );
        let promote = c
            .patch(app.at("/api/v1/users/1"))
            .json(&json!({"role": "viewer"}))
            .send()
            .await
            .unwrap();
        assert_eq!(
            promote.status(),
            StatusCode::FORBIDDEN,
            "{who} edits a user"
        );
        let reset = c
            .post(app.at("/api/v1/users/1/password"))
            .json(&json!({"password": "password-1"}))
            .send()
            .await
            .unwrap();
        assert_eq!(
            reset.status(),
            StatusCode::FORBIDDEN,
            "{who} resets a password"
        );
        // The server functions enforce the same.
        let fn_list = c.post(app.at("/api/fn/list_users")).send().await.unwrap();
        assert_eq!(
            fn_list.status(),
            StatusCode::FORBIDDEN,
            "{who} server fn list_users"
        );
        let fn_create = c
            .post(app.at("/api/fn/create_user"))
            .form(&[
                ("username", "x2"),
                ("password", "password-1"),
                ("role", "admin"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(
            fn_create.status(),
            StatusCode::FORBIDDEN,
            "{who} server fn create_user"
        );
        // Pages: the admin page is refused, the home page is not.
        let page = c.get(app.at("/admin/users")).send().await.unwrap();
        assert_eq!(page.status(), StatusCode::FORBIDDEN, "{who} admin page");
        assert!(page.text().await.unwrap().contains("needs the admin role"));
        assert_eq!(
            status(c.get(app.at("/"))).await,
            StatusCode::OK,
            "{who} home"
        );
    }
    assert_eq!(
        status(admin.get(app.at("/api/v1/users"))).await,
        StatusCode::OK
    );
    assert_eq!(
        status(admin.post(app.at("/api/fn/list_users"))).await,
        StatusCode::OK
    );
    assert_eq!(
        status(admin.get(app.at("/admin/users"))).await,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_role_change_applies_to_live_sessions_at_once() {
    let app = spawn_app().await;
    let (id, eddie) = app.user_with_role("eddie", "editor").await;
    let admin = app.admin().await;
    assert_eq!(
        status(eddie.get(app.at("/api/v1/users"))).await,
        StatusCode::FORBIDDEN
    );
    let res = admin
        .patch(app.at(&format!("/api/v1/users/{id}")))
        .json(&json!({"role": "admin"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        status(eddie.get(app.at("/api/v1/users"))).await,
        StatusCode::OK
    );
}
