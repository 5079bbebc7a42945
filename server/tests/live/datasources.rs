use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;
use crate::peers::peers;

#[tokio::test]
async fn admin_adds_both_kinds_and_save_and_test_succeeds() {
    let (app, p) = (spawn_app().await, peers());
    let admin = app.admin().await;
    for (input, expect) in [
        (p.prometheus_input("prom"), "Prometheus API OK, version 2."),
        (p.es_input("logs"), "OpenSearch "),
    ] {
        let id = app.add_datasource(&admin, &input).await;
        let res = admin
            .post(app.at(&format!("/api/v1/datasources/{id}/test")))
            .send()
            .await
            .unwrap();
        let outcome: Value = res.json().await.unwrap();
        assert_eq!(outcome["ok"], true, "{outcome}");
        assert!(
            outcome["message"].as_str().unwrap().starts_with(expect),
            "{outcome}"
        );
    }
}

#[tokio::test]
async fn wrong_url_wrong_password_and_down_server_each_say_why() {
    let (app, p) = (spawn_app().await, peers());
    let admin = app.admin().await;
    let mut wrong_pw = p.prometheus_input("wrong password");
    wrong_pw["secret"] = json!("not-the-password");
    let mut down = p.prometheus_input("down");
    down["url"] = json!("http://127.0.0.1:9");
    let mut es_at_wrong_path = p.es_input("wrong path");
    es_at_wrong_path["url"] = json!(format!("{}/not/here/", p.es));
    let mut prom_at_es = p.prometheus_input("wrong server");
    prom_at_es["url"] = json!(p.es);
    for (input, needle) in [
        (wrong_pw, "refused the credentials (HTTP 401)"),
        (down, "cannot connect"),
        (
            es_at_wrong_path,
            "does not answer like Elasticsearch or OpenSearch",
        ),
        (prom_at_es, "does not answer like a Prometheus API"),
    ] {
        let id = app.add_datasource(&admin, &input).await;
        let outcome: Value = admin
            .post(app.at(&format!("/api/v1/datasources/{id}/test")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(outcome["ok"], false, "{outcome}");
        let msg = outcome["message"].as_str().unwrap();
        assert!(msg.contains(needle), "{input}: {msg}");
    }
}

#[tokio::test]
async fn bad_settings_are_refused_with_a_reason() {
    let (app, p) = (spawn_app().await, peers());
    let admin = app.admin().await;
    let mut no_secret = p.prometheus_input("x");
    no_secret.as_object_mut().unwrap().remove("secret");
    let cases = [
        (
            json!({"name": "x", "kind": "prometheus", "url": "ftp://host"}),
            "http:// or https://",
        ),
        (
            json!({"name": "x", "kind": "prometheus", "url": "not a url"}),
            "not valid",
        ),
        (
            json!({"name": "", "kind": "prometheus", "url": "http://h"}),
            "Name is empty",
        ),
        (
            json!({"name": "x", "kind": "graphite", "url": "http://h"}),
            "unknown variant `graphite`",
        ),
        (
            json!({"name": "x", "kind": "prometheus", "url": "http://h", "timeout_ms": 5}),
            "Timeout",
        ),
        (no_secret, "needs a secret"),
    ];
    for (input, needle) in cases {
        let msg = app.refused_datasource(&admin, &input).await;
        assert!(msg.contains(needle), "{input}: {msg}");
    }
    let id = app.add_datasource(&admin, &p.es_input("dup")).await;
    let dup = admin
        .post(app.at("/api/v1/datasources"))
        .json(&p.es_input("DUP"))
        .send()
        .await
        .unwrap();
    assert_eq!(dup.status(), StatusCode::CONFLICT);
    assert_eq!(
        status(admin.delete(app.at(&format!("/api/v1/datasources/{id}")))).await,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        status(admin.delete(app.at(&format!("/api/v1/datasources/{id}")))).await,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn stale_saves_are_refused_and_an_omitted_secret_is_kept() {
    let (app, p) = (spawn_app().await, peers());
    let admin = app.admin().await;
    let id = app
        .add_datasource(&admin, &p.prometheus_input("prom"))
        .await;
    let mut edit = p.prometheus_input("prom renamed");
    edit.as_object_mut().unwrap().remove("secret");
    edit["version"] = json!(1);
    let res = admin
        .put(app.at(&format!("/api/v1/datasources/{id}")))
        .json(&edit)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let saved: Value = res.json().await.unwrap();
    assert_eq!(
        (saved["version"].as_i64(), saved["has_secret"].as_bool()),
        (Some(2), Some(true))
    );
    let stale = admin
        .put(app.at(&format!("/api/v1/datasources/{id}")))
        .json(&edit)
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status(), StatusCode::CONFLICT);
    assert!(error_message(stale).await.contains("Someone else saved"));
    let outcome: Value = admin
        .post(app.at(&format!("/api/v1/datasources/{id}/test")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        outcome["ok"], true,
        "the kept secret still works: {outcome}"
    );
    let list = app.datasources(&admin).await;
    assert_eq!(list[0]["name"], "prom renamed");
}

#[tokio::test]
async fn viewers_query_but_cannot_manage_or_see_urls() {
    let (app, p) = (spawn_app().await, peers());
    let admin = app.admin().await;
    let id = app.add_datasource(&admin, &p.es_input("logs")).await;
    let (_, viewer) = app.user_with_role("vera", "viewer").await;
    let list = app.datasources(&viewer).await;
    assert_eq!(list[0]["name"], "logs");
    assert_eq!(list[0]["url"], "", "viewers do not learn upstream URLs");
    for res in [
        viewer
            .post(app.at("/api/v1/datasources"))
            .json(&p.es_input("mine"))
            .send()
            .await
            .unwrap(),
        viewer
            .put(app.at(&format!("/api/v1/datasources/{id}")))
            .json(&p.es_input("x"))
            .send()
            .await
            .unwrap(),
        viewer
            .delete(app.at(&format!("/api/v1/datasources/{id}")))
            .send()
            .await
            .unwrap(),
        viewer
            .post(app.at(&format!("/api/v1/datasources/{id}/test")))
            .send()
            .await
            .unwrap(),
    ] {
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
    }
    let results = app
        .query(
            &viewer,
            json!([{ "ref_id": "A", "type": "fields", "datasource": id }]),
        )
        .await;
    assert!(results[0]["data"].is_object(), "{}", results[0]);
    let anon = client()
        .post(app.at("/api/v1/query"))
        .json(&json!({"queries": []}))
        .send()
        .await
        .unwrap();
    assert_eq!(anon.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn provisioning_creates_then_updates_by_name_across_restarts() {
    let p = peers();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("datasources.json");
    let mut prom = p.prometheus_input("Demo Prometheus");
    let mut logs = p.es_input("Demo logs");
    logs["metrics_link"] =
        json!({"datasource_name": "demo prometheus", "template": "up{job=\"${service}\"}"});
    std::fs::write(&file, json!([prom, logs]).to_string()).unwrap();
    let db = dir.path().join("lookout.db");
    let (f, d) = (file.clone(), db.clone());
    let app = spawn_with(move |c| {
        c.provision_datasources = Some(f);
        c.database = d;
    })
    .await;
    let admin = app.admin().await;
    let list = app.datasources(&admin).await;
    assert_eq!(list.len(), 2);
    let logs = list.iter().find(|d| d["name"] == "Demo logs").unwrap();
    assert_eq!(
        logs["metrics_link"]["datasource"], 1,
        "the link's name became an id"
    );
    assert_eq!(
        logs["context_fields"],
        json!(["service", "host"]),
        "the default key fields"
    );
    let outcome: Value = admin
        .post(app.at("/api/v1/datasources/1/test"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(outcome["ok"], true, "{outcome}");

    prom["timeout_ms"] = json!(1234);
    std::fs::write(&file, json!([prom]).to_string()).unwrap();
    let again = spawn_with(move |c| {
        c.provision_datasources = Some(file);
        c.database = db;
    })
    .await;
    let admin = again.admin().await;
    let list = again.datasources(&admin).await;
    assert_eq!(list.len(), 2, "updated by name, not duplicated");
    let prom = list
        .iter()
        .find(|d| d["name"] == "Demo Prometheus")
        .unwrap();
    assert_eq!(prom["timeout_ms"], 1234);
}

#[tokio::test]
async fn a_metrics_link_must_point_at_a_prometheus_source() {
    let (app, p) = (spawn_app().await, peers());
    let admin = app.admin().await;
    let es = app.add_datasource(&admin, &p.es_input("logs")).await;
    for (target, template) in [(es, "up"), (99, "up"), (es, " ")] {
        let mut input = p.es_input("linked");
        input["metrics_link"] = json!({"datasource": target, "template": template});
        let message = app.refused_datasource(&admin, &input).await;
        assert!(message.contains("metrics link"), "{message}");
    }
    assert_eq!(app.datasources(&admin).await.len(), 1, "nothing half-saved");
}
