use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

use crate::helpers::TestApp;

/// Where the peers are, from `scripts/peers.sh`'s `peers.env`.
pub struct Peers {
    pub prom: String,
    pub prom_user: String,
    pub prom_password: String,
    pub es: String,
    /// The hour-aligned "now" the data was generated for, in ms.
    pub now_ms: i64,
    pub docs: i64,
}

pub fn peers() -> Peers {
    let var = |k: &str| {
        std::env::var(k).unwrap_or_else(|_| {
            panic!("{k} is not set. The live tests need the real peers: run scripts/test.sh, or `scripts/peers.sh start target/peers && set -a && . target/peers/peers.env && set +a` first")
        })
    };
    Peers {
        prom: var("PROM_URL"),
        prom_user: var("PROM_USER"),
        prom_password: var("PROM_PASSWORD"),
        es: var("ES_URL"),
        now_ms: var("DATA_NOW").parse::<i64>().unwrap() * 1000,
        docs: var("DATA_DOCS").parse().unwrap(),
    }
}

/// Generator rules (see scripts/gen_data.py).
pub const SERVICES: [&str; 5] = ["checkout", "payments", "search", "auth", "inventory"];
pub const HOURS: i64 = 26;

pub fn cpu(instance: i64, step: i64) -> f64 {
    if instance == 0 && step % 1000 == 0 {
        return 0.99;
    }
    ((((instance * 7 + step) % 100) as f64 / 200.0 + 0.1) * 10_000.0).round() / 10_000.0
}

impl Peers {
    pub fn prometheus_input(&self, name: &str) -> Value {
        json!({ "name": name, "kind": "prometheus", "url": self.prom, "auth": "basic",
                "basic_username": self.prom_user, "secret": self.prom_password,
                "timeout_ms": 10000, "scrape_interval_secs": 15 })
    }

    pub fn es_input(&self, name: &str) -> Value {
        json!({ "name": name, "kind": "elasticsearch", "url": self.es, "index_pattern": "logs-*",
                "time_field": "@timestamp", "timeout_ms": 10000 })
    }

    /// Generated data starts here (ms).
    pub fn data_start_ms(&self) -> i64 {
        self.now_ms - HOURS * 3_600_000
    }
}

impl TestApp {
    async fn post_datasource(&self, admin: &Client, input: &Value) -> reqwest::Response {
        let url = self.at("/api/v1/datasources");
        admin.post(url).json(input).send().await.unwrap()
    }

    pub async fn add_datasource(&self, admin: &Client, input: &Value) -> i64 {
        let res = self.post_datasource(admin, input).await;
        assert_eq!(
            res.status(),
            StatusCode::CREATED,
            "{}",
            res.text().await.unwrap()
        );
        res.json::<Value>().await.unwrap()["id"].as_i64().unwrap()
    }

    /// Sends a data source that must be refused with 400; the message.
    pub async fn refused_datasource(&self, admin: &Client, input: &Value) -> String {
        let res = self.post_datasource(admin, input).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{input}");
        crate::helpers::error_message(res).await
    }

    pub async fn datasources(&self, c: &Client) -> Vec<Value> {
        c.get(self.at("/api/v1/datasources"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    /// Runs a batch and returns its `results`.
    pub async fn query(&self, c: &Client, queries: Value) -> Vec<Value> {
        let res = c
            .post(self.at("/api/v1/query"))
            .json(&json!({ "queries": queries }))
            .send()
            .await
            .unwrap();
        assert_eq!(
            res.status(),
            StatusCode::OK,
            "{}",
            res.text().await.unwrap()
        );
        res.json::<Value>().await.unwrap()["results"]
            .as_array()
            .unwrap()
            .clone()
    }
}
