//! Lookout's benchmarks, run by `bench/run.sh` against the release build and
//! the real peers. Every number is a ratio against a baseline measured in
//! the same run: the same query straight to the upstream.

mod stats;

use anyhow::{bail, Context};
use app::model::TimeRange;
use reqwest::Client;
use serde_json::{json, Value};
use server::datasources::elasticsearch::request as es_req;
use server::query::step::range_step;
use stats::{row, Timings};

struct Env {
    lookout: String,
    prom: String,
    prom_user: String,
    prom_password: String,
    es: String,
    now_ms: i64,
    rounds: usize,
    /// Log searches are quick and osmem's tail is long: the p95 needs many.
    log_rounds: usize,
}

fn env(k: &str) -> anyhow::Result<String> {
    std::env::var(k).with_context(|| format!("{k} is not set: run bench/run.sh"))
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let e = Env {
        lookout: env("LOOKOUT_URL")?,
        prom: env("PROM_URL")?,
        prom_user: env("PROM_USER")?,
        prom_password: env("PROM_PASSWORD")?,
        es: env("ES_URL")?,
        now_ms: env("DATA_NOW")?.parse::<i64>()? * 1000,
        rounds: env("BENCH_ROUNDS")
            .ok()
            .and_then(|r| r.parse().ok())
            .unwrap_or(30),
        log_rounds: env("BENCH_LOG_ROUNDS")
            .ok()
            .and_then(|r| r.parse().ok())
            .unwrap_or(400),
    };
    let c = login(&e.lookout, "admin", &env("LOOKOUT_ADMIN_PASSWORD")?).await?;
    let prom_id = add(
        &c,
        &e.lookout,
        json!({"name": "prom", "kind": "prometheus", "url": e.prom, "auth": "basic",
        "basic_username": e.prom_user, "secret": e.prom_password, "scrape_interval_secs": 15}),
    )
    .await?;
    let es_id = add(
        &c,
        &e.lookout,
        json!({"name": "logs", "kind": "elasticsearch", "url": e.es, "index_pattern": "logs-*"}),
    )
    .await?;
    println!(
        "rounds per side, alternating: {} for metrics, {} for logs; medians and p95 in milliseconds",
        e.rounds, e.log_rounds
    );
    // BENCH_ONLY=logs or =metrics runs one, for profiling.
    let only = std::env::var("BENCH_ONLY").unwrap_or_default();
    if only.is_empty() || only == "metrics" {
        metrics(&c, &e, prom_id).await?;
    }
    if only.is_empty() || only == "logs" {
        logs(&c, &e, es_id, "logs search 100 hits").await?;
        // A viewer's answers are masked on the way out (an admin's are not).
        let viewer = viewer(&c, &e.lookout).await?;
        logs(
            &viewer,
            &e,
            es_id,
            "logs search 100 hits as a viewer (masked)",
        )
        .await?;
    }
    Ok(())
}

/// Logs in as `user` and returns a client that sends the session cookie.
/// reqwest runs with the server's own features (no `json`, no cookie
/// store), so this binary reuses the release build's compiled crates instead
/// of rebuilding the workspace with another feature set.
async fn login(lookout: &str, user: &str, password: &str) -> anyhow::Result<Client> {
    // No gzip anywhere: the upstream sides would pay for it.
    let res = json_body(
        Client::new().post(format!("{lookout}/api/v1/auth/login")),
        &json!({"username": user, "password": password}),
    )
    .send()
    .await?
    .error_for_status()?;
    let session = res
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok()?.split(';').next())
        .find(|c| c.starts_with("lookout_session="))
        .context("the login answer set no session cookie")?
        .to_owned();
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(reqwest::header::COOKIE, session.parse()?);
    Ok(Client::builder().default_headers(headers).build()?)
}

/// A viewer's client: the user is added on the first run, and found again
/// (409) on a rerun against the same database.
async fn viewer(admin: &Client, lookout: &str) -> anyhow::Result<Client> {
    const PASSWORD: &str = "bench-viewer-password";
    let res = json_body(
        admin.post(format!("{lookout}/api/v1/users")),
        &json!({"username": "bench-viewer", "password": PASSWORD, "role": "viewer"}),
    )
    .send()
    .await?;
    if res.status() != reqwest::StatusCode::CONFLICT {
        res.error_for_status()?;
    }
    login(lookout, "bench-viewer", PASSWORD).await
}

/// A JSON request body, without reqwest's `json` feature.
fn json_body(req: reqwest::RequestBuilder, body: &Value) -> reqwest::RequestBuilder {
    req.header(reqwest::header::CONTENT_TYPE, "application/json")
        .body(body.to_string())
}

/// A JSON answer, after checking its status.
async fn read_json<T: serde::de::DeserializeOwned>(res: reqwest::Response) -> anyhow::Result<T> {
    Ok(serde_json::from_slice(
        &res.error_for_status()?.bytes().await?,
    )?)
}

/// Adds a data source, or finds the one of that name a previous run added.
async fn add(c: &Client, lookout: &str, input: Value) -> anyhow::Result<i64> {
    let res = json_body(c.post(format!("{lookout}/api/v1/datasources")), &input)
        .send()
        .await?;
    if res.status() == reqwest::StatusCode::CONFLICT {
        let all: Vec<Value> = read_json(
            c.get(format!("{lookout}/api/v1/datasources"))
                .send()
                .await?,
        )
        .await?;
        return all
            .iter()
            .find(|d| d["name"] == input["name"])
            .and_then(|d| d["id"].as_i64())
            .context("a data source of that name exists but is not listed");
    }
    let res: Value = read_json(res).await?;
    res["id"].as_i64().context("no id")
}

/// Sends a request and reads the whole body, as a browser or proxy would; its length.
async fn fetch(req: reqwest::RequestBuilder) -> anyhow::Result<usize> {
    Ok(req.send().await?.error_for_status()?.bytes().await?.len())
}

async fn lookout_query(c: &Client, e: &Env, query: &Value) -> anyhow::Result<Vec<u8>> {
    let res = json_body(
        c.post(format!("{}/api/v1/query", e.lookout)),
        &json!({"queries": [query]}),
    )
    .send()
    .await?;
    let body = res.error_for_status()?.bytes().await?.to_vec();
    if body.windows(9).any(|w| w == b"\"error\":{") {
        bail!(
            "query failed: {}",
            String::from_utf8_lossy(&body[..body.len().min(300)])
        );
    }
    Ok(body)
}

/// 50 series × 24 h at 15 s: through Lookout (decimated to 1,000 px) vs
/// straight to Prometheus. Uncached: each round shifts both sides' range by
/// one step, so every request is new to Lookout's cache and to Prometheus.
/// Cached: the same range every round, which Lookout answers from its cache.
async fn metrics(c: &Client, e: &Env, prom: i64) -> anyhow::Result<()> {
    let round = std::sync::atomic::AtomicI64::new(0);
    let at = |shift: i64| {
        let range = TimeRange {
            from_ms: e.now_ms - 24 * 3_600_000 - shift * 15_000,
            to_ms: e.now_ms - shift * 15_000,
        };
        let step = range_step(range.from_ms, range.to_ms, 11_000, 15_000, 0);
        let form = [
            ("query", "demo_cpu_usage".to_owned()),
            ("start", (step.start_ms / 1000).to_string()),
            ("end", (step.end_ms / 1000).to_string()),
            ("step", "15".to_owned()),
        ];
        let query = json!({"ref_id": "A", "type": "range", "datasource": prom, "expr": "demo_cpu_usage",
            "range": range, "max_data_points": 1000, "step_ms": 15000});
        (form, query)
    };
    let direct_req = |form: &[(&str, String)]| {
        c.post(format!("{}/api/v1/query_range", e.prom))
            .basic_auth(&e.prom_user, Some(&e.prom_password))
            .form(form)
    };
    let next = || round.fetch_add(1, std::sync::atomic::Ordering::Relaxed) / 2;
    let direct = || {
        let (form, _) = at(next());
        async move { fetch(direct_req(&form)).await.map(|_| ()) }
    };
    let through = || {
        let (_, query) = at(next());
        async move { lookout_query(c, e, &query).await.map(|_| ()) }
    };
    Timings::measure(e.rounds, 3, direct, through)
        .await?
        .report("metrics 50×24h@15s, uncached", 1.05);

    let (form, query) = at(-1);
    let direct = || async { fetch(direct_req(&form)).await.map(|_| ()) };
    let through = || async { lookout_query(c, e, &query).await.map(|_| ()) };
    Timings::measure(e.rounds, 3, direct, through)
        .await?
        .report("metrics 50×24h@15s, cached", 0.2);

    let raw = fetch(direct_req(&form)).await?;
    let ours = lookout_query(c, e, &query).await?.len();
    row(
        "metrics payload to the browser (bytes)",
        &format!("{raw} B upstream"),
        &format!("{ours} B"),
        ours as f64 / raw as f64,
        0.2,
    );
    fan_out(c, e, prom).await
}

/// Prometheus's own count of the `query_range` requests it answered.
async fn prometheus_count(c: &Client, e: &Env) -> anyhow::Result<u64> {
    let text = c
        .get(format!("{}/metrics", e.prom))
        .basic_auth(&e.prom_user, Some(&e.prom_password))
        .send()
        .await?
        .text()
        .await?;
    Ok(text
        .lines()
        .filter(|l| {
            l.starts_with("prometheus_http_requests_total{")
                && l.contains("handler=\"/api/v1/query_range\"")
        })
        .filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
        .sum::<f64>() as u64)
}

/// N viewers ask for the same "last hour" panel at once: how many requests
/// reach Prometheus (its own counter). The baseline is N, what a proxy
/// without coalescing sends.
async fn fan_out(c: &Client, e: &Env, prom: i64) -> anyhow::Result<()> {
    for viewers in [1usize, 10, 100] {
        let now = e.now_ms;
        let query = json!({"ref_id": "A", "type": "range", "datasource": prom,
            "expr": format!("sum(demo_cpu_usage) + {viewers}"),
            "range": {"from_ms": now - 3_600_000, "to_ms": now}, "max_data_points": 1000});
        let before = prometheus_count(c, e).await?;
        let runs = (0..viewers).map(|_| lookout_query(c, e, &query));
        for r in futures_util::future::join_all(runs).await {
            r?;
        }
        let sent = prometheus_count(c, e).await? - before;
        row(
            &format!("upstream requests for {viewers} viewer(s) of one panel"),
            &format!("{viewers}"),
            &format!("{sent}"),
            sent as f64 / viewers as f64,
            1.0 / viewers as f64,
        );
    }
    Ok(())
}

/// A 100-hit log search over 24 h: through Lookout vs the same `_search` body sent directly.
async fn logs(c: &Client, e: &Env, es: i64, figure: &str) -> anyhow::Result<()> {
    let range = TimeRange {
        from_ms: e.now_ms - 24 * 3_600_000,
        to_ms: e.now_ms,
    };
    let target = es_req::Target::new("logs-*", "@timestamp").map_err(|e| anyhow::anyhow!("{e}"))?;
    let req = es_req::search(&target, "level:error OR 1234567", range, 100, None);
    let body = req.body.clone().unwrap_or_default();
    let query = json!({"ref_id": "A", "type": "logs", "datasource": es, "query": "level:error OR 1234567", "range": range, "size": 100});
    let direct = || async {
        let req = c
            .post(format!("{}/{}", e.es, req.path()))
            .header("content-type", "application/json");
        fetch(req.body(body.clone())).await.map(|_| ())
    };
    let through = || async { lookout_query(c, e, &query).await.map(|_| ()) };
    Timings::measure(e.log_rounds, 10, direct, through)
        .await?
        .report(figure, 1.10);
    Ok(())
}
