//! No secret appears in a response, a log line, or the database file: data
//! sources' secrets, passwords, the session id, API tokens and share-link
//! tokens (each shown once to whoever made it, and used where it must be).

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};

use serde_json::{json, Value};

use crate::helpers::{client, text, ADMIN_PASSWORD};
use crate::peers::peers;

const ES_KEY: &str = "es-api-key-9f8e7d6c5b4a";

#[tokio::test]
async fn secrets_never_leave_the_server_or_reach_the_log() {
    let p = peers();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_lookout"))
        .args([
            "--listen",
            "127.0.0.1:0",
            "--log-format",
            "json",
            "--database",
        ])
        .arg(&db)
        .env("LOOKOUT_ADMIN_PASSWORD", ADMIN_PASSWORD)
        .env("RUST_LOG", "debug")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let log = Arc::new(Mutex::new(Vec::<String>::new()));
    for stream in [
        Box::new(child.stdout.take().unwrap()) as Box<dyn std::io::Read + Send>,
        Box::new(child.stderr.take().unwrap()),
    ] {
        let log = log.clone();
        std::thread::spawn(move || {
            BufReader::new(stream)
                .lines()
                .map_while(Result::ok)
                .for_each(|l| log.lock().unwrap().push(l))
        });
    }
    let url = loop {
        if let Some(u) = log.lock().unwrap().iter().find_map(|l| {
            serde_json::from_str::<Value>(l).ok()?["url"]
                .as_str()
                .map(str::to_owned)
        }) {
            break u;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    };

    let c = client();
    let mut bodies = Vec::new();
    let login = c
        .post(format!("{url}/api/v1/auth/login"))
        .json(&json!({"username": "admin", "password": ADMIN_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), 200);
    let mut es = p.es_input("logs");
    es["auth"] = json!("api_key");
    es["secret"] = json!(ES_KEY);
    let mut wrong = p.prometheus_input("wrong");
    wrong["secret"] = json!(format!("{}-wrong", p.prom_password));
    for input in [p.prometheus_input("prom"), es, wrong] {
        let res = c
            .post(format!("{url}/api/v1/datasources"))
            .json(&input)
            .send()
            .await
            .unwrap();
        bodies.push(res.text().await.unwrap());
    }
    for id in 1..=3 {
        bodies.push(text(c.post(format!("{url}/api/v1/datasources/{id}/test"))).await);
    }
    let mut edit = p.prometheus_input("prom");
    edit.as_object_mut().unwrap().remove("secret");
    bodies.push(text(c.put(format!("{url}/api/v1/datasources/1")).json(&edit)).await);
    bodies.push(text(c.get(format!("{url}/api/v1/datasources"))).await);
    let range = json!({"from_ms": p.now_ms - 3_600_000, "to_ms": p.now_ms});
    let q = json!({"queries": [
        {"ref_id": "a", "type": "range", "datasource": 1, "expr": "up", "range": range, "max_data_points": 10},
        {"ref_id": "b", "type": "logs", "datasource": 2, "query": "*", "range": range, "size": 1},
        {"ref_id": "c", "type": "range", "datasource": 3, "expr": "up", "range": range, "max_data_points": 10}]});
    bodies.push(text(c.post(format!("{url}/api/v1/query")).json(&q)).await);
    bodies.push(text(c.post(format!("{url}/api/fn/me"))).await);

    // A user with a password, an API token and a share link, each used.
    let user_pw = "sweep-user-password-1";
    let made = c
        .post(format!("{url}/api/v1/users"))
        .json(&json!({"username": "sweep", "password": user_pw, "role": "editor"}))
        .send()
        .await
        .unwrap();
    bodies.push(made.text().await.unwrap());
    let token_made: Value = c
        .post(format!("{url}/api/v1/tokens"))
        .json(&json!({"name": "sweep", "role": "viewer", "expires_days": 1}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let api_token = token_made["token"].as_str().unwrap().to_owned();
    let bearer = |path: &str| client().get(format!("{url}{path}")).bearer_auth(&api_token);
    for path in [
        "/api/v1/dashboards",
        "/api/v1/tokens",
        "/api/v1/auth/me",
        "/api/v1/nope",
    ] {
        bodies.push(text(bearer(path)).await);
    }
    let dashboard = json!({"kind": "Dashboard", "schemaVersion": 1,
        "metadata": {"uid": "sweep", "title": "Sweep"},
        "spec": {"panels": {"up": {"kind": "timeseries", "spec": {"datasource": "prom",
            "queries": [{"expr": "up"}]}}},
            "layout": [{"items": [{"panel": "up", "x": 0, "y": 0, "w": 24, "h": 8}]}]}});
    bodies.push(
        text(
            c.post(format!("{url}/api/v1/dashboards"))
                .json(&json!({"dashboard": dashboard})),
        )
        .await,
    );
    let share: Value = c
        .post(format!("{url}/api/v1/shares"))
        .json(&json!({"kind": "dashboard", "target": "sweep", "options": {"anonymous": true}}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let link = share["path"]
        .as_str()
        .unwrap()
        .trim_start_matches("/s/")
        .to_owned();
    bodies.push(text(c.get(format!("{url}/api/v1/shares"))).await);
    bodies.push(text(c.get(format!("{url}/api/v1/audit"))).await);
    bodies.push(text(c.get(format!("{url}/d/sweep"))).await);
    // The link's own page and images carry it (that is how they work); what
    // they answer is still swept for the other secrets.
    let mut own = vec![
        text(client().get(format!("{url}/s/{link}"))).await,
        text(
            client()
                .post(format!("{url}/api/fn/shared_panel"))
                .json(&json!({"link": link, "panel": "up", "req": {}})),
        )
        .await,
        text(client().get(format!("{url}/render/s/{link}/panel/up.svg"))).await,
    ];
    let session = c
        .post(format!("{url}/api/v1/auth/login"))
        .json(&json!({"username": "sweep", "password": user_pw}))
        .send()
        .await
        .unwrap();
    let session_id = session
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .and_then(|kv| kv.split_once('=').map(|(_, v)| v.to_owned()))
        .unwrap();
    bodies.push(session.text().await.unwrap());
    bodies.push(text(c.get(format!("{url}/explore"))).await);
    bodies.push(text(c.get(format!("{url}/metrics"))).await);

    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    child.wait().unwrap();
    assert!(
        bodies[3].contains("\"ok\":true") && bodies[5].contains("401"),
        "the secrets were used: {bodies:?}"
    );
    let log = log.lock().unwrap();
    assert!(log.len() > 10, "debug logging ran: {log:?}");
    let db_bytes = std::fs::read(&db).unwrap_or_default();
    let wal = std::fs::read(db.with_extension("db-wal")).unwrap_or_default();
    assert!(
        own[0].contains("Sweep") && own[2].starts_with("<svg"),
        "the link works"
    );
    let files = [db_bytes, wal];
    let everywhere = [
        ADMIN_PASSWORD,
        user_pw,
        session_id.as_str(),
        api_token.as_str(),
        link.as_str(),
    ];
    for secret in everywhere {
        nowhere(secret, &bodies, &log, &files);
    }
    bodies.append(&mut own);
    for secret in [p.prom_password.as_str(), ES_KEY] {
        nowhere(secret, &bodies, &log, &files);
    }
}

/// `secret` is in no response body, no log line and neither database file.
fn nowhere(secret: &str, bodies: &[String], log: &[String], files: &[Vec<u8>]) {
    for b in bodies {
        assert!(
            !b.contains(secret),
            "a response holds {secret:.6}…: {b:.300}"
        );
    }
    for l in log {
        assert!(!l.contains(secret), "a log line holds {secret:.6}…: {l}");
    }
    for file in files {
        assert!(
            !file.windows(secret.len()).any(|w| w == secret.as_bytes()),
            "the database holds {secret:.6}… in plain text"
        );
    }
}
