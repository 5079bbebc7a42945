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
use reqwest::{Client, Method};
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

mod rows;

use rows::ROWS;

/// Sample values for path parameters: nothing real is deleted or changed.
pub fn fill(path: &str, link: &str) -> String {
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
        for method in methods_at(prober, &app.at(&fill(path, "lks_probe"))).await {
            found.insert(format!("{method} {path}"));
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

pub fn bearer(token: &str) -> Client {
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

pub async fn token(app: &TestApp, who: &Client, role: &str) -> String {
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
