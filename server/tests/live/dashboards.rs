//! Dashboard variables against the real Prometheus and osmem-server: hostile
//! values stay one matcher or one term, and the answers are the expected
//! ones. The browser sends only a panel id, a range and variable values.

use serde_json::{json, Value};

use crate::helpers::*;
use crate::peers::{peers, SERVICES};
use crate::queries::{data, instances, H};

const HOSTILE: [&str; 5] = [
    "\"} or vector(1) #",
    "a\") OR (*",
    "back\\slash\\",
    "new\nline",
    "q\"uote",
];

fn dashboard() -> Value {
    json!({
        "kind": "Dashboard", "schemaVersion": 1,
        "metadata": { "uid": "vars", "title": "Variables" },
        "spec": {
            "variables": [
                { "name": "instance", "kind": "custom", "spec": { "default": "host-03" } },
                { "name": "service", "kind": "textbox", "spec": { "default": "payments" } }
            ],
            "panels": {
                "cpu": { "kind": "timeseries", "spec": { "datasource": "prom",
                    "queries": [{ "expr": "demo_cpu_usage{instance=~\"$instance\"}" }] } },
                "one": { "kind": "timeseries", "spec": { "datasource": "prom",
                    "queries": [{ "expr": "demo_cpu_usage{instance=\"$instance\"}" }] } },
                "logs": { "kind": "logs", "spec": { "datasource": "logs", "options": { "size": 500 },
                    "queries": [{ "query": "service:$service" }] } }
            }
        }
    })
}

/// A fresh Lookout with the peers as data sources `prom` and `logs`,
/// `dashboard` stored by the admin, and a viewer to read it.
pub async fn with_dashboard(dashboard: Value) -> (TestApp, crate::peers::Peers, reqwest::Client) {
    let (app, p) = (spawn_app().await, peers());
    let admin = app.admin().await;
    app.add_datasource(&admin, &p.prometheus_input("prom"))
        .await;
    app.add_datasource(&admin, &p.es_input("logs")).await;
    let (_, viewer) = app.user_with_role("vera", "viewer").await;
    let res = admin
        .post(app.at("/api/v1/dashboards"))
        .json(&json!({ "dashboard": dashboard }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    (app, p, viewer)
}

#[tokio::test]
async fn variables_are_filled_on_the_server_and_cannot_change_a_query() {
    let (app, p, viewer) = with_dashboard(dashboard()).await;
    let range = json!({"from_ms": p.now_ms - H + 1, "to_ms": p.now_ms});
    let run = |panel: &'static str, vars: Value| {
        let (app, viewer, range) = (&app, &viewer, range.clone());
        async move {
            let res = viewer
                .post(app.at(&format!("/api/v1/dashboards/vars/panels/{panel}/query")))
                .json(&json!({ "range": range, "width": 200, "vars": vars }))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 200);
            res.json::<Vec<Value>>().await.unwrap().remove(0)
        }
    };
    // Defaults, one value, several, All.
    assert_eq!(instances(&run("cpu", json!({})).await), ["host-03"]);
    assert_eq!(
        instances(&run("one", json!({"instance": ["host-07"]})).await),
        ["host-07"]
    );
    assert_eq!(
        instances(&run("cpu", json!({"instance": ["host-01", "host-02"]})).await),
        ["host-01", "host-02"]
    );
    let all = instances(&run("cpu", json!({"instance": ["$__all"]})).await);
    assert!(
        all.len() >= 10 && all.contains(&"host-00".to_owned()),
        "{all:?}"
    );
    // Hostile values match nothing, in a matcher and in a regex alternation.
    for bad in HOSTILE {
        for panel in ["cpu", "one"] {
            let a = run(panel, json!({"instance": [bad]})).await;
            assert_eq!(
                instances(&a),
                Vec::<String>::new(),
                "{bad:?} in {panel}: {a}"
            );
        }
        let a = run("cpu", json!({"instance": ["host-01", bad]})).await;
        assert_eq!(instances(&a), ["host-01"], "{bad:?} with host-01");
        let a = run("logs", json!({"service": [bad]})).await;
        assert_eq!(
            data(&a)["hits"].as_array().unwrap().len(),
            0,
            "{bad:?} in Lucene: {a}"
        );
    }
    // A Lucene value is one term: the hits are exactly that service's.
    let a = run("logs", json!({})).await;
    let hits = data(&a)["hits"].as_array().unwrap();
    let expected = (0..360)
        .filter(|i| SERVICES[(i % 5) as usize] == "payments")
        .count();
    assert_eq!(hits.len(), expected);
    assert!(hits.iter().all(|h| h["fields"]["service"] == "payments"));
    // Query text from the browser is ignored: only the stored query runs.
    let res = viewer
        .post(app.at("/api/v1/dashboards/vars/panels/cpu/query"))
        .json(&json!({ "range": range, "expr": "vector(1)", "queries": [{"expr": "vector(1)"}] }))
        .send()
        .await
        .unwrap();
    let a: Vec<Value> = res.json().await.unwrap();
    assert_eq!(instances(&a[0]), ["host-03"]);
}

/// The ready-made dashboards import with their data sources mapped, and
/// every panel answers against the real peers (node-exporter included).
#[tokio::test]
async fn every_ready_made_panel_answers_against_the_real_peers() {
    let (app, p) = (spawn_app().await, peers());
    let admin = app.admin().await;
    app.add_datasource(&admin, &p.prometheus_input("Demo Prometheus"))
        .await;
    app.add_datasource(&admin, &p.es_input("Demo logs")).await;
    let (_, editor) = app.user_with_role("ed", "editor").await;
    let library: Vec<Value> = editor
        .get(app.at("/api/v1/dashboard-library"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(library.len(), 2);
    let map = json!({ "datasources": { "Prometheus": "Demo Prometheus", "Logs": "Demo logs" } });
    for item in &library {
        let id = item["id"].as_str().unwrap();
        let res = editor
            .post(app.at(&format!("/api/v1/dashboard-library/{id}")))
            .json(&map)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201, "{id}");
        let stored: Value = res.json().await.unwrap();
        let panels = stored["dashboard"]["spec"]["panels"].as_object().unwrap();
        for (panel, spec) in panels {
            let res = editor
                .post(app.at(&format!("/api/v1/dashboards/{id}/panels/{panel}/query")))
                .json(&json!({ "range": {"from_ms": p.now_ms - 6 * H, "to_ms": p.now_ms}, "width": 300 }))
                .send()
                .await
                .unwrap();
            assert_eq!(
                res.status(),
                200,
                "{id}/{panel}: {}",
                res.text().await.unwrap()
            );
            let answers: Vec<Value> = res.json().await.unwrap();
            match spec["spec"]["options"]["splitBy"].as_str() {
                // Split volumes: one histogram per value of the field, named by it.
                Some(field) => {
                    assert!(!answers.is_empty(), "{id}/{panel}");
                    let names: Vec<&str> = answers
                        .iter()
                        .map(|a| a["ref_id"].as_str().unwrap())
                        .collect();
                    if field == "level" {
                        assert!(
                            names.contains(&"error") && names.contains(&"info"),
                            "{names:?}"
                        );
                    }
                    for a in &answers {
                        assert_eq!(a["data"]["type"], "histogram", "{a}");
                    }
                }
                None => assert_eq!(
                    answers.len(),
                    spec["spec"]["queries"].as_array().map_or(0, Vec::len)
                ),
            }
            for a in answers {
                assert!(a["error"].is_null(), "{id}/{panel}: {a}");
            }
        }
        // A second import of the same one is refused, not a duplicate.
        let again = editor
            .post(app.at(&format!("/api/v1/dashboard-library/{id}")))
            .json(&map)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), 409);
    }
}

/// Panel queries keep the decoded dashboard and the data sources' names
/// between writes: a save, a rename and a deletion each show on the very
/// next panel query.
#[tokio::test]
async fn a_save_or_a_data_source_change_shows_on_the_next_panel_query() {
    let (app, p, viewer) = with_dashboard(dashboard()).await;
    let admin = app.admin().await;
    let range = json!({"from_ms": p.now_ms - H + 1, "to_ms": p.now_ms});
    let run = || async {
        let body = json!({ "range": range, "width": 200 });
        let res = post_json(
            &viewer,
            app.at("/api/v1/dashboards/vars/panels/one/query"),
            &body,
        )
        .await;
        let code = res.status();
        (code, res.json::<Value>().await.unwrap())
    };
    let first = |v: &Value| v.as_array().map(|a| a[0].clone()).unwrap_or_default();
    let (st, a) = run().await;
    assert_eq!(st, 200, "{a}");
    assert_eq!(instances(&first(&a)), ["host-03"]);

    let mut v2 = dashboard();
    v2["spec"]["panels"]["one"]["spec"]["queries"][0]["expr"] =
        json!("demo_cpu_usage{instance=\"host-01\"}");
    let url = app.at("/api/v1/dashboards/vars");
    let save = admin
        .put(&url)
        .json(&json!({ "dashboard": v2, "base_version": 1 }));
    assert_eq!(status(save).await, 200);
    let (_, a) = run().await;
    assert_eq!(instances(&first(&a)), ["host-01"], "the saved version runs");

    // The panel names its data source "prom": renamed, the name is unknown
    // at once; renamed back, it answers again.
    let sources: Vec<Value> = json_of(admin.get(app.at("/api/v1/datasources"))).await;
    let prom = sources.iter().find(|d| d["name"] == "prom").unwrap()["id"]
        .as_i64()
        .unwrap();
    let rename = |name: &'static str, version: i64| {
        let mut input = p.prometheus_input(name);
        input["version"] = json!(version);
        let (admin, app) = (&admin, &app);
        async move {
            let res = admin
                .put(app.at(&format!("/api/v1/datasources/{prom}")))
                .json(&input)
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
        }
    };
    rename("prometheus", 1).await;
    let (st, a) = run().await;
    assert_eq!(st, 400, "{a}");
    assert!(a.to_string().contains("prom"), "{a}");
    rename("prom", 2).await;
    let (_, a) = run().await;
    assert_eq!(instances(&first(&a)), ["host-01"]);

    let delete = admin.delete(app.at(&format!("/api/v1/datasources/{prom}")));
    assert!(status(delete).await.is_success());
    let (st, a) = run().await;
    assert_eq!(st, 400, "a deleted data source is unknown at once: {a}");
}
