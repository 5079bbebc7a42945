//! The route × identity matrix: every HTTP route, every server function and
//! every page, sent as each of seven identities, against the rule in the
//! table below. Routes are discovered from the running code (the router's
//! own path list, the registered server functions, the app's page routes),
//! so a route without a row fails the test, and so does a row for a route
//! that is gone. A refusal is the gate's or a role check's (401
//! unauthenticated / bad token, 403 forbidden, or a page's redirect to the
//! login); anything else (200, 400, 404, …) counts as let through.

use std::collections::BTreeSet;

use reqwest::header::{HeaderMap, HeaderValue, AUTHORIZATION};
use reqwest::{Client, Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Anonymous,
    Viewer,
    Editor,
    Admin,
    /// A share link's holder without a session, its token sent as a bearer
    /// everywhere (and in the path or body of the share routes).
    Link,
    ViewerToken,
    EditorToken,
}

const WHO: [Who; 7] = [
    Who::Anonymous,
    Who::Viewer,
    Who::Editor,
    Who::Admin,
    Who::Link,
    Who::ViewerToken,
    Who::EditorToken,
];

/// Who a route is for: a minimum level (1 viewer, 2 editor, 3 admin).
#[derive(Debug, Clone, Copy)]
enum Rule {
    /// Anyone; the identity changes nothing about being let in.
    Public,
    /// Logged-in users or API tokens at this level.
    Member(u8),
    /// Logged-in users at this level; API tokens are refused.
    Session(u8),
    /// An HTML page: sessions at this level; everyone else to the login.
    Page(u8),
    /// A share link's routes: anyone holding the (account-free) link.
    Holder,
    /// `/metrics`: its own scrape token only; sessions and API tokens get 401.
    MetricsToken,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Through,
    Unauthenticated,
    Forbidden,
    ToLogin,
}

fn expect(rule: Rule, who: Who) -> Expect {
    let level = match who {
        Who::Viewer | Who::ViewerToken => 1,
        Who::Editor | Who::EditorToken => 2,
        Who::Admin => 3,
        Who::Anonymous | Who::Link => 0,
    };
    let token = matches!(who, Who::ViewerToken | Who::EditorToken);
    let by_level = |min: u8| {
        if level >= min {
            Expect::Through
        } else {
            Expect::Forbidden
        }
    };
    match rule {
        Rule::Public | Rule::Holder => Expect::Through,
        Rule::MetricsToken => Expect::Unauthenticated,
        Rule::Member(_) | Rule::Session(_) if level == 0 => Expect::Unauthenticated,
        Rule::Member(min) => by_level(min),
        Rule::Session(_) if token => Expect::Forbidden,
        Rule::Session(min) => by_level(min),
        Rule::Page(_) if level == 0 || token => Expect::ToLogin,
        Rule::Page(min) => by_level(min),
    }
}

/// The body a row sends: JSON, a form (server functions' default), or none.
#[derive(Debug, Clone, Copy)]
enum Body {
    None,
    Json(&'static str),
    Form(&'static str),
}

use Body::{Form, Json as J};
use Rule::*;

/// Every route's row: "METHOD path" as the code declares it, who it is for,
/// and a body well-formed enough to reach the role check.
const ROWS: &[(&str, Rule, Body)] = &[
    // Outside the API.
    ("GET /healthz", Public, Body::None),
    ("GET /readyz", Public, Body::None),
    ("GET /metrics", MetricsToken, Body::None),
    ("GET /render/d/{uid}/panel/{file}", Member(1), Body::None),
    ("GET /render/s/{token}/panel/{file}", Holder, Body::None),
    // REST.
    ("POST /api/v1/auth/login", Public, J(r#"{"username":"nobody","password":"wrong-password"}"#)),
    ("POST /api/v1/auth/logout", Member(1), Body::None),
    ("GET /api/v1/auth/me", Member(1), Body::None),
    ("POST /api/v1/auth/password", Session(1), J(r#"{"current":"wrong-password","new":"new-password-123"}"#)),
    ("GET /api/v1/users", Member(3), Body::None),
    ("POST /api/v1/users", Member(3), J(r#"{"username":"made","password":"made-password-1","role":"viewer"}"#)),
    ("PATCH /api/v1/users/{id}", Member(3), J(r#"{"role":"viewer"}"#)),
    ("POST /api/v1/users/{id}/password", Member(3), J(r#"{"password":"reset-password-1"}"#)),
    ("GET /api/v1/tokens", Member(2), Body::None),
    ("POST /api/v1/tokens", Session(2), J(r#"{"name":"made","role":"viewer","expires_days":1}"#)),
    ("DELETE /api/v1/tokens/{id}", Member(2), Body::None),
    ("GET /api/v1/shares", Member(2), Body::None),
    ("POST /api/v1/shares", Member(2), J(r#"{"kind":"dashboard","target":"ghost"}"#)),
    ("DELETE /api/v1/shares/{id}", Member(2), Body::None),
    ("GET /api/v1/audit", Member(3), Body::None),
    ("GET /api/v1/annotations", Member(1), Body::None),
    ("POST /api/v1/annotations", Member(2), J(r#"{"text":"made"}"#)),
    ("DELETE /api/v1/annotations/{id}", Member(2), Body::None),
    ("GET /api/v1/datasources", Member(1), Body::None),
    ("POST /api/v1/datasources", Member(3), J(r#"{"name":"made","kind":"prometheus","url":"http://127.0.0.1:9"}"#)),
    ("PUT /api/v1/datasources/{id}", Member(3), J(r#"{"name":"made","kind":"prometheus","url":"http://127.0.0.1:9"}"#)),
    ("DELETE /api/v1/datasources/{id}", Member(3), Body::None),
    ("POST /api/v1/datasources/{id}/test", Member(3), Body::None),
    ("POST /api/v1/query", Member(1), J(r#"{"queries":[]}"#)),
    ("GET /api/v1/export", Member(1), Body::None),
    ("GET /api/v1/saved-queries", Member(1), Body::None),
    ("POST /api/v1/saved-queries", Member(2), J(r#"{"name":"made","mode":"logs","datasource":999999,"query":"*","from":"now-1h","to":"now"}"#)),
    ("DELETE /api/v1/saved-queries/{id}", Member(2), Body::None),
    ("GET /api/v1/dashboards", Member(1), Body::None),
    ("POST /api/v1/dashboards", Member(2), J(r#"{"dashboard":{"kind":"Dashboard","schemaVersion":1,"metadata":{"uid":"made","title":"Made"},"spec":{}}}"#)),
    ("GET /api/v1/dashboards/{uid}", Member(1), Body::None),
    ("PUT /api/v1/dashboards/{uid}", Member(2), J(r#"{"dashboard":{"kind":"Dashboard","schemaVersion":1,"metadata":{"uid":"ghost","title":"G"},"spec":{}},"base_version":1}"#)),
    ("DELETE /api/v1/dashboards/{uid}", Member(2), Body::None),
    ("GET /api/v1/dashboards/{uid}/versions", Member(1), Body::None),
    ("GET /api/v1/dashboards/{uid}/versions/{n}", Member(1), Body::None),
    ("GET /api/v1/dashboards/{uid}/diff", Member(1), Body::None),
    ("POST /api/v1/dashboards/{uid}/restore", Member(2), J(r#"{"version":1,"base_version":1}"#)),
    ("GET /api/v1/dashboards/{uid}/export", Member(1), Body::None),
    ("POST /api/v1/dashboards/{uid}/variables/{name}/options", Member(1), J(r#"{"range":{"from_ms":0,"to_ms":1000}}"#)),
    ("PUT /api/v1/dashboards/{uid}/star", Member(1), Body::None),
    ("DELETE /api/v1/dashboards/{uid}/star", Member(1), Body::None),
    ("GET /api/v1/dashboard-library", Member(1), Body::None),
    ("POST /api/v1/dashboard-library/{id}", Member(2), J(r#"{"datasources":{}}"#)),
    ("POST /api/v1/dashboards/{uid}/panels/{panel}/query", Member(1), J(r#"{"range":{"from_ms":0,"to_ms":1000}}"#)),
    ("POST /api/v1/dashboards/{uid}/undelete", Member(3), Body::None),
    // Server functions.
    ("POST /api/fn/login", Public, Form("username=nobody&password=wrong-password")),
    ("POST /api/fn/logout", Public, Body::None),
    ("POST /api/fn/me", Member(1), Body::None),
    ("POST /api/fn/change_password", Session(1), Form("current=wrong-password&new_password=new-password-123&confirm=new-password-123")),
    ("POST /api/fn/list_users", Member(3), Body::None),
    ("POST /api/fn/create_user", Member(3), Form("username=made2&password=made-password-1&role=viewer")),
    ("POST /api/fn/update_user", Member(3), Form("id=999999&role=viewer")),
    ("POST /api/fn/reset_password", Member(3), Form("id=999999&password=reset-password-1")),
    ("POST /api/fn/list_annotations", Member(1), J(r#"{"query":{"from_ms":0,"to_ms":1000}}"#)),
    ("POST /api/fn/list_audit", Member(3), J(r#"{"filter":{}}"#)),
    ("POST /api/fn/list_tokens", Member(2), Body::None),
    ("POST /api/fn/create_token", Session(2), J(r#"{"new":{"name":"made","role":"viewer","expires_days":1}}"#)),
    ("POST /api/fn/revoke_token", Member(2), Form("id=999999")),
    ("POST /api/fn/list_shares", Member(2), Body::None),
    ("POST /api/fn/create_share", Member(2), J(r#"{"new":{"kind":"dashboard","target":"ghost"}}"#)),
    ("POST /api/fn/revoke_share", Member(2), Form("id=999999")),
    ("POST /api/fn/shared_view", Holder, J(r#"{"link":"{token}"}"#)),
    ("POST /api/fn/shared_panel", Holder, J(r#"{"link":"{token}","panel":"p","req":{}}"#)),
    ("POST /api/fn/shared_options", Holder, J(r#"{"link":"{token}","name":"v","req":{}}"#)),
    ("POST /api/fn/list_datasources", Member(1), Body::None),
    ("POST /api/fn/save_datasource", Member(3), J(r#"{"id":999999,"input":{"name":"made","kind":"prometheus","url":"http://127.0.0.1:9"}}"#)),
    ("POST /api/fn/delete_datasource", Member(3), Form("id=999999")),
    ("POST /api/fn/test_datasource", Member(3), Form("id=999999")),
    ("POST /api/fn/run_queries", Member(1), J(r#"{"queries":[]}"#)),
    ("POST /api/fn/list_saved_queries", Member(1), Body::None),
    ("POST /api/fn/save_query", Member(2), Form("spec[name]=made2&spec[mode]=logs&spec[datasource]=999999&spec[query]=*&spec[from]=now-1h&spec[to]=now")),
    ("POST /api/fn/delete_saved_query", Member(2), Form("id=999999")),
    ("POST /api/fn/list_dashboards", Member(1), Body::None),
    ("POST /api/fn/get_dashboard", Member(1), Form("uid=ghost")),
    ("POST /api/fn/save_dashboard", Member(2), J(r#"{"uid":"ghost","input":{"dashboard":{"kind":"Dashboard","schemaVersion":1,"metadata":{"uid":"ghost","title":"G"},"spec":{}},"base_version":1,"message":""}}"#)),
    ("POST /api/fn/delete_dashboard", Member(2), Form("uid=ghost")),
    ("POST /api/fn/run_panel", Member(1), J(r#"{"uid":"ghost","panel":"p","req":{"range":{"from_ms":0,"to_ms":1000}}}"#)),
    ("POST /api/fn/variable_options", Member(1), J(r#"{"uid":"ghost","name":"v","req":{"range":{"from_ms":0,"to_ms":1000}}}"#)),
    ("POST /api/fn/star_dashboard", Member(1), J(r#"{"uid":"ghost","on":true}"#)),
    ("POST /api/fn/dashboard_versions", Member(1), J(r#"{"uid":"ghost"}"#)),
    ("POST /api/fn/diff_dashboard", Member(1), J(r#"{"uid":"ghost","from":1,"to":2}"#)),
    ("POST /api/fn/restore_dashboard", Member(2), J(r#"{"uid":"ghost","version":1,"base":1}"#)),
    ("POST /api/fn/render_markdown", Member(1), J(r#"{"text":"**x**"}"#)),
    ("POST /api/fn/list_library", Member(1), Body::None),
    ("POST /api/fn/import_library", Member(2), J(r#"{"id":"ghost","datasources":{}}"#)),
    // Pages.
    ("GET /login", Public, Body::None),
    ("GET /s/{token}", Holder, Body::None),
    ("GET /", Page(1), Body::None),
    ("GET /dashboards", Page(1), Body::None),
    ("GET /dashboards/{uid}/history", Page(1), Body::None),
    ("GET /d/{uid}", Page(1), Body::None),
    ("GET /d/{uid}/{slug}", Page(1), Body::None),
    ("GET /account", Page(1), Body::None),
    ("GET /tokens", Page(1), Body::None),
    ("GET /shares", Page(1), Body::None),
    ("GET /explore", Page(1), Body::None),
    ("GET /explore/metrics", Page(1), Body::None),
    ("GET /admin/users", Page(3), Body::None),
    ("GET /admin/audit", Page(3), Body::None),
    ("GET /admin/datasources", Page(3), Body::None),
];

/// Sample values for path parameters: nothing real is deleted or changed.
fn fill(path: &str, link: &str) -> String {
    path.replace("{uid}", "ghost")
        .replace("{id}", "999999")
        .replace("{n}", "1")
        .replace("{name}", "v")
        .replace("{panel}", "p")
        .replace("{file}", "p.svg")
        .replace("{slug}", "slug")
        .replace("{token}", link)
}

/// The routes the running code declares: the router's paths (methods found
/// by asking: 405 means none), the server functions, the pages.
async fn discovered(app: &TestApp, prober: &Client) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for path in server::startup::route_paths() {
        for method in ["GET", "POST", "PUT", "PATCH", "DELETE"] {
            let m = Method::from_bytes(method.as_bytes()).unwrap();
            let url = app.at(&fill(path, "lks_probe"));
            let res = prober.request(m, url).send().await.unwrap();
            if res.status() != StatusCode::METHOD_NOT_ALLOWED {
                found.insert(format!("{method} {path}"));
            }
        }
    }
    for (path, method) in leptos::server_fn::axum::server_fn_paths() {
        found.insert(format!("{method} {path}"));
    }
    for route in leptos_axum::generate_route_list(app::App) {
        let path = route.path().to_owned();
        found.insert(format!("GET {}", if path.is_empty() { "/" } else { &path }));
    }
    found
}

fn bearer(token: &str) -> Client {
    let mut h = HeaderMap::new();
    h.insert(
        AUTHORIZATION,
        HeaderValue::from_str(&format!("Bearer {token}")).unwrap(),
    );
    reqwest::Client::builder()
        .default_headers(h)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

async fn token(app: &TestApp, who: &Client, role: &str) -> String {
    let res = post_json(
        who,
        app.at("/api/v1/tokens"),
        &json!({ "name": role, "role": role, "expires_days": 1 }),
    )
    .await;
    res.json::<Value>().await.unwrap()["token"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// What came back, as a refusal kind or "let through".
async fn outcome(res: reqwest::Response) -> (Expect, String) {
    let status = res.status();
    let location = res
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap_or("").to_owned());
    let text = res.text().await.unwrap_or_default();
    let kind = serde_json::from_str::<Value>(&text).ok().and_then(|v| {
        let k = v.get("error").and_then(|e| e.get("kind")).or(v.get("kind"));
        k.and_then(|k| k.as_str()).map(str::to_owned)
    });
    let got = match (status.as_u16(), kind.as_deref(), location.as_deref()) {
        (401, Some("unauthenticated" | "bad_token" | "bad_link"), _) => Expect::Unauthenticated,
        // `/metrics` answers its own plain-text 401.
        (401, None, _) => Expect::Unauthenticated,
        (403, _, _) => Expect::Forbidden,
        (303 | 302 | 307, _, Some(l)) if l.starts_with("/login") => Expect::ToLogin,
        _ => Expect::Through,
    };
    (
        got,
        format!("{status} {}", text.chars().take(120).collect::<String>()),
    )
}

#[tokio::test]
async fn every_route_answers_each_identity_as_its_row_says() {
    let app = spawn_with(|c| {
        c.login_max_failures_per_address = 0;
        c.metrics_token = Some("metrics-scrape-token".into());
    })
    .await;
    let admin = app.admin().await;
    let (_, viewer) = app.user_with_role("vic", "viewer").await;
    let (_, editor) = app.user_with_role("ed", "editor").await;
    let made = post_json(
        &admin,
        app.at("/api/v1/dashboards"),
        &json!({ "dashboard": { "kind": "Dashboard", "schemaVersion": 1,
            "metadata": { "uid": "shared", "title": "Shared" }, "spec": {} } }),
    )
    .await;
    assert_eq!(made.status(), 201);
    let share = post_json(
        &admin,
        app.at("/api/v1/shares"),
        &json!({ "kind": "dashboard", "target": "shared", "options": { "anonymous": true, "allow_time": true, "allow_vars": true } }),
    )
    .await;
    let share: Value = share.json().await.unwrap();
    let link = share["path"]
        .as_str()
        .unwrap()
        .trim_start_matches("/s/")
        .to_owned();
    let prober = bearer(&token(&app, &admin, "admin").await);
    let clients = [
        client(),
        viewer,
        editor,
        admin.clone(),
        bearer(&link),
        bearer(&token(&app, &app.login_as("ed").await, "viewer").await),
        bearer(&token(&app, &app.login_as("ed").await, "editor").await),
    ];

    let found = discovered(&app, &prober).await;
    let listed: BTreeSet<String> = ROWS.iter().map(|r| r.0.to_owned()).collect();
    let missing: Vec<&String> = found.difference(&listed).collect();
    let stale: Vec<&String> = listed.difference(&found).collect();
    assert!(
        missing.is_empty(),
        "routes without a row in the matrix: {missing:#?}"
    );
    assert!(
        stale.is_empty(),
        "rows for routes that do not exist: {stale:#?}"
    );
    assert!(found.len() > 100, "only {} routes found", found.len());

    // Logouts last: they end the sessions the other rows use.
    let mut rows: Vec<_> = ROWS.iter().collect();
    rows.sort_by_key(|r| r.0.contains("logout"));
    let (mut wrong, mut through) = (Vec::new(), 0);
    for (route, rule, body) in rows {
        let (method, path) = route.split_once(' ').unwrap();
        let url = app.at(&fill(path, &link));
        for (who, c) in WHO.iter().zip(&clients) {
            let m = Method::from_bytes(method.as_bytes()).unwrap();
            let req = c.request(m, &url);
            let req = match body {
                Body::None => req,
                Body::Json(b) => req
                    .header("content-type", "application/json")
                    .body(b.replace("{token}", &link)),
                Body::Form(b) => req
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(b.to_owned()),
            };
            let (got, said) = outcome(req.send().await.unwrap()).await;
            let want = expect(*rule, *who);
            if got == Expect::Through {
                through += 1;
            }
            if got != want {
                wrong.push(format!(
                    "{route} as {who:?}: want {want:?}, got {got:?} ({said})"
                ));
            }
        }
    }
    println!(
        "matrix: {} routes × {} identities = {} cells, {through} let through",
        ROWS.len(),
        WHO.len(),
        ROWS.len() * WHO.len()
    );
    assert!(
        wrong.is_empty(),
        "{} cells differ:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
