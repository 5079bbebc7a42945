//! Finding 1 and its class: the server talks only to the data source it was
//! configured with. A viewer's per-query index (through the query API and
//! the export) is tried in many shapes; a listener on another port must see
//! nothing, and the data source's own host only its own search paths.

use std::sync::{Arc, Mutex};

use reqwest::{Client, StatusCode};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use crate::helpers::*;

const EMPTY_SEARCH: &str =
    r#"{"took":1,"timed_out":false,"hits":{"total":{"value":0,"relation":"eq"},"hits":[]}}"#;

/// A listener that records each request's first line and headers, and
/// answers every request with `reply` (status line and headers included).
async fn listener(reply: String) -> (u16, Arc<Mutex<Vec<String>>>) {
    let l = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = l.local_addr().unwrap().port();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let keep = seen.clone();
    tokio::spawn(async move {
        while let Ok((mut sock, _)) = l.accept().await {
            let keep = keep.clone();
            let reply = reply.clone();
            tokio::spawn(async move {
                let mut buf = vec![0u8; 16384];
                let n = sock.read(&mut buf).await.unwrap_or(0);
                keep.lock()
                    .unwrap()
                    .push(String::from_utf8_lossy(&buf[..n]).into_owned());
                let _ = sock.write_all(reply.as_bytes()).await;
            });
        }
    });
    (port, seen)
}

fn ok(body: &str) -> String {
    format!("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}", body.len())
}

/// Index values an attacker would try, aimed at `port`.
fn shapes(port: u16) -> Vec<String> {
    [
        "http:127.0.0.1:PORT",
        "https:127.0.0.1:PORT",
        "//127.0.0.1:PORT",
        "///127.0.0.1:PORT",
        "http://127.0.0.1:PORT/",
        "@127.0.0.1:PORT",
        "x@127.0.0.1:PORT",
        "../",
        "../../x",
        "..",
        "%2e%2e",
        "%2e%2e/_cluster",
        "logs?x=1",
        "logs#x",
        "logs/../../_cluster/settings",
        "\\\\127.0.0.1:PORT",
        "logs-*,http:127.0.0.1:PORT",
        "logs-\r\nHost: 127.0.0.1:PORT",
        "_all",
        ".security",
        "logs-*,.kibana",
        "*",
    ]
    .iter()
    .map(|s| s.replace("PORT", &port.to_string()))
    .collect()
}

type Seen = Arc<Mutex<Vec<String>>>;

async fn setup(extra: Value) -> (TestApp, Client, i64, Seen, Seen, u16) {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (ds_port, ds_seen) = listener(ok(EMPTY_SEARCH)).await;
    let (evil_port, evil_seen) = listener(ok(EMPTY_SEARCH)).await;
    let mut input = json!({ "name": "Logs", "kind": "elasticsearch",
        "url": format!("http://127.0.0.1:{ds_port}"), "auth": "bearer", "secret": "ds-secret-token",
        "index_pattern": "logs-*" });
    for (k, v) in extra.as_object().unwrap() {
        input[k] = v.clone();
    }
    let res = admin
        .post(app.at("/api/v1/datasources"))
        .json(&input)
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        StatusCode::CREATED,
        "{}",
        res.text().await.unwrap()
    );
    let id = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let (_, viewer) = app.user_with_role("vic", "viewer").await;
    (app, viewer, id, ds_seen, evil_seen, evil_port)
}

/// POSTs `body` and returns the answer's JSON, whatever its status.
async fn post_json(c: &Client, url: &str, body: &Value) -> Value {
    c.post(url)
        .json(body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

async fn try_all(app: &TestApp, viewer: &Client, id: i64, evil_port: u16) {
    let now = 1_795_000_000_000_i64;
    for index in shapes(evil_port) {
        let q = json!({ "queries": [{ "ref_id": "A", "type": "logs", "datasource": id, "query": "x",
            "range": {"from_ms": now - 3_600_000, "to_ms": now}, "index": index }] });
        let res = viewer
            .post(app.at("/api/v1/query"))
            .json(&q)
            .send()
            .await
            .unwrap();
        assert!(
            res.status().is_success() || res.status() == 400,
            "{index:?}: {}",
            res.status()
        );
        let export = viewer
            .get(app.at("/api/v1/export"))
            .query(&[
                ("datasource", id.to_string()),
                ("query", "x".into()),
                ("format", "csv".into()),
                ("from_ms", (now - 3_600_000).to_string()),
                ("to_ms", now.to_string()),
                ("index", index.clone()),
            ])
            .send()
            .await
            .unwrap();
        assert_ne!(
            export.status(),
            StatusCode::INTERNAL_SERVER_ERROR,
            "{index:?}"
        );
    }
}

fn assert_only_own_paths(ds_seen: &Mutex<Vec<String>>, evil_seen: &Mutex<Vec<String>>) {
    let evil = evil_seen.lock().unwrap();
    assert!(evil.is_empty(), "another host was contacted: {evil:?}");
    for req in ds_seen.lock().unwrap().iter() {
        let line = req.lines().next().unwrap_or_default();
        let path = line.split(' ').nth(1).unwrap_or_default();
        let index = path
            .strip_prefix('/')
            .and_then(|p| p.strip_suffix("/_search"));
        assert!(
            index.is_some_and(|i| !i.is_empty()
                && !i.contains(['/', '?', '#', '@', '\\', ':'])
                && !i.starts_with(['.', '_', '%'])
                && !i.contains("%2")),
            "the data source saw a path outside its own: {line}"
        );
        assert!(
            req.contains("authorization: Bearer ds-secret-token"),
            "{req}"
        );
    }
}

#[tokio::test]
async fn a_per_query_index_never_reaches_another_host_or_path() {
    let (app, viewer, id, ds_seen, evil_seen, evil_port) = setup(json!({})).await;
    try_all(&app, &viewer, id, evil_port).await;
    assert_only_own_paths(&ds_seen, &evil_seen);
    // A narrowing index still works.
    let q = json!({ "queries": [{ "ref_id": "A", "type": "logs", "datasource": id, "query": "x",
        "range": {"from_ms": 1_000, "to_ms": 2_000}, "index": "logs-payments" }] });
    let r = post_json(&viewer, &app.at("/api/v1/query"), &q).await;
    assert!(r["results"][0]["error"].is_null(), "{r}");
    assert!(
        ds_seen
            .lock()
            .unwrap()
            .iter()
            .any(|r| r.starts_with("POST /logs-payments/_search ")),
        "{:?}",
        ds_seen.lock().unwrap()
    );
}

#[tokio::test]
async fn even_with_any_index_allowed_the_grammar_and_encoding_hold() {
    let (app, viewer, id, ds_seen, evil_seen, evil_port) =
        setup(json!({ "allow_any_index": true, "index_pattern": null })).await;
    try_all(&app, &viewer, id, evil_port).await;
    assert_only_own_paths(&ds_seen, &evil_seen);
}

#[tokio::test]
async fn an_upstream_redirect_is_not_followed() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (evil_port, evil_seen) = listener(ok(EMPTY_SEARCH)).await;
    let redirect = format!("HTTP/1.1 307 Temporary Redirect\r\nlocation: http://127.0.0.1:{evil_port}/logs-x/_search\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
    let (ds_port, _) = listener(redirect).await;
    let input = json!({ "name": "Logs", "kind": "elasticsearch", "url": format!("http://127.0.0.1:{ds_port}"),
        "auth": "bearer", "secret": "ds-secret-token", "index_pattern": "logs-*" });
    let id = post_json(&admin, &app.at("/api/v1/datasources"), &input).await["id"]
        .as_i64()
        .unwrap();
    let q = json!({ "queries": [{ "ref_id": "A", "type": "logs", "datasource": id, "query": "x",
        "range": {"from_ms": 1_000, "to_ms": 2_000} }] });
    let r = post_json(&admin, &app.at("/api/v1/query"), &q).await;
    assert!(
        !r["results"][0]["error"].is_null(),
        "a redirect is an error, not followed: {r}"
    );
    assert!(
        evil_seen.lock().unwrap().is_empty(),
        "the redirect was followed"
    );
}
