//! Variable options against the real Prometheus and osmem-server: label
//! values (all, or of one metric), query results, Elasticsearch terms,
//! custom lists with a regex; a variable that depends on another is filled
//! with that one's (escaped) value; bad specs say which field is wrong.

use serde_json::{json, Value};

use crate::peers::SERVICES;
use crate::queries::H;

fn dashboard() -> Value {
    json!({
        "kind": "Dashboard", "schemaVersion": 1,
        "metadata": { "uid": "opts", "title": "Options" },
        "spec": {
            "variables": [
                { "name": "inst", "kind": "query", "spec": { "datasource": "prom",
                    "query": "label_values(demo_cpu_usage, instance)", "multi": true, "includeAll": true } },
                { "name": "dep", "kind": "query", "spec": { "datasource": "prom",
                    "query": "label_values(demo_cpu_usage{instance=~\"$inst\"}, instance)" } },
                { "name": "labels", "kind": "query", "spec": { "datasource": "prom", "query": "label_values(instance)" } },
                { "name": "count", "kind": "query", "spec": { "datasource": "prom",
                    "query": "query_result(count(demo_cpu_usage))", "regex": "/ (\\d+)$/" } },
                { "name": "svc", "kind": "query", "spec": { "datasource": "logs", "field": "service" } },
                { "name": "env", "kind": "custom", "spec": { "options": ["prod-eu", "prod-us", "staging"], "regex": "^prod" } },
                { "name": "bad", "kind": "custom", "spec": { "options": ["x"], "regex": "(" } },
                { "name": "nosuch", "kind": "query", "spec": { "datasource": "gone", "query": "label_values(job)" } },
                { "name": "odd", "kind": "query", "spec": { "datasource": "prom", "query": "label_values(a b)" } }
            ],
            "panels": {}
        }
    })
}

#[tokio::test]
async fn options_come_from_the_real_peers_and_follow_other_variables() {
    let (app, p, viewer) = crate::dashboards::with_dashboard(dashboard()).await;
    let range = json!({"from_ms": p.now_ms - 6 * H, "to_ms": p.now_ms});
    let ask = |name: &'static str, vars: Value| {
        let (app, viewer, range) = (&app, &viewer, range.clone());
        async move {
            let res = viewer
                .post(app.at(&format!("/api/v1/dashboards/opts/variables/{name}/options")))
                .json(&json!({ "range": range, "vars": vars }))
                .send()
                .await
                .unwrap();
            (res.status().as_u16(), res.json::<Value>().await.unwrap())
        }
    };
    let (status, inst) = ask("inst", json!({})).await;
    assert_eq!(status, 200, "{inst}");
    let inst: Vec<String> = serde_json::from_value(inst).unwrap();
    assert!(
        inst.len() >= 4 && inst.contains(&"host-03".to_owned()),
        "{inst:?}"
    );
    assert!(inst.windows(2).all(|w| w[0] < w[1]), "sorted, no repeats");

    // `dep` reads `inst`: one value, several, All, and a hostile one.
    let (_, one) = ask("dep", json!({ "inst": ["host-03"] })).await;
    assert_eq!(one, json!(["host-03"]));
    let (_, two) = ask("dep", json!({ "inst": ["host-01", "host-02"] })).await;
    assert_eq!(two, json!(["host-01", "host-02"]));
    let (_, all) = ask("dep", json!({ "inst": ["$__all"] })).await;
    assert_eq!(all.as_array().unwrap().len(), inst.len());
    let (status, hostile) = ask("dep", json!({ "inst": ["\"} or vector(1) #"] })).await;
    assert_eq!((status, hostile), (200, json!([])), "still one matcher");

    let (_, labels) = ask("labels", json!({})).await;
    assert!(
        labels.as_array().unwrap().iter().any(|v| v == "host-03"),
        "{labels}"
    );
    let (_, count) = ask("count", json!({})).await;
    assert_eq!(
        count,
        json!([inst.len().to_string()]),
        "query_result with the regex's group"
    );
    let (_, svc) = ask("svc", json!({})).await;
    for s in SERVICES {
        assert!(
            svc.as_array().unwrap().iter().any(|v| v == s),
            "{s} in {svc}"
        );
    }
    let (_, env) = ask("env", json!({})).await;
    assert_eq!(env, json!(["prod-eu", "prod-us"]));

    for (name, wanted) in [
        ("bad", "spec.regex"),
        ("nosuch", "no data source named \\\"gone\\\""),
        ("odd", "is not a label name"),
        ("missing", "no variable \\\"missing\\\""),
    ] {
        let (status, body) = ask(name, json!({})).await;
        assert_eq!(status, 400, "{name}: {body}");
        assert!(body.to_string().contains(wanted), "{name}: {body}");
    }
    let anonymous = reqwest::Client::new()
        .post(app.at("/api/v1/dashboards/opts/variables/inst/options"))
        .json(&json!({ "range": range }))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);
}
