//! Dashboards over the REST API: create, list, versions, diff, restore, a
//! stale save refused with nothing overwritten, delete and admin restore,
//! roles, and bad JSON named by path.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;

fn model(title: &str) -> Value {
    json!({
        "kind": "Dashboard", "schemaVersion": 1,
        "metadata": { "uid": "svc", "title": title, "tags": ["ops"] },
        "spec": {
            "panels": { "cpu": { "kind": "timeseries", "spec": { "title": "CPU", "datasource": "prom",
                "queries": [{ "expr": "up" }] } } },
            "layout": [{ "items": [{ "panel": "cpu", "x": 0, "y": 0, "w": 12, "h": 8 }] }]
        }
    })
}

/// Sends and returns the status and the JSON body (null if none).
async fn send(req: reqwest::RequestBuilder) -> (StatusCode, Value) {
    let res = req.send().await.unwrap();
    let status = res.status();
    (status, res.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn save_version_diff_restore_and_stale_saves() {
    let app = spawn_app().await;
    let (_, ed) = app.user_with_role("ed", "editor").await;
    let (_, eve) = app.user_with_role("eve", "editor").await;
    let url = app.at("/api/v1/dashboards");
    let (st, v1) = send(
        ed.post(&url)
            .json(&json!({ "dashboard": model("Service"), "message": "first" })),
    )
    .await;
    assert_eq!(st, StatusCode::CREATED, "{v1}");
    assert_eq!(v1["version"], 1);
    let (st, _) = send(ed.post(&url).json(&json!({ "dashboard": model("Again") }))).await;
    assert_eq!(st, StatusCode::CONFLICT, "the uid is taken");

    // Two editors open version 1; the first save wins, the second is refused.
    let one = app.at("/api/v1/dashboards/svc");
    let (st, v2) = send(ed.put(&one).json(
        &json!({ "dashboard": model("Service v2"), "base_version": 1, "message": "rename" }),
    ))
    .await;
    assert_eq!(st, StatusCode::OK, "{v2}");
    assert_eq!(v2["version"], 2);
    let res = eve
        .put(&one)
        .json(&json!({ "dashboard": model("Eve's edit"), "base_version": 1 }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let msg = error_message(res).await;
    assert!(
        msg.contains("saved as version 2 after you opened version 1")
            && msg.contains("save yours as a copy"),
        "{msg}"
    );
    let (_, now) = send(ed.get(&one)).await;
    assert_eq!(
        now["dashboard"]["metadata"]["title"], "Service v2",
        "nothing overwritten"
    );
    assert_eq!(now["version"], 2);

    // History, one version, diff.
    let (_, versions) = send(ed.get(format!("{one}/versions"))).await;
    let list: Vec<(i64, String)> = versions
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["version"].as_i64().unwrap(),
                v["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(list, [(2, "rename".to_owned()), (1, "first".to_owned())]);
    assert_eq!(versions[0]["author"], "ed");
    let (_, old) = send(ed.get(format!("{one}/versions/1"))).await;
    assert_eq!(old["dashboard"]["metadata"]["title"], "Service");
    let (_, changes) = send(ed.get(format!("{one}/diff?from=1&to=2"))).await;
    assert_eq!(
        changes,
        json!([{ "path": "metadata.title", "old": "Service", "new": "Service v2" }])
    );

    // Restore is a new version.
    let (st, v3) = send(
        ed.post(format!("{one}/restore"))
            .json(&json!({ "version": 1, "base_version": 2 })),
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{v3}");
    assert_eq!(v3["version"], 3);
    assert_eq!(v3["dashboard"]["metadata"]["title"], "Service");
    let (_, versions) = send(ed.get(format!("{one}/versions"))).await;
    assert_eq!(versions[0]["message"], "Restored version 1");

    // Export is git-stable: byte-identical twice, no storage fields.
    let a = text(ed.get(format!("{one}/export"))).await;
    let b = text(ed.get(format!("{one}/export"))).await;
    assert_eq!(a, b);
    assert!(!a.contains("\"version\"") && a.ends_with("}\n"), "{a}");
}

#[tokio::test]
async fn viewers_read_only_and_deletes_are_restorable_by_admins() {
    let app = spawn_app().await;
    let (_, ed) = app.user_with_role("ed", "editor").await;
    let (_, vic) = app.user_with_role("vic", "viewer").await;
    let admin = app.admin().await;
    let url = app.at("/api/v1/dashboards");
    let one = app.at("/api/v1/dashboards/svc");
    assert_eq!(
        status(vic.post(&url).json(&json!({ "dashboard": model("X") }))).await,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        status(
            ed.post(&url)
                .json(&json!({ "dashboard": model("Service") }))
        )
        .await,
        StatusCode::CREATED
    );
    let (_, list) = send(vic.get(&url)).await;
    assert_eq!(list[0]["uid"], "svc");
    assert_eq!(list[0]["tags"], json!(["ops"]));
    for req in [
        vic.put(&one)
            .json(&json!({ "dashboard": model("Y"), "base_version": 1 })),
        vic.delete(&one),
        vic.post(format!("{one}/restore"))
            .json(&json!({ "version": 1, "base_version": 1 })),
        vic.post(format!("{one}/undelete")),
        vic.get(format!("{url}?deleted=true")),
    ] {
        assert_eq!(status(req).await, StatusCode::FORBIDDEN);
    }
    assert_eq!(status(ed.delete(&one)).await, StatusCode::NO_CONTENT);
    assert_eq!(status(vic.get(&one)).await, StatusCode::NOT_FOUND);
    let (_, list) = send(vic.get(&url)).await;
    assert_eq!(list, json!([]));
    assert_eq!(
        status(ed.get(format!("{url}?deleted=true"))).await,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        status(ed.post(format!("{one}/undelete"))).await,
        StatusCode::FORBIDDEN
    );
    let (_, deleted) = send(admin.get(format!("{url}?deleted=true"))).await;
    assert_eq!(deleted[0]["uid"], "svc");
    assert!(deleted[0]["deleted_at_ms"].is_i64());
    assert_eq!(
        status(admin.post(format!("{one}/undelete"))).await,
        StatusCode::NO_CONTENT
    );
    let (_, back) = send(vic.get(&one)).await;
    assert_eq!(
        back["dashboard"]["metadata"]["title"], "Service",
        "versions kept"
    );
    assert_eq!(status(status_less(&app)).await, StatusCode::UNAUTHORIZED);
}

fn status_less(app: &TestApp) -> reqwest::RequestBuilder {
    client().get(app.at("/api/v1/dashboards"))
}

#[tokio::test]
async fn bad_dashboards_are_refused_with_the_path_and_nothing_is_stored() {
    let app = spawn_app().await;
    let (_, ed) = app.user_with_role("ed", "editor").await;
    let url = app.at("/api/v1/dashboards");
    let mut bad = model("Service");
    bad["spec"]["layout"][0]["items"][0]["panel"] = json!("ghost");
    let res = ed
        .post(&url)
        .json(&json!({ "dashboard": bad }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        error_message(res).await,
        "The dashboard is not valid: spec.layout[0].items[0].panel: \"ghost\" is not a panel of this dashboard"
    );
    let res = ed
        .post(&url)
        .header("content-type", "application/json")
        .body("{\"dashboard\": [1,")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let (_, list) = send(ed.get(&url)).await;
    assert_eq!(list, json!([]));
    // A save under another uid's URL is refused too.
    assert_eq!(
        status(ed.post(&url).json(&json!({ "dashboard": model("S") }))).await,
        StatusCode::CREATED
    );
    let res = ed
        .put(app.at("/api/v1/dashboards/other"))
        .json(&json!({ "dashboard": model("S"), "base_version": 1 }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn dashboards_can_be_provisioned_at_startup() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("dashboards.json");
    let body = json!({ "library": { "host-metrics": { "Prometheus": "Metrics" } }, "dashboards": [model("Service")] });
    std::fs::write(&file, body.to_string()).unwrap();
    let app = spawn_with(|c| c.provision_dashboards = Some(file)).await;
    let (_, vic) = app.user_with_role("vic", "viewer").await;
    let (_, list) = send(vic.get(app.at("/api/v1/dashboards"))).await;
    let uids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["uid"].as_str().unwrap())
        .collect();
    assert_eq!(uids, ["host-metrics", "svc"]);
    let (_, host) = send(vic.get(app.at("/api/v1/dashboards/host-metrics"))).await;
    assert_eq!(
        host["dashboard"]["spec"]["panels"]["cpu"]["spec"]["datasource"],
        "Metrics"
    );
    let (_, versions) = send(vic.get(app.at("/api/v1/dashboards/host-metrics/versions"))).await;
    assert_eq!(versions[0]["author"], "provisioning");
}
