//! The HTTP-only part shared by every kind: a pooled reqwest client with the
//! data source's auth, TLS choice and timeout. It knows nothing of PromQL or
//! Lucene.

use std::time::{Duration, Instant};

use app::model::{AuthKind, DataSourceSettings, QueryStats};
use base64::Engine;
use reqwest::header::{HeaderValue, AUTHORIZATION, CONTENT_TYPE};
use reqwest::{Method, Url};

use super::UpstreamError;
use crate::secrets::Secret;

/// A request as built by a kind's `request.rs`; golden tests pin these.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct UpstreamRequest {
    pub method: &'static str,
    /// Path and query string, relative to the data source URL.
    pub path: String,
    pub content_type: Option<&'static str>,
    pub body: Option<String>,
}

/// A response as a kind's `parse.rs` reads it.
pub struct UpstreamResponse {
    pub status: u16,
    pub body: bytes::Bytes,
    pub elapsed: Duration,
}

pub struct HttpClient {
    client: reqwest::Client,
    base: Url,
    auth: Option<HeaderValue>,
    timeout_ms: u64,
}

impl HttpClient {
    pub fn new(
        settings: &DataSourceSettings,
        secret: Option<&Secret>,
    ) -> Result<Self, UpstreamError> {
        let mut base = Url::parse(settings.url.trim()).map_err(|e| {
            UpstreamError::Config(format!("URL {:?} is not valid: {e}", settings.url))
        })?;
        if !matches!(base.scheme(), "http" | "https") {
            return Err(UpstreamError::Config(
                "the URL must start with http:// or https://".into(),
            ));
        }
        if !base.path().ends_with('/') {
            base.set_path(&format!("{}/", base.path()));
        }
        let timeout_ms = settings.timeout_ms.clamp(100, 300_000);
        let client = reqwest::Client::builder()
            .timeout(Duration::from_millis(timeout_ms))
            .connect_timeout(Duration::from_millis(timeout_ms.min(10_000)))
            .danger_accept_invalid_certs(settings.tls_skip_verify)
            .pool_max_idle_per_host(8)
            .build()
            .map_err(|e| UpstreamError::Config(e.to_string()))?;
        Ok(Self {
            client,
            base,
            auth: auth_header(settings, secret)?,
            timeout_ms,
        })
    }

    pub async fn send(&self, req: &UpstreamRequest) -> Result<UpstreamResponse, UpstreamError> {
        let url = self
            .base
            .join(req.path.trim_start_matches('/'))
            .map_err(|e| UpstreamError::Config(e.to_string()))?;
        let method = Method::from_bytes(req.method.as_bytes()).expect("static method names");
        let mut builder = self.client.request(method, url);
        if let Some(auth) = &self.auth {
            builder = builder.header(AUTHORIZATION, auth.clone());
        }
        if let Some(ct) = req.content_type {
            builder = builder.header(CONTENT_TYPE, ct);
        }
        if let Some(body) = &req.body {
            builder = builder.body(body.clone());
        }
        let started = Instant::now();
        let res = builder.send().await.map_err(|e| self.classify(e))?;
        let status = res.status().as_u16();
        let body = res.bytes().await.map_err(|e| self.classify(e))?;
        if status == 401 || status == 403 {
            return Err(UpstreamError::Unauthorized(status));
        }
        Ok(UpstreamResponse {
            status,
            body,
            elapsed: started.elapsed(),
        })
    }

    /// Sends and records what it cost in `stats`, for the query inspector.
    pub async fn send_measured(
        &self,
        req: &UpstreamRequest,
        stats: &mut QueryStats,
    ) -> Result<UpstreamResponse, UpstreamError> {
        let res = self.send(req).await?;
        stats.upstream_request = format!("{} /{}", req.method, req.path);
        stats.upstream_ms = res.elapsed.as_millis() as u64;
        stats.upstream_bytes = res.body.len() as u64;
        Ok(res)
    }

    fn classify(&self, e: reqwest::Error) -> UpstreamError {
        if e.is_timeout() {
            UpstreamError::Timeout(self.timeout_ms)
        } else if e.is_connect() {
            let mut cause: &dyn std::error::Error = &e;
            while let Some(next) = cause.source() {
                cause = next;
            }
            UpstreamError::Unreachable(cause.to_string())
        } else {
            UpstreamError::BadResponse(e.without_url().to_string())
        }
    }
}

fn auth_header(
    settings: &DataSourceSettings,
    secret: Option<&Secret>,
) -> Result<Option<HeaderValue>, UpstreamError> {
    let secret = secret.map(Secret::expose).unwrap_or_default();
    let value = match settings.auth {
        AuthKind::None => return Ok(None),
        AuthKind::Basic => {
            let user = settings.basic_username.as_deref().unwrap_or_default();
            format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(format!("{user}:{secret}"))
            )
        }
        AuthKind::Bearer => format!("Bearer {secret}"),
        AuthKind::ApiKey => format!("ApiKey {secret}"),
    };
    let mut header = HeaderValue::from_str(&value).map_err(|_| {
        UpstreamError::Config("the secret has characters not allowed in an HTTP header".into())
    })?;
    header.set_sensitive(true);
    Ok(Some(header))
}

/// Percent-encodes a form or query value.
pub fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
