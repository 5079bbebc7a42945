//! What every client built for one data source shares, whichever saved
//! version it was built for: the in-flight limit, and its view of the one
//! answer cache all sources share, with its counters (so `/metrics` reports
//! per data source, by id).

use std::collections::HashMap;
use std::fmt::Write;
use std::sync::atomic::Ordering::Relaxed;
use std::sync::{Arc, Mutex};

use tokio::sync::Semaphore;

use super::cache::Store;
use super::http::Limits;

/// Server-wide upstream bounds, from flags.
#[derive(Debug, Clone, Copy)]
pub struct ServiceLimits {
    pub max_response_bytes: u64,
    pub concurrency: usize,
    /// Answer cache for all data sources together, in bytes; 0 turns it off.
    pub cache_bytes: u64,
}

/// A series' name, type, help text and how to read it off one data source.
/// The bytes held per source are given, from one walk of the cache.
type Series = (
    &'static str,
    &'static str,
    &'static str,
    fn(&Limits, u64) -> f64,
);

pub struct PerSource {
    limits: ServiceLimits,
    store: Store,
    map: Mutex<HashMap<i64, Limits>>,
}

impl PerSource {
    pub fn new(limits: ServiceLimits) -> Self {
        Self {
            limits,
            store: Store::new(limits.cache_bytes),
            map: Mutex::default(),
        }
    }

    fn fresh(&self, id: i64) -> Limits {
        Limits {
            max_response_bytes: self.limits.max_response_bytes,
            permits: Arc::new(Semaphore::new(self.limits.concurrency.max(1))),
            answers: Arc::new(self.store.for_source(id)),
        }
    }

    /// The limits for data source `id`: made once, then shared (a rebuilt or
    /// concurrently built client must not get a fresh semaphore or cache).
    pub fn limits_for(&self, id: i64) -> Limits {
        match self.map.lock() {
            Ok(mut m) => m.entry(id).or_insert_with(|| self.fresh(id)).clone(),
            Err(_) => self.fresh(id),
        }
    }

    /// Forgets a deleted data source's answers and counters.
    pub fn forget(&self, id: i64) {
        if let Ok(mut m) = self.map.lock() {
            m.remove(&id);
        }
        self.store.forget(id);
    }

    /// The upstream and cache series, in Prometheus' text format.
    pub fn render(&self, out: &mut String) {
        let bytes = self.store.bytes_by_source();
        let Ok(m) = self.map.lock() else { return };
        let mut ids: Vec<&i64> = m.keys().collect();
        ids.sort();
        let series: [Series; 8] = [
            (
                "lookout_upstream_requests_total",
                "counter",
                "Requests sent to the data source.",
                |l, _| l.answers.counters.requests.load(Relaxed) as f64,
            ),
            (
                "lookout_upstream_errors_total",
                "counter",
                "Upstream requests that failed or answered 5xx.",
                |l, _| l.answers.counters.errors.load(Relaxed) as f64,
            ),
            (
                "lookout_upstream_seconds_total",
                "counter",
                "Time spent waiting for upstream answers.",
                |l, _| l.answers.counters.upstream_micros.load(Relaxed) as f64 / 1e6,
            ),
            (
                "lookout_query_cache_hits_total",
                "counter",
                "Answers reused from the cache.",
                |l, _| l.answers.counters.hits.load(Relaxed) as f64,
            ),
            (
                "lookout_query_cache_misses_total",
                "counter",
                "Answers fetched because none was kept.",
                |l, _| l.answers.counters.misses.load(Relaxed) as f64,
            ),
            (
                "lookout_query_cache_coalesced_total",
                "counter",
                "Callers that waited for an identical request in flight.",
                |l, _| l.answers.counters.coalesced.load(Relaxed) as f64,
            ),
            (
                "lookout_query_cache_evictions_total",
                "counter",
                "Answers dropped to stay within the byte bound.",
                |l, _| l.answers.counters.evictions.load(Relaxed) as f64,
            ),
            (
                "lookout_query_cache_bytes",
                "gauge",
                "Bytes of answers kept.",
                |_, bytes| bytes as f64,
            ),
        ];
        for (name, kind, help, value) in series {
            let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} {kind}");
            for id in &ids {
                let held = bytes.get(*id).copied().unwrap_or(0);
                let _ = writeln!(
                    out,
                    "{name}{{datasource=\"{id}\"}} {}",
                    value(&m[*id], held)
                );
            }
        }
    }
}
