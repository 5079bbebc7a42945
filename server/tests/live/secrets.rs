//! A data source's secret never appears in a response, a log line, or the
//! database file.

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
    for secret in [p.prom_password.as_str(), ES_KEY] {
        for b in &bodies {
            assert!(!b.contains(secret), "a response holds a secret: {b}");
        }
        for l in log.iter() {
            assert!(!l.contains(secret), "a log line holds a secret: {l}");
        }
        for file in [&db_bytes, &wal] {
            assert!(
                !file.windows(secret.len()).any(|w| w == secret.as_bytes()),
                "the database holds a secret in plain text"
            );
        }
    }
}
