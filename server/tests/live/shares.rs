//! Share links against the real Prometheus and osmem-server: a link runs
//! only the stored queries of what it shares, with the range and variable
//! values it allows (values from the variable's own options, never
//! substituted), needs a login unless an admin said otherwise, reaches
//! nothing else, masks every log value, and dies at once when revoked,
//! expired or its creator may no longer share.

use reqwest::Client;
use serde_json::{json, Value};

use crate::helpers::*;
use crate::peers::peers;
use crate::queries::{data, H};

/// Its range is "now-6h", not "now-1h": the peers' history ends at their
/// hour-floored `DATA_NOW`, so a 1 h range found no `instance` options (and
/// the link refused every value) once the tests ran an hour past it.
fn dashboard(uid: &str, title: &str) -> Value {
    json!({
        "kind": "Dashboard", "schemaVersion": 1,
        "metadata": { "uid": uid, "title": title },
        "spec": {
            "time": { "from": "now-6h", "to": "now" },
            "variables": [
                { "name": "instance", "kind": "query", "spec": { "datasource": "prom",
                    "query": "label_values(demo_cpu_usage, instance)", "default": "host-03",
                    "multi": true, "includeAll": true } },
                { "name": "service", "kind": "textbox", "spec": { "default": "payments" } }
            ],
            "panels": {
                "cpu": { "kind": "timeseries", "spec": { "title": "CPU", "datasource": "prom",
                    "queries": [{ "expr": "demo_cpu_usage{instance=~\"$instance\"}" }] } },
                "logs": { "kind": "logs", "spec": { "title": "Logs", "datasource": "logs",
                    "queries": [{ "query": "service:$service" }] } },
                "note": { "kind": "text", "spec": { "title": "Note",
                    "options": { "markdown": "**on call** <script>alert(1)</script>" } } }
            },
            "layout": [{ "items": [
                { "panel": "cpu", "x": 0, "y": 0, "w": 12, "h": 8 },
                { "panel": "logs", "x": 12, "y": 0, "w": 12, "h": 8 },
                { "panel": "note", "x": 0, "y": 8, "w": 24, "h": 4 }
            ] }]
        }
    })
}

async fn share(app: &TestApp, who: &Client, body: Value) -> (u16, Value) {
    let res = post_json(who, app.at("/api/v1/shares"), &body).await;
    (
        res.status().as_u16(),
        res.json().await.unwrap_or(Value::Null),
    )
}

/// Calls one of the holder's server functions.
async fn holder(app: &TestApp, who: &Client, f: &str, body: Value) -> (u16, Value) {
    let res = post_json(who, app.at(&format!("/api/fn/{f}")), &body).await;
    (
        res.status().as_u16(),
        res.json().await.unwrap_or(Value::Null),
    )
}

fn token_of(made: &Value) -> String {
    let path = made["path"].as_str().unwrap();
    path.strip_prefix("/s/").unwrap().to_owned()
}

fn instances(answer: &Value) -> Vec<String> {
    crate::queries::instances(&answer["answers"][0])
}

#[tokio::test]
async fn a_link_runs_only_what_it_shares_within_its_options() {
    let (app, p, viewer) = crate::dashboards::with_dashboard(dashboard("a", "Service A")).await;
    let admin = app.admin().await;
    let made = post_json(
        &admin,
        app.at("/api/v1/dashboards"),
        &json!({ "dashboard": dashboard("b", "Secret B") }),
    )
    .await;
    assert_eq!(made.status(), 201);
    let (_, editor) = app.user_with_role("ed", "editor").await;

    // Who may make which link.
    let opts = json!({ "allow_time": true, "max_span_days": 2, "allow_vars": true });
    let body = json!({ "kind": "dashboard", "target": "a", "options": opts });
    assert_eq!(share(&app, &viewer, body.clone()).await.0, 403);
    let anon = json!({ "kind": "dashboard", "target": "a", "options": { "anonymous": true } });
    assert_eq!(share(&app, &editor, anon).await.0, 403, "only admins");
    let bad = json!({ "kind": "dashboard", "target": "nope" });
    assert_eq!(share(&app, &editor, bad).await.0, 404);
    let extra = json!({ "kind": "dashboard", "target": "a", "query": "up" });
    assert_eq!(share(&app, &editor, extra).await.0, 400, "unknown fields");
    let (st, made) = share(&app, &editor, body).await;
    assert_eq!(st, 201, "{made}");
    let token = token_of(&made);
    assert!(token.starts_with("lks_") && token.len() == 68, "{token}");

    // Shown once: listed without it.
    let listed = text(editor.get(app.at("/api/v1/shares"))).await;
    assert!(
        listed.contains("Service A") && !listed.contains(&token),
        "{listed}"
    );

    // Anonymous: the link needs a login, and the page sends to it.
    let nobody = client();
    let (st, _) = holder(&app, &nobody, "shared_view", json!({ "link": token })).await;
    assert_eq!(st, 401);
    let page = nobody
        .get(app.at(&format!("/s/{token}")))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 303, "to the login page");
    let to = page.headers()["location"].to_str().unwrap();
    assert!(to.starts_with("/login?next=/s/lks_"), "{to}");

    // A logged-in viewer sees A and runs its stored panels.
    let (st, view) = holder(&app, &viewer, "shared_view", json!({ "link": token })).await;
    assert_eq!(st, 200, "{view}");
    assert_eq!(view["dashboard"]["metadata"]["title"], "Service A");
    let sent = view.to_string();
    for internal in [
        "demo_cpu_usage",
        "label_values",
        "service:$service",
        "\"datasource\":\"",
    ] {
        assert!(
            !sent.contains(internal),
            "the view shows {internal}: {sent}"
        );
    }
    let note = view["markdown"]["note"].as_str().unwrap();
    assert!(
        note.contains("<strong>on call</strong>") && !note.contains("<script"),
        "{note}"
    );
    let run = |req: Value| {
        let (app, viewer, token) = (&app, &viewer, token.clone());
        async move {
            let body = json!({ "link": token, "panel": "cpu", "req": req });
            holder(app, viewer, "shared_panel", body).await
        }
    };
    let (st, own) = run(json!({})).await;
    assert_eq!(st, 200, "{own}");
    assert_eq!(instances(&own), ["host-03"], "the stored default");
    let span = own["range"]["to_ms"].as_i64().unwrap() - own["range"]["from_ms"].as_i64().unwrap();
    assert_eq!(
        span,
        6 * H,
        "the dashboard's own range, resolved by the server"
    );

    // A picked range within the link's maximum; a wider one is refused.
    let day = json!({ "from_ms": p.now_ms - 24 * H, "to_ms": p.now_ms });
    assert_eq!(run(json!({ "range": day })).await.0, 200);
    let week = json!({ "from_ms": p.now_ms - 7 * 24 * H, "to_ms": p.now_ms });
    let (st, e) = run(json!({ "range": week })).await;
    assert_eq!(st, 403, "{e}");
    assert!(e.to_string().contains("up to 2 days"), "{e}");

    // Values from the variable's own options; anything else is refused.
    let (st, two) = run(json!({ "vars": { "instance": ["host-01", "host-02"] } })).await;
    assert_eq!(st, 200, "{two}");
    assert_eq!(instances(&two), ["host-01", "host-02"]);
    assert_eq!(
        run(json!({ "vars": { "instance": ["$__all"] } })).await.0,
        200
    );
    for outside in ["host-99", "\"} or vector(1) #", ".*", "host-0.*"] {
        let (st, e) = run(json!({ "vars": { "instance": [outside] } })).await;
        assert_eq!(st, 403, "{outside}: {e}");
        assert!(e.to_string().contains("not one of its options"), "{e}");
    }
    let (st, _) = run(json!({ "vars": { "service": ["search"] } })).await;
    assert_eq!(st, 403, "a text box keeps its stored value");
    let (st, _) = run(json!({ "vars": { "nope": ["x"] } })).await;
    assert_eq!(st, 400);
    let (st, opts) = holder(
        &app,
        &viewer,
        "shared_options",
        json!({ "link": token, "name": "instance", "req": {} }),
    )
    .await;
    assert_eq!(st, 200);
    assert!(opts.as_array().unwrap().len() >= 4, "{opts}");

    // No query text, no other dashboard's panels.
    let (st, _) = run(json!({ "expr": "up" })).await;
    assert_eq!(st, 400, "query text is not part of a shared request");
    let (st, _) = run(json!({ "draft": { "kind": "timeseries", "spec": {} } })).await;
    assert_eq!(st, 400);
    let body = json!({ "link": token, "panel": "secret", "req": {} });
    assert_eq!(holder(&app, &viewer, "shared_panel", body).await.0, 400);

    // A link that allows nothing refuses a range and values.
    let (_, fixed) = share(&app, &editor, json!({ "kind": "dashboard", "target": "a" })).await;
    let fixed = token_of(&fixed);
    let ask = |req: Value| {
        let body = json!({ "link": fixed, "panel": "cpu", "req": req });
        holder(&app, &viewer, "shared_panel", body)
    };
    assert_eq!(ask(json!({})).await.0, 200);
    assert_eq!(ask(json!({ "range": day })).await.0, 403);
    assert_eq!(
        ask(json!({ "vars": { "instance": ["host-01"] } })).await.0,
        403
    );
    let body = json!({ "link": fixed, "name": "instance", "req": {} });
    assert_eq!(holder(&app, &viewer, "shared_options", body).await.0, 403);

    // Revoked: dead at once, page and panels.
    let id = made["info"]["id"].as_i64().unwrap();
    assert_eq!(
        status(viewer.delete(app.at(&format!("/api/v1/shares/{id}")))).await,
        403
    );
    assert_eq!(
        status(editor.delete(app.at(&format!("/api/v1/shares/{id}")))).await,
        204
    );
    assert_eq!(run(json!({})).await.0, 401);
    let page = viewer
        .get(app.at(&format!("/s/{token}")))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 401);
    assert!(page.text().await.unwrap().contains("revoked"));
    let forged = format!("lks_{}", "0".repeat(64));
    let body = json!({ "link": forged, "panel": "cpu", "req": {} });
    assert_eq!(holder(&app, &viewer, "shared_panel", body).await.0, 401);

    // Expired, and a creator who may no longer share: dead too.
    let sql = |q: String| {
        let url = format!("sqlite://{}", app.db_path.display());
        async move {
            let mut c = <sqlx::SqliteConnection as sqlx::Connection>::connect(&url)
                .await
                .unwrap();
            sqlx::query(&q).execute(&mut c).await.unwrap();
        }
    };
    assert_eq!(ask(json!({})).await.0, 200);
    sql("UPDATE share_links SET expires_at = 1".into()).await;
    assert_eq!(ask(json!({})).await.0, 401, "expired");
    sql("UPDATE share_links SET expires_at = NULL".into()).await;
    assert_eq!(ask(json!({})).await.0, 200);
    let ed_id = sql_id(&app, "ed").await;
    let demote = admin
        .patch(app.at(&format!("/api/v1/users/{ed_id}")))
        .json(&json!({ "role": "viewer" }))
        .send()
        .await
        .unwrap();
    assert_eq!(demote.status(), 200);
    assert_eq!(ask(json!({})).await.0, 401, "its creator is a viewer now");

    // The audit log has the link's life.
    let audit = text(admin.get(app.at("/api/v1/audit"))).await;
    for action in ["share_created", "share_used", "share_revoked"] {
        assert!(audit.contains(action), "{action}: {audit}");
    }
    assert!(!audit.contains(&token[4..]), "no token in the audit log");
}

async fn sql_id(app: &TestApp, name: &str) -> i64 {
    let url = format!("sqlite://{}", app.db_path.display());
    let mut c = <sqlx::SqliteConnection as sqlx::Connection>::connect(&url)
        .await
        .unwrap();
    sqlx::query_scalar("SELECT id FROM users WHERE username = ?")
        .bind(name)
        .fetch_one(&mut c)
        .await
        .unwrap()
}

#[tokio::test]
async fn an_anonymous_link_reaches_its_search_only_and_masks_every_value() {
    let (app, p) = (spawn_app().await, peers());
    let admin = app.admin().await;
    let index = format!("sharetest-{}", std::process::id());
    // Planted at the real clock, not the peers' hour-floored DATA_NOW: the
    // saved search asks for "now-1h", which missed the oldest planted
    // documents when the test ran late in an hour.
    let now_ms = app::model::time::now_ms();
    crate::masking::load(&p.es, &index, now_ms).await;
    let mut input = p.es_input("secrets");
    input["index_pattern"] = json!(index);
    let es = app.add_datasource(&admin, &input).await;
    let saved = post_json(
        &admin,
        app.at("/api/v1/saved-queries"),
        &json!({ "name": "All of it", "mode": "logs", "datasource": es,
                 "query": "*", "from": "now-1h", "to": "now+1m" }),
    )
    .await;
    assert_eq!(saved.status(), 201);
    let id = saved.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let body = json!({ "kind": "search", "target": id.to_string(), "expires_days": 1,
                       "options": { "anonymous": true } });
    let (st, made) = share(&app, &admin, body).await;
    assert_eq!(st, 201, "{made}");
    let token = token_of(&made);

    // No login needed; the page renders.
    let nobody = client();
    let page = nobody
        .get(app.at(&format!("/s/{token}")))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let (st, view) = holder(&app, &nobody, "shared_view", json!({ "link": token })).await;
    assert_eq!(st, 200, "{view}");
    let panels = view["dashboard"]["spec"]["panels"].as_object().unwrap();
    assert!(
        panels.contains_key("logs") && panels.contains_key("volume"),
        "{view}"
    );
    let body = json!({ "link": token, "panel": "logs", "req": {} });
    let (st, logs) = holder(&app, &nobody, "shared_panel", body).await;
    assert_eq!(st, 200, "{logs}");
    let hits = data(&logs["answers"][0])["hits"].as_array().unwrap().len();
    assert_eq!(hits, crate::masking::planted(now_ms).len());
    let shown = logs.to_string();
    for (secret, _) in crate::masking::planted(now_ms) {
        assert!(
            !shown.contains(secret),
            "{secret} shown through a link made by an admin"
        );
    }

    // Nothing else is reachable with the link alone.
    for path in [
        "/api/v1/datasources",
        "/api/v1/dashboards",
        "/api/v1/saved-queries",
    ] {
        assert_eq!(status(nobody.get(app.at(path))).await, 401, "{path}");
    }
    let q = json!({ "queries": [{ "ref_id": "A", "type": "logs", "datasource": es,
        "query": "*", "range": { "from_ms": p.now_ms - H, "to_ms": p.now_ms } }] });
    assert_eq!(
        post_json(&nobody, app.at("/api/v1/query"), &q)
            .await
            .status(),
        401
    );
    let explore = nobody.get(app.at("/explore")).send().await.unwrap();
    assert_eq!(explore.status(), 303);
    let bearer = nobody
        .get(app.at("/api/v1/dashboards"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(bearer.status(), 401, "a link is not an API token");

    // Once its creator is no longer an admin, it needs a login.
    let (_, other) = app.user_with_role("root2", "admin").await;
    let me: Value = json_of(admin.get(app.at("/api/v1/auth/me"))).await;
    let demote = other
        .patch(app.at(&format!("/api/v1/users/{}", me["id"])))
        .json(&json!({ "role": "editor" }))
        .send()
        .await
        .unwrap();
    assert_eq!(demote.status(), 200);
    let (st, _) = holder(&app, &nobody, "shared_view", json!({ "link": token })).await;
    assert_eq!(st, 401);
    let (st, _) = holder(&app, &other, "shared_view", json!({ "link": token })).await;
    assert_eq!(st, 200, "still works with a login");
}
