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

/// Starts the binary on a fresh port with `args`, returns it and its URL.
fn serve(db: &std::path::Path, args: &[&str]) -> (std::process::Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_lookout"))
        .args([
            "--listen",
            "127.0.0.1:0",
            "--log-format",
            "json",
            "--database",
        ])
        .arg(db)
        .args(args)
        .env("LOOKOUT_ADMIN_PASSWORD", "first-admin-password")
        .env("RUST_LOG", "info")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let url = lines.map_while(Result::ok).find_map(|line| {
        let event: Value = serde_json::from_str(&line).unwrap_or_default();
        event["url"].as_str().map(str::to_owned)
    });
    let Some(url) = url else {
        let _ = child.kill();
        let _ = child.wait();
        panic!("no url logged");
    };
    (child, url)
}

async fn login(url: &str, password: &str) -> reqwest::StatusCode {
    reqwest::Client::new()
        .post(format!("{url}/api/v1/auth/login"))
        .json(&serde_json::json!({"username": "admin", "password": password}))
        .send()
        .await
        .unwrap()
        .status()
}

/// Class 5: a locked-out admin recovers on the server with
/// `lookout admin reset-password`, which also lifts the lock.
#[tokio::test]
async fn a_locked_out_admin_recovers_with_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");
    let (mut child, url) = serve(&db, &[]);
    for _ in 0..5 {
        login(&url, "wrong").await;
    }
    assert_eq!(login(&url, "first-admin-password").await, 429);
    child.kill().unwrap();
    child.wait().unwrap();
    let reset = |name: &str| {
        Command::new(env!("CARGO_BIN_EXE_lookout"))
            .args(["--database"])
            .arg(&db)
            .args(["admin", "reset-password", name])
            .output()
            .unwrap()
    };
    let out = reset("Admin");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let new = text
        .split("(shown once): ")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .unwrap_or_else(|| panic!("no password printed: {text}"))
        .to_owned();
    let (mut child, url) = serve(&db, &[]);
    assert_eq!(
        login(&url, &new).await,
        200,
        "the lock is lifted and the new password works"
    );
    assert_eq!(login(&url, "first-admin-password").await, 401);
    child.kill().unwrap();
    child.wait().unwrap();
    let missing = reset("nobody");
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("there is no user"));
}

/// SIGTERM has a deadline: a request that would run on (an export from an
/// upstream that never answers) is cut after the grace period.
#[tokio::test]
async fn sigterm_cuts_long_requests_after_the_grace_period() {
    let stall = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let stall_url = format!("http://{}", stall.local_addr().unwrap());
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((sock, _)) = stall.accept().await {
            held.push(sock); // accepted, never answered
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");
    let provision = dir.path().join("ds.json");
    std::fs::write(
        &provision,
        serde_json::json!([{ "name": "slow", "kind": "elasticsearch", "url": stall_url,
            "index_pattern": "logs-*", "timeout_ms": 300000 }])
        .to_string(),
    )
    .unwrap();
    let (mut child, url) = serve(
        &db,
        &[
            "--shutdown-grace-secs",
            "1",
            "--provision-datasources",
            provision.to_str().unwrap(),
        ],
    );
    let c = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let res = c
        .post(format!("{url}/api/v1/auth/login"))
        .json(&serde_json::json!({"username": "admin", "password": "first-admin-password"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let export = tokio::spawn(
        c.get(format!(
            "{url}/api/v1/export?datasource=1&query=x&format=csv&from_ms=1000&to_ms=2000"
        ))
        .send(),
    );
    tokio::time::sleep(Duration::from_millis(500)).await;
    let started = Instant::now();
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    let status = tokio::task::spawn_blocking(move || child.wait().unwrap())
        .await
        .unwrap();
    let took = started.elapsed();
    assert!(status.success(), "{status}");
    assert!(
        took < Duration::from_secs(6),
        "exit took {took:?} with a 1 s grace"
    );
    assert!(
        took >= Duration::from_millis(900),
        "the grace period was not given: {took:?}"
    );
    let _ = export.await;
}
