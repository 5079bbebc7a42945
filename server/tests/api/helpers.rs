// Shared by the `api` and `live` test binaries; each uses a subset.
#![allow(dead_code)]

use reqwest::{redirect, Client, Response, StatusCode};
use serde_json::{json, Value};
use server::config::Config;
use server::startup::Application;

pub const ADMIN_PASSWORD: &str = "admin-test-password";
pub const USER_PASSWORD: &str = "user-password-1";

pub struct TestApp {
    pub url: String,
    pub db_path: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

pub async fn spawn_app() -> TestApp {
    spawn_with(|_| {}).await
}

/// Starts the app with a fresh database; `tweak` adjusts the config first.
pub async fn spawn_with(tweak: impl FnOnce(&mut Config)) -> TestApp {
    if std::env::var_os("TEST_LOG").is_some() {
        server::telemetry::init(server::config::LogFormat::Pretty);
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let db_path = dir.path().join("lookout.db");
    let mut config = Config::for_tests(
        db_path.clone(),
        dir.path().join("site").display().to_string(),
    );
    tweak(&mut config);
    let app = Application::build(config).await.expect("app builds");
    let url = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    TestApp {
        url,
        db_path,
        _dir: dir,
    }
}

/// A browser-like client: keeps cookies, does not follow redirects.
pub fn client() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(redirect::Policy::none())
        .build()
        .unwrap()
}

impl TestApp {
    pub fn at(&self, path: &str) -> String {
        format!("{}{}", self.url, path)
    }

    pub async fn login(&self, c: &Client, username: &str, password: &str) -> Response {
        c.post(self.at("/api/v1/auth/login"))
            .json(&json!({ "username": username, "password": password }))
            .send()
            .await
            .unwrap()
    }

    /// A client logged in as the bootstrap admin.
    pub async fn admin(&self) -> Client {
        let c = client();
        let res = self.login(&c, "admin", ADMIN_PASSWORD).await;
        assert_eq!(res.status(), StatusCode::OK, "admin login");
        c
    }

    /// Creates a user through the API as admin and returns a client logged in as them.
    pub async fn user_with_role(&self, name: &str, role: &str) -> (i64, Client) {
        let admin = self.admin().await;
        let res = admin
            .post(self.at("/api/v1/users"))
            .json(&json!({ "username": name, "password": USER_PASSWORD, "role": role }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::CREATED, "create {name}");
        let id = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
        let c = client();
        assert_eq!(
            self.login(&c, name, USER_PASSWORD).await.status(),
            StatusCode::OK
        );
        (id, c)
    }

    /// A fresh client logged in as an existing user (made by `user_with_role`).
    pub async fn login_as(&self, name: &str) -> Client {
        let c = client();
        let res = self.login(&c, name, USER_PASSWORD).await;
        assert_eq!(res.status(), StatusCode::OK, "login {name}");
        c
    }

    pub async fn me(&self, c: &Client) -> StatusCode {
        status(c.get(self.at("/api/v1/auth/me"))).await
    }
}

/// Sends a request and returns only its status.
pub async fn status(req: reqwest::RequestBuilder) -> StatusCode {
    req.send().await.unwrap().status()
}

/// Sends a request and returns its body as text.
pub async fn text(req: reqwest::RequestBuilder) -> String {
    req.send().await.unwrap().text().await.unwrap()
}

/// The `{"error": {"message"}}` of an API error response.
pub async fn error_message(res: Response) -> String {
    let body: Value = res.json().await.expect("error body is JSON");
    body["error"]["message"]
        .as_str()
        .expect("error.message")
        .to_owned()
}

/// POSTs `body` as JSON and returns the response.
pub async fn post_json(who: &Client, url: String, body: &Value) -> Response {
    who.post(url).json(body).send().await.unwrap()
}

/// Sends a request and returns its body read as JSON.
pub async fn json_of<T: serde::de::DeserializeOwned>(req: reqwest::RequestBuilder) -> T {
    req.send().await.unwrap().json().await.unwrap()
}

/// GETs `url`, asserts a 200 and returns the body read as JSON.
pub async fn get_ok<T: serde::de::DeserializeOwned>(who: &Client, url: String) -> T {
    let res = who.get(&url).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK, "{url}");
    res.json().await.unwrap()
}

/// The methods a route answers, found by asking: 405 means not this one.
pub async fn methods_at(who: &Client, url: &str) -> Vec<&'static str> {
    let mut found = Vec::new();
    for method in ["GET", "POST", "PUT", "PATCH", "DELETE"] {
        let m = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let res = who.request(m, url).send().await.unwrap();
        if res.status() != StatusCode::METHOD_NOT_ALLOWED {
            found.push(method);
        }
    }
    found
}

/// A Prometheus look-alike on `listener`: answers every request with an
/// empty vector after `delay`.
pub fn serve_empty_vector(listener: tokio::net::TcpListener, delay: std::time::Duration) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    tokio::spawn(async move {
        while let Ok((mut sock, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut buf = vec![0u8; 8192];
                let _ = sock.read(&mut buf).await;
                tokio::time::sleep(delay).await;
                let body = r#"{"status":"success","data":{"resultType":"vector","result":[]}}"#;
                let head = format!("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n", body.len());
                let _ = sock.write_all(head.as_bytes()).await;
                let _ = sock.write_all(body.as_bytes()).await;
            });
        }
    });
}
