//! The audit log: logins (and failures, with the address), role changes,
//! data-source and dashboard changes and API tokens are recorded; only
//! admins read it, filtered by user, action and time; no secret is in it.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;

async fn audit(app: &TestApp, who: &reqwest::Client, query: &str) -> Vec<Value> {
    get_ok(who, app.at(&format!("/api/v1/audit?{query}"))).await
}

fn actions(list: &[Value]) -> Vec<&str> {
    list.iter().map(|e| e["action"].as_str().unwrap()).collect()
}

#[tokio::test]
async fn who_did_what_from_where_is_recorded_and_only_admins_read_it() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let c = client();
    let failed = app.login(&c, "mallory\nadmin", "wrong-password").await;
    assert_eq!(failed.status(), StatusCode::UNAUTHORIZED);
    let (ed_id, ed) = app.user_with_role("ed", "editor").await;
    let res = admin
        .patch(app.at(&format!("/api/v1/users/{ed_id}")))
        .json(&json!({ "role": "viewer" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let secret = "ds-password-never-logged";
    let res = admin
        .post(app.at("/api/v1/datasources"))
        .json(
            &json!({ "name": "Prom", "kind": "prometheus", "url": "http://127.0.0.1:9",
            "auth": "bearer", "secret": secret }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let made: Value = admin
        .post(app.at("/api/v1/tokens"))
        .json(&json!({ "name": "ci", "role": "viewer", "expires_days": 1 }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = made["token"].as_str().unwrap();
    let used = c
        .get(app.at("/api/v1/dashboards"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(used.status(), StatusCode::OK);

    let all = audit(&app, &admin, "").await;
    let seen = actions(&all);
    for want in [
        "login",
        "login_failed",
        "user_created",
        "user_updated",
        "datasource_saved",
        "token_created",
        "token_used",
    ] {
        assert!(seen.contains(&want), "{want} missing from {seen:?}");
    }
    let fail = all.iter().find(|e| e["action"] == "login_failed").unwrap();
    assert_eq!(
        fail["target"], "mallory admin",
        "the tried name, on one line"
    );
    assert_eq!(fail["source"], "127.0.0.1");
    let change = all.iter().find(|e| e["action"] == "user_updated").unwrap();
    assert_eq!(
        (change["user"].as_str(), change["target"].as_str()),
        (Some("admin"), Some("ed"))
    );
    assert!(
        change["detail"].as_str().unwrap().contains("viewer"),
        "{change}"
    );
    let text = serde_json::to_string(&all).unwrap();
    assert!(
        !text.contains(secret) && !text.contains(&token[3..]),
        "no secret or token in the log"
    );

    // Filters: by user, action and time; an unknown action is refused.
    assert!(actions(&audit(&app, &admin, "action=login_failed").await)
        .iter()
        .all(|a| *a == "login_failed"));
    let by_ed = audit(&app, &admin, "user=ed").await;
    assert!(by_ed.iter().all(|e| e["user"] == "ed"), "{by_ed:?}");
    assert!(
        audit(&app, &admin, "from=4102444800").await.is_empty(),
        "nothing after 2100"
    );
    let page = audit(&app, &admin, "limit=2").await;
    assert_eq!(page.len(), 2);
    let before = page[1]["id"].as_i64().unwrap();
    let older = audit(&app, &admin, &format!("limit=2&before={before}")).await;
    assert!(older.iter().all(|e| e["id"].as_i64().unwrap() < before));
    let res = admin
        .get(app.at("/api/v1/audit?action=rm_rf"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);

    // Nobody else reads it.
    for who in [&ed] {
        let res = who.get(app.at("/api/v1/audit")).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
        let res = post_json(who, app.at("/api/fn/list_audit"), &json!({ "filter": {} })).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
    }
}
