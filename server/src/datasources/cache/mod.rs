//! Upstream answers shared between callers. Identical
//! requests (same credentials, method, URL and body: so the same query
//! after variable substitution, the same step-aligned range and step) share
//! one upstream request: concurrent callers wait for the one in flight, and
//! a range answer is kept for a time derived from its step and range.
//! Answers that are never reused (searches, instant queries) are shared
//! only while in flight, outside the cache (`flight.rs`). The
//! raw upstream answer is kept, with a slot for its parsed form that the
//! first caller to parse it fills ([`UpstreamResponse::parsed`]), so a kept
//! answer is parsed once, not once per viewer. Decimation and per-viewer
//! masking run on the way out, so a viewer never gets another's masking.
//!
//! One cache, bounded in bytes, serves every data source ([`Store`]); each
//! source sees it through its own [`Answers`], which also counts what
//! `/metrics` reports per source: hits, misses, coalesced waits, evictions,
//! and upstream requests, errors and time (counted with or without the
//! cache).

use std::any::Any;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use moka::Expiry;

use super::http::UpstreamResponse;
use super::UpstreamError;

/// How long an answer stays true, as the request builder knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Freshness {
    /// Shared only with identical requests in flight (searches, names,
    /// instant queries: their keys hold the current time anyway).
    #[default]
    InFlight,
    /// A range query over step-aligned bounds: reusable within one step
    /// while the range reaches the present, much longer once it is past.
    Range { end_ms: i64, step_ms: i64 },
}

/// Longest a range answer that reaches the present is reused: the newest
/// bucket lags by at most this (or one step, if shorter).
const LIVE_MAX: Duration = Duration::from_secs(60);
/// How long a range that ended (by more than a step and a minute, so late
/// scrapes are in) is reused.
const PAST: Duration = Duration::from_secs(600);

impl Freshness {
    /// How long an answer fetched at `now_ms` may be reused.
    pub fn ttl(self, now_ms: i64) -> Duration {
        match self {
            Freshness::InFlight => Duration::ZERO,
            Freshness::Range { end_ms, step_ms } => {
                let step = step_ms.max(0);
                if end_ms.saturating_add(step).saturating_add(60_000) < now_ms {
                    PAST
                } else {
                    Duration::from_millis(step as u64).min(LIVE_MAX)
                }
            }
        }
    }
}

/// Where an answer came from, for the query inspector.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Served {
    Upstream,
    /// Kept from an earlier identical request.
    Cache,
    /// Shared with an identical request that was already in flight.
    Coalesced,
}

#[derive(Clone)]
struct Kept {
    /// The data source it came from (its key says so too).
    source: i64,
    /// That source's counters, for the eviction listener.
    counters: Arc<Counters>,
    status: u16,
    body: bytes::Bytes,
    size: u64,
    elapsed: Duration,
    ttl: Duration,
    memo: Memo,
}

/// The parsed form of one answer, shared by every caller given that answer.
pub type Memo = Arc<OnceLock<Arc<dyn Any + Send + Sync>>>;

impl UpstreamResponse {
    /// The answer as `parse` reads it, reusing the parse of an earlier
    /// caller given the same kept or shared answer. A failed parse is not
    /// remembered (only 2xx answers are kept, and those parse).
    pub fn parsed<T: Send + Sync + 'static>(
        &self,
        parse: impl FnOnce(u16, &[u8]) -> Result<T, UpstreamError>,
    ) -> Result<Arc<T>, UpstreamError> {
        if let Some(done) = self.memo.get().and_then(|m| m.clone().downcast::<T>().ok()) {
            return Ok(done);
        }
        let value = Arc::new(parse(self.status, &self.body)?);
        // Two first callers may both parse; either result is the same.
        let _ = self.memo.set(value.clone());
        Ok(value)
    }
}

/// What a load gives back without keeping it: a failure, or an answer
/// that is not a success (a 4xx/5xx is shared with waiters, never kept).
enum Unkept {
    Failed(UpstreamError),
    Answered(Kept),
}

struct PerEntry;

impl Expiry<Arc<str>, Kept> for PerEntry {
    fn expire_after_create(&self, _: &Arc<str>, v: &Kept, _: Instant) -> Option<Duration> {
        Some(v.ttl)
    }
}

/// Counters for `/metrics`, per data source.
#[derive(Debug, Default)]
pub struct Counters {
    pub hits: AtomicU64,
    pub misses: AtomicU64,
    pub coalesced: AtomicU64,
    pub evictions: AtomicU64,
    pub requests: AtomicU64,
    pub errors: AtomicU64,
    pub upstream_micros: AtomicU64,
}

/// One data source's view of the shared cache, and its counters.
pub struct Answers {
    store: Store,
    source: i64,
    pub counters: Arc<Counters>,
}

impl std::fmt::Debug for Answers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Answers")
            .field("on", &self.store.cache.is_some())
            .field("source", &self.source)
            .finish()
    }
}

impl Answers {
    /// A cache of its own holding at most `max_bytes` of answers; 0 turns
    /// it off. For a client built alone (tests, a connection check); the
    /// server's clients share one [`Store`].
    pub fn new(max_bytes: u64) -> Self {
        Store::new(max_bytes).for_source(0)
    }

    /// Bytes this source's answers hold in the shared cache.
    pub fn bytes(&self) -> u64 {
        let by = self.store.bytes_by_source();
        by.get(&self.source).copied().unwrap_or(0)
    }

    /// The answer to the request named `key`: kept, shared with one in
    /// flight, or fetched by `load` (and kept if it succeeded).
    pub async fn get<F>(
        &self,
        key: &str,
        fresh: Freshness,
        load: F,
    ) -> Result<(UpstreamResponse, Served), UpstreamError>
    where
        F: Future<Output = Result<UpstreamResponse, UpstreamError>>,
    {
        let Some(cache) = &self.store.cache else {
            return Ok((self.measured(load).await?, Served::Upstream));
        };
        // The source's id first: two sources never share an answer, even
        // for identical requests to the same URL with the same credentials.
        let key: Arc<str> = format!("{}\n{key}", self.source).into();
        let (kept, fresh_load) = if fresh == Freshness::InFlight {
            self.in_flight(key, load).await?
        } else {
            if let Some(kept) = cache.get(&key).await {
                self.counters.hits.fetch_add(1, Relaxed);
                return Ok((response(kept), Served::Cache));
            }
            let entry = cache
                .entry(key)
                .or_try_insert_with(self.fetch(fresh, load))
                .await;
            match entry {
                Ok(e) => {
                    let fresh_load = e.is_fresh();
                    (e.into_value(), fresh_load)
                }
                Err(e) => match &*e {
                    Unkept::Failed(err) => return Err(err.clone()),
                    Unkept::Answered(kept) => (kept.clone(), true),
                },
            }
        };
        let served = if fresh_load {
            self.counters.misses.fetch_add(1, Relaxed);
            Served::Upstream
        } else {
            self.counters.coalesced.fetch_add(1, Relaxed);
            Served::Coalesced
        };
        Ok((response(kept), served))
    }

    /// An answer that is never reused, shared with the identical request
    /// in flight if there is one ([`flight`]); true if this caller loaded it.
    async fn in_flight<F>(&self, key: Arc<str>, load: F) -> Result<(Kept, bool), UpstreamError>
    where
        F: Future<Output = Result<UpstreamResponse, UpstreamError>>,
    {
        let flight = self.store.flights.join(key);
        let mut loaded = false;
        let answer = flight
            .answer
            .get_or_init(|| {
                loaded = true;
                self.fetch(Freshness::InFlight, load)
            })
            .await;
        match answer {
            Ok(kept) | Err(Unkept::Answered(kept)) => Ok((kept.clone(), loaded)),
            Err(Unkept::Failed(err)) => Err(err.clone()),
        }
    }

    /// One upstream request, as what the cache or a flight holds: kept if
    /// it is a success.
    async fn fetch<F>(&self, fresh: Freshness, load: F) -> Result<Kept, Unkept>
    where
        F: Future<Output = Result<UpstreamResponse, UpstreamError>>,
    {
        let res = self.measured(load).await.map_err(Unkept::Failed)?;
        let kept = Kept {
            source: self.source,
            counters: self.counters.clone(),
            status: res.status,
            body: res.body,
            size: res.size,
            elapsed: res.elapsed,
            ttl: fresh.ttl(app::model::time::now_ms()),
            memo: res.memo,
        };
        if (200..300).contains(&kept.status) {
            Ok(kept)
        } else {
            Err(Unkept::Answered(kept))
        }
    }

    /// Runs one real upstream request, counting it, its time and a failure.
    async fn measured<F>(&self, load: F) -> Result<UpstreamResponse, UpstreamError>
    where
        F: Future<Output = Result<UpstreamResponse, UpstreamError>>,
    {
        let c = &self.counters;
        c.requests.fetch_add(1, Relaxed);
        let started = Instant::now();
        let res = load.await;
        c.upstream_micros
            .fetch_add(started.elapsed().as_micros() as u64, Relaxed);
        if res.as_ref().map_or(true, |r| r.status >= 500) {
            c.errors.fetch_add(1, Relaxed);
        }
        res
    }
}

fn response(kept: Kept) -> UpstreamResponse {
    UpstreamResponse {
        status: kept.status,
        body: kept.body,
        size: kept.size,
        elapsed: kept.elapsed,
        served: Served::Upstream,
        memo: kept.memo,
    }
}

mod flight;
mod store;
pub use store::Store;

#[cfg(test)]
mod tests;
