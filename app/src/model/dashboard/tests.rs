use serde_json::{json, Value};

use super::*;

fn good() -> Value {
    json!({
        "kind": "Dashboard",
        "schemaVersion": 1,
        "metadata": { "uid": "host-metrics", "title": "Host metrics", "tags": ["node"] },
        "spec": {
            "time": { "from": "now-6h", "to": "now", "refresh": "30s" },
            "variables": [
                { "name": "job", "kind": "query", "spec": { "datasource": "prom", "query": "label_values(up, job)" } },
                { "name": "instance", "kind": "query", "spec": { "datasource": "prom", "query": "label_values(up{job=\"$job\"}, instance)" } }
            ],
            "panels": {
                "cpu": { "kind": "timeseries", "spec": { "title": "CPU", "datasource": "prom",
                    "queries": [{ "expr": "rate(node_cpu_seconds_total{instance=\"$instance\"}[5m])", "legend": "{{mode}}" }] } },
                "errors": { "kind": "logs", "spec": { "title": "Errors", "datasource": "logs",
                    "queries": [{ "query": "level:error" }] } },
                "notes": { "kind": "text", "spec": { "options": { "markdown": "# Hi" } } }
            },
            "layout": [
                { "title": "Overview", "items": [
                    { "panel": "cpu", "x": 0, "y": 0, "w": 12, "h": 8 },
                    { "panel": "errors", "x": 12, "y": 0, "w": 12, "h": 8 },
                    { "panel": "notes", "x": 0, "y": 8, "w": 24, "h": 4 }
                ] }
            ]
        }
    })
}

/// Applies `edit` to a good dashboard and returns the decode error's text.
fn error_after(edit: impl FnOnce(&mut Value)) -> String {
    let mut v = good();
    edit(&mut v);
    Dashboard::from_value(v).expect_err("refused").to_string()
}

#[test]
fn a_good_dashboard_decodes() {
    let d = Dashboard::from_value(good()).unwrap();
    assert_eq!(d.metadata.uid, "host-metrics");
    assert_eq!(d.spec.panels.len(), 3);
    assert_eq!(d.spec.time.timezone, "browser");
}

#[test]
fn every_bad_input_names_its_path() {
    type Edit = Box<dyn FnOnce(&mut Value)>;
    let cases: Vec<(Edit, &str)> = vec![
        (Box::new(|v| v["spec"]["panels"]["cpu"]["kind"] = json!("piechart")),
            "spec.panels.cpu.kind: unknown panel kind \"piechart\": use one of timeseries, stat, gauge, bargauge, table, logs, logvolume, text"),
        (Box::new(|v| v["spec"]["layout"][0]["items"][1]["panel"] = json!("nope")),
            "spec.layout[0].items[1].panel: \"nope\" is not a panel of this dashboard"),
        (Box::new(|v| v["spec"]["layout"][0]["items"][1]["x"] = json!(6)),
            "spec.layout[0].items[1]: overlaps spec.layout[0].items[0]"),
        (Box::new(|v| v["spec"]["layout"][0]["items"][0]["w"] = json!(30)),
            "spec.layout[0].items[0]: x + w is past the grid's 24 columns"),
        (Box::new(|v| v["spec"]["variables"][0]["spec"]["query"] = json!("label_values(up{i=\"$instance\"}, job)")),
            "spec.variables[0].spec: variables depend on each other in a circle: job → instance → job"),
        (Box::new(|v| { v["spec"]["panels"]["cpu"]["spec"]["datasource"] = Value::Null; }),
            "spec.panels.cpu.spec.queries[0].datasource: missing (set it on the query or the panel)"),
        (Box::new(|v| { v["spec"]["panels"]["cpu"]["spec"]["queries"][0].as_object_mut().unwrap().remove("expr"); }),
            "spec.panels.cpu.spec.queries[0].expr: missing"),
        (Box::new(|v| { v["metadata"].as_object_mut().unwrap().remove("title"); }),
            "metadata.title: missing"),
        (Box::new(|v| v["metadata"]["uid"] = json!("../etc")),
            "metadata.uid: \"../etc\": use 1–64 letters, digits, - or _"),
        (Box::new(|v| v["spec"]["annotations"] = json!({ "tags": ["deploy", "two\nlines"] })),
            "spec.annotations.tags[1]: use 1 to 50 characters without line breaks"),
        (Box::new(|v| v["spec"]["panels"]["cpu"]["spec"]["links"] = json!([{ "title": "x", "url": "javascript:alert(1)" }])),
            "spec.panels.cpu.spec.links[0].url: only http(s) and relative links are allowed, not \"javascript\""),
        (Box::new(|v| v["schemaVersion"] = json!(7)),
            "schemaVersion: 7 is newer than this Lookout reads (1): upgrade Lookout"),
        (Box::new(|v| v["spec"]["layout"][0]["items"][0]["w"] = json!("wide")),
            "spec.layout[0].items[0].w: invalid type: string \"wide\", expected u32"),
        (Box::new(|v| v["spec"]["variables"][1]["name"] = json!("job")),
            "spec.variables[1].name: \"job\" is defined twice"),
        (Box::new(|v| v["kind"] = json!("Panel")),
            "kind: \"Panel\": must be \"Dashboard\""),
    ];
    for (edit, expected) in cases {
        assert_eq!(error_after(edit), expected);
    }
    assert!(Dashboard::decode("{not json")
        .unwrap_err()
        .to_string()
        .starts_with("(document): not valid JSON"));
}

#[test]
fn unknown_fields_survive_a_round_trip() {
    let mut v = good();
    v["futureTop"] = json!({"a": 1});
    v["metadata"]["owner"] = json!("team-a");
    v["spec"]["panels"]["cpu"]["spec"]["fancy"] = json!([1, 2]);
    v["spec"]["panels"]["cpu"]["spec"]["queries"][0]["hide"] = json!(true);
    v["spec"]["layout"][0]["repeat"] = json!("instance");
    let d = Dashboard::from_value(v.clone()).unwrap();
    let back: Value = serde_json::from_str(&d.export()).unwrap();
    for path in [
        "/futureTop/a",
        "/metadata/owner",
        "/spec/panels/cpu/spec/fancy",
        "/spec/panels/cpu/spec/queries/0/hide",
        "/spec/layout/0/repeat",
    ] {
        assert_eq!(back.pointer(path), v.pointer(path), "{path} lost");
    }
}

#[test]
fn export_is_byte_identical_and_stable_under_key_order() {
    let d = Dashboard::from_value(good()).unwrap();
    assert_eq!(d.export(), d.export());
    // The same dashboard written with its keys in another order.
    let text = good().to_string();
    let reordered: Value = serde_json::from_str(&text).unwrap();
    let mut pairs: Vec<(String, Value)> =
        reordered.as_object().unwrap().clone().into_iter().collect();
    pairs.reverse();
    let rebuilt = format!(
        "{{{}}}",
        pairs
            .iter()
            .map(|(k, v)| format!("{}:{}", json!(k), v))
            .collect::<Vec<_>>()
            .join(",")
    );
    assert_eq!(Dashboard::decode(&rebuilt).unwrap().export(), d.export());
    // A one-field change is a one-line diff.
    let mut changed = good();
    changed["spec"]["panels"]["cpu"]["spec"]["title"] = json!("CPU busy");
    let other = Dashboard::from_value(changed).unwrap().export();
    let differing = d
        .export()
        .lines()
        .zip(other.lines())
        .filter(|(a, b)| a != b)
        .count();
    assert_eq!(differing, 1);
    assert!(
        !d.export().contains("\"version\""),
        "no storage fields in an export"
    );
}

#[test]
fn diff_lists_changed_paths_with_both_values() {
    let a = good();
    let mut b = good();
    b["spec"]["panels"]["cpu"]["spec"]["title"] = json!("CPU busy");
    b["metadata"]["tags"] = json!(["node", "infra"]);
    b["spec"]["panels"].as_object_mut().unwrap().remove("notes");
    let changes = diff(&a, &b);
    let paths: Vec<&str> = changes.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "metadata.tags[1]",
            "spec.panels.cpu.spec.title",
            "spec.panels.notes"
        ]
    );
    assert_eq!(changes[1].old, Some(json!("CPU")));
    assert_eq!(changes[1].new, Some(json!("CPU busy")));
    assert_eq!(changes[2].new, None);
}

#[test]
fn variable_mentions_respect_name_boundaries() {
    assert!(validate::mentions("x=$job", "job"));
    assert!(validate::mentions("x=${job}y", "job"));
    assert!(!validate::mentions("x=$jobs", "job"));
}
