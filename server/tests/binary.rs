//! Runs the real `lookout` binary as a user would: first start without a
//! configured password, JSON logs, and a clean stop on SIGTERM.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

#[tokio::test]
async fn first_start_prints_a_working_admin_password_once_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("data/lookout.db");
    let start = || {
        Command::new(env!("CARGO_BIN_EXE_lookout"))
            .args(["--listen", "127.0.0.1:0", "--database"])
            .arg(&db)
            .env_remove("LOOKOUT_ADMIN_PASSWORD")
            .env("RUST_LOG", "info")
            .stdout(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let mut child = start();
    let lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let (mut password, mut url) = (None, None);
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut lines = lines.map_while(Result::ok);
    while (password.is_none() || url.is_none()) && Instant::now() < deadline {
        let Some(line) = lines.next() else { break };
        let event: Value =
            serde_json::from_str(&line).unwrap_or_else(|_| panic!("log line is not JSON: {line}"));
        if let Some(p) = event["password"].as_str() {
            password = Some(p.to_owned());
        }
        if let Some(u) = event["url"].as_str() {
            url = Some(u.to_owned());
        }
    }
    let (password, url) = (password.expect("password logged"), url.expect("url logged"));

    let c = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let res = c
        .post(format!("{url}/api/v1/auth/login"))
        .json(&serde_json::json!({"username": "admin", "password": password}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);

    // SIGTERM: the process drains and exits 0.
    let pid = child.id().to_string();
    assert!(Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    let rest: Vec<String> = lines.collect();
    let status = child.wait().unwrap();
    assert!(status.success(), "exit status {status}");
    assert!(rest.iter().any(|l| l.contains("shutting down")), "{rest:?}");
    assert!(
        !rest.iter().any(|l| l.contains(&password)),
        "the password is printed only once"
    );

    // A second start on the same database creates nobody and prints no password.
    let mut again = start();
    let mut lines = BufReader::new(again.stdout.take().unwrap())
        .lines()
        .map_while(Result::ok);
    let mut seen = Vec::new();
    for line in lines.by_ref() {
        let done = line.contains("listening");
        seen.push(line);
        if done {
            break;
        }
    }
    Command::new("kill")
        .args(["-TERM", &again.id().to_string()])
        .status()
        .unwrap();
    again.wait().unwrap();
    assert!(!seen.iter().any(|l| l.contains("password")), "{seen:?}");
}
