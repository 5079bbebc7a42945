//! Per-user stars and recently viewed, and who may run an unsaved panel:
//! stars belong to the user who set them; opening a dashboard (the page's
//! server function) records a view; only editors may send a draft panel or
//! draft variables.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;

fn model(uid: &str, title: &str) -> Value {
    json!({
        "kind": "Dashboard", "schemaVersion": 1,
        "metadata": { "uid": uid, "title": title },
        "spec": {
            "panels": { "cpu": { "kind": "timeseries", "spec": { "title": "CPU", "datasource": "prom",
                "queries": [{ "expr": "up" }] } } },
            "layout": [{ "items": [{ "panel": "cpu", "x": 0, "y": 0, "w": 12, "h": 8 }] }]
        }
    })
}

async fn list(app: &TestApp, who: &reqwest::Client) -> Vec<Value> {
    who.get(app.at("/api/v1/dashboards"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

#[tokio::test]
async fn stars_are_per_user_and_drafts_are_for_editors() {
    let app = spawn_app().await;
    let (_, ed) = app.user_with_role("ed", "editor").await;
    let (_, vic) = app.user_with_role("vic", "viewer").await;
    for (uid, title) in [("a", "Alpha"), ("b", "Beta")] {
        let res = post_json(
            &ed,
            app.at("/api/v1/dashboards"),
            &json!({ "dashboard": model(uid, title) }),
        )
        .await;
        assert_eq!(res.status(), StatusCode::CREATED);
    }
    // A viewer stars "b" for themself; the editor's list is unchanged.
    let res = vic
        .put(app.at("/api/v1/dashboards/b/star"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let mine = list(&app, &vic).await;
    assert_eq!(
        mine.iter().find(|d| d["uid"] == "b").unwrap()["starred"],
        true
    );
    assert_eq!(
        mine.iter().find(|d| d["uid"] == "a").unwrap()["starred"],
        false
    );
    assert!(list(&app, &ed).await.iter().all(|d| d["starred"] == false));
    let res = vic
        .put(app.at("/api/v1/dashboards/nope/star"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = vic
        .delete(app.at("/api/v1/dashboards/b/star"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert!(list(&app, &vic).await.iter().all(|d| d["starred"] == false));

    // Opening through the page's server function records a view for that user only.
    let res = vic
        .post(app.at("/api/fn/get_dashboard"))
        .form(&[("uid", "a")])
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        StatusCode::OK,
        "{}",
        res.text().await.unwrap()
    );
    let mine = list(&app, &vic).await;
    assert!(
        mine.iter().find(|d| d["uid"] == "a").unwrap()["viewed_at_ms"]
            .as_i64()
            .is_some()
    );
    assert!(mine.iter().find(|d| d["uid"] == "b").unwrap()["viewed_at_ms"].is_null());
    assert!(list(&app, &ed)
        .await
        .iter()
        .all(|d| d["viewed_at_ms"].is_null()));

    // A draft panel (query text of one's own) is refused for a viewer; an
    // editor's is run (here it names a data source that does not exist).
    let draft = json!({ "kind": "timeseries", "spec": { "datasource": "nowhere", "queries": [{ "expr": "up" }] } });
    let body = json!({ "range": { "from_ms": 0, "to_ms": 3_600_000 }, "draft": draft });
    let res = post_json(&vic, app.at("/api/v1/dashboards/a/panels/cpu/query"), &body).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = post_json(&ed, app.at("/api/v1/dashboards/a/panels/cpu/query"), &body).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(error_message(res)
        .await
        .contains("no data source named \"nowhere\""));

    // Draft variables (the settings' preview): a viewer is refused; an
    // editor gets the unsaved variable's options; a draft that would not
    // save (a cycle) is refused with the path, and nothing is stored.
    let custom = |name: &str, query: &str| json!({ "name": name, "kind": "custom", "spec": { "query": query } });
    let body = json!({ "range": { "from_ms": 0, "to_ms": 3_600_000 },
        "variables": [custom("env", "prod, staging"), custom("zone", "$env-a, $env-b")] });
    let res = post_json(
        &vic,
        app.at("/api/v1/dashboards/a/variables/env/options"),
        &body,
    )
    .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = post_json(
        &ed,
        app.at("/api/v1/dashboards/a/variables/env/options"),
        &body,
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.json::<Vec<String>>().await.unwrap(),
        ["prod", "staging"]
    );
    let cycle = json!({ "range": { "from_ms": 0, "to_ms": 3_600_000 },
        "variables": [custom("x", "$y"), custom("y", "$x")] });
    let res = post_json(
        &ed,
        app.at("/api/v1/dashboards/a/variables/x/options"),
        &cycle,
    )
    .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let message = error_message(res).await;
    assert!(message.contains("spec.variables"), "{message}");
    let stored: Value = json_of(ed.get(app.at("/api/v1/dashboards/a"))).await;
    assert_eq!(
        stored["dashboard"]["spec"]["variables"],
        json!([]),
        "{stored}"
    );
}
