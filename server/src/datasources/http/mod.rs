//! The HTTP-only part shared by every kind: a pooled reqwest client with the
//! data source's auth, TLS choice and timeout. It knows nothing of PromQL or
//! Lucene.

use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::Semaphore;

use app::model::{DataSourceSettings, QueryStats};
use reqwest::header::{HeaderValue, AUTHORIZATION, CONTENT_TYPE};
use reqwest::{Method, Url};

mod auth;
mod breaker;
mod stream;

pub use stream::{BodyReader, Streamed};

use super::cache::{Answers, Freshness, Memo, Served};
use super::UpstreamError;
use crate::secrets::Secret;
use auth::{auth_header, digest};

/// A request as built by a kind's `request.rs`; golden tests pin these.
///
/// The path is a list of segments, each percent-encoded on its own when the
/// URL is built ([`HttpClient::url`]), and appended to the stored base URL:
/// no text, whoever wrote it, can change the scheme, host or port, climb out
/// of the base path, or add a query string. (A `join` of user text once let
/// `http:HOST:PORT` name another host.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpstreamRequest {
    pub method: &'static str,
    /// Path segments below the data source URL, unencoded.
    pub segments: Vec<String>,
    /// Query-string pairs, unencoded.
    pub query: Vec<(&'static str, String)>,
    pub content_type: Option<&'static str>,
    pub body: Option<String>,
    /// How long its answer may be shared (not part of what is sent).
    pub fresh: Freshness,
    /// Reads a 2xx answer while it downloads (not part of what is sent).
    pub stream: Option<Streamed>,
}

impl UpstreamRequest {
    /// A request with no body to `segments`.
    pub fn get(segments: &[&str]) -> Self {
        Self {
            method: "GET",
            segments: segments.iter().map(|s| s.to_string()).collect(),
            query: Vec::new(),
            content_type: None,
            body: None,
            fresh: Freshness::InFlight,
            stream: None,
        }
    }

    /// The encoded path and query, relative to the data source URL, exactly
    /// as sent: what golden tests and the query inspector show.
    pub fn path(&self) -> String {
        let base = Url::parse("http://upstream/").expect("static URL");
        let Ok(url) = build_url(&base, self) else {
            return format!("(refused: {:?})", self.segments);
        };
        let mut out = url.path().trim_start_matches('/').to_owned();
        if let Some(q) = url.query() {
            out.push('?');
            out.push_str(q);
        }
        out
    }
}

impl serde::Serialize for UpstreamRequest {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("UpstreamRequest", 4)?;
        st.serialize_field("method", self.method)?;
        st.serialize_field("path", &self.path())?;
        st.serialize_field("content_type", &self.content_type)?;
        st.serialize_field("body", &self.body)?;
        st.end()
    }
}

/// The base URL plus each segment percent-encoded (`/`, `?`, `#`, `%` and
/// the rest included), plus the query pairs form-encoded. An empty, `.` or
/// `..` segment would be normalised away (widening the request), so it is
/// refused.
fn build_url(base: &Url, req: &UpstreamRequest) -> Result<Url, UpstreamError> {
    let mut url = base.clone();
    if let Some(bad) = req
        .segments
        .iter()
        .find(|s| s.is_empty() || *s == "." || *s == "..")
    {
        return Err(UpstreamError::BadQuery(format!(
            "{bad:?} cannot be part of an upstream path"
        )));
    }
    if let Ok(mut path) = url.path_segments_mut() {
        path.pop_if_empty();
        path.extend(&req.segments);
    }
    if !req.query.is_empty() {
        url.query_pairs_mut()
            .extend_pairs(req.query.iter().map(|(k, v)| (*k, v.as_str())));
    }
    Ok(url)
}

/// A response as a kind's `parse.rs` reads it.
pub struct UpstreamResponse {
    pub status: u16,
    /// Empty when a [`BodyReader`] read the answer as it arrived: its
    /// parsed form is then in `memo`, and the raw bytes are not kept.
    pub body: bytes::Bytes,
    /// The answer's size as received.
    pub size: u64,
    pub elapsed: Duration,
    pub served: Served,
    /// Where its parsed form is kept once read (see [`UpstreamResponse::parsed`]).
    pub memo: Memo,
}

/// Bounds on what one data source may cost: the answer size (from a flag,
/// unless the data source sets its own) and the requests in flight at once,
/// shared by every client built for the same data source.
#[derive(Debug, Clone)]
pub struct Limits {
    /// The largest answer read, unless the data source sets its own.
    pub max_response_bytes: u64,
    /// Requests in flight to this data source at once; more wait their turn.
    pub permits: Arc<Semaphore>,
    /// Answers shared between identical requests, and the counters.
    pub answers: Arc<Answers>,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_response_bytes: 64 << 20,
            permits: Arc::new(Semaphore::new(8)),
            answers: Arc::new(Answers::new(0)),
        }
    }
}

pub struct HttpClient {
    client: reqwest::Client,
    base: Url,
    auth: Option<HeaderValue>,
    timeout_ms: u64,
    max_body: u64,
    permits: Arc<Semaphore>,
    answers: Arc<Answers>,
    /// A digest of the credentials, part of each cache key (with the URL),
    /// so an edited data source never meets answers fetched with the old
    /// ones. Clients built at once for the same version share it.
    credentials: String,
    breaker: breaker::Breaker,
}

impl HttpClient {
    pub fn new(
        settings: &DataSourceSettings,
        secret: Option<&Secret>,
        limits: Limits,
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
        let auth = auth_header(settings, secret)?;
        let client = reqwest::Client::builder()
            .timeout(Duration::from_millis(timeout_ms))
            // Shorter than the whole timeout, so that a host that cannot
            // be reached is told apart from a slow answer (the breaker).
            .connect_timeout(Duration::from_millis((timeout_ms / 2).clamp(50, 10_000)))
            .danger_accept_invalid_certs(settings.tls_skip_verify)
            .pool_max_idle_per_host(8)
            // Never follow a redirect: it could send the credentials to
            // another host. A 3xx is reported as the upstream's answer.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| UpstreamError::Config(e.to_string()))?;
        Ok(Self {
            client,
            base,

            timeout_ms,
            max_body: settings
                .max_response_mb
                .map_or(limits.max_response_bytes, |mb| mb.min(1 << 14) << 20),
            permits: limits.permits,
            answers: limits.answers,
            credentials: digest(auth.as_ref()),
            auth,
            breaker: Default::default(),
        })
    }

    /// Sends `req`, or shares the answer of an identical request (see
    /// [`super::cache`]).
    pub async fn send(&self, req: &UpstreamRequest) -> Result<UpstreamResponse, UpstreamError> {
        let url = build_url(&self.base, req)?;
        let key = format!(
            "{} {} {url}\n{}",
            self.credentials,
            req.method,
            req.body.as_deref().unwrap_or("")
        );
        let (mut res, served) = self
            .answers
            .get(&key, req.fresh, self.fetch(url, req))
            .await?;
        res.served = served;
        Ok(res)
    }

    /// One real request upstream.
    async fn fetch(
        &self,
        url: Url,
        req: &UpstreamRequest,
    ) -> Result<UpstreamResponse, UpstreamError> {
        debug_assert_eq!(url.origin(), self.base.origin());
        let method = Method::from_bytes(req.method.as_bytes())
            .map_err(|_| UpstreamError::Config(format!("bad method {:?}", req.method)))?;
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
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|_| UpstreamError::Config("the client is shutting down".into()))?;
        self.breaker.check(Instant::now())?;
        let started = Instant::now();
        let sent = builder.send().await.map_err(|e| self.classify(e));
        self.breaker.record(&sent, Instant::now());
        let res = sent?;
        let status = res.status().as_u16();
        let mut reader = req
            .stream
            .as_ref()
            .filter(|_| (200..300).contains(&status))
            .map(|s| (s.0)());
        let (chunks, size) = self.read_capped(res, &mut reader).await?;
        if status == 401 || status == 403 {
            return Err(UpstreamError::Unauthorized(status));
        }
        let memo = Memo::default();
        // Read as it came: the parsed form is the answer, and the chunks
        // are never joined (a copy, and fresh pages, of the whole body).
        let body = match reader.and_then(BodyReader::finish) {
            Some(read) => {
                let _ = memo.set(read);
                bytes::Bytes::new()
            }
            None => join(chunks, size),
        };
        Ok(UpstreamResponse {
            status,
            body,
            size,
            elapsed: started.elapsed(),
            served: Served::Upstream,
            memo,
        })
    }

    /// Sends and records what it cost in `stats`, for the query inspector.
    pub async fn send_measured(
        &self,
        req: &UpstreamRequest,
        stats: &mut QueryStats,
    ) -> Result<UpstreamResponse, UpstreamError> {
        let res = self.send(req).await?;
        stats.upstream_request = format!("{} /{}", req.method, req.path());
        stats.upstream_ms = res.elapsed.as_millis() as u64;
        stats.upstream_bytes = res.size;
        stats.cache = match res.served {
            Served::Upstream => String::new(),
            Served::Cache => "cache".into(),
            Served::Coalesced => "shared".into(),
        };
        Ok(res)
    }

    /// The body's chunks and its size, refused as soon as it passes the
    /// cap (announced or read), each chunk fed to `reader` as it arrives.
    async fn read_capped(
        &self,
        mut res: reqwest::Response,
        reader: &mut Option<Box<dyn BodyReader>>,
    ) -> Result<(Vec<bytes::Bytes>, u64), UpstreamError> {
        let too_large = || UpstreamError::TooLarge(self.max_body >> 20);
        if res.content_length().is_some_and(|n| n > self.max_body) {
            return Err(too_large());
        }
        // Chunks are kept as they arrive and joined once at the end (if at
        // all): one copy of the body, not one per growth step.
        let mut chunks: Vec<bytes::Bytes> = Vec::new();
        let mut total: u64 = 0;
        while let Some(chunk) = res.chunk().await.map_err(|e| self.classify(e))? {
            total += chunk.len() as u64;
            if total > self.max_body {
                return Err(too_large());
            }
            if let Some(r) = reader {
                r.feed(&chunk);
            }
            chunks.push(chunk);
        }
        Ok((chunks, total))
    }

    fn classify(&self, e: reqwest::Error) -> UpstreamError {
        // Connecting first: a connection that timed out is a host that
        // cannot be reached, not a slow answer.
        if e.is_connect() {
            let mut cause: &dyn std::error::Error = &e;
            while let Some(next) = cause.source() {
                cause = next;
            }
            UpstreamError::Unreachable(cause.to_string())
        } else if e.is_timeout() {
            UpstreamError::Timeout(self.timeout_ms)
        } else {
            UpstreamError::BadResponse(e.without_url().to_string())
        }
    }
}

/// The chunks as one body.
fn join(mut chunks: Vec<bytes::Bytes>, size: u64) -> bytes::Bytes {
    if chunks.len() == 1 {
        return chunks.pop().unwrap_or_default();
    }
    let mut body = bytes::BytesMut::with_capacity(size as usize);
    for c in &chunks {
        body.extend_from_slice(c);
    }
    body.freeze()
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

#[cfg(test)]
mod tests;
