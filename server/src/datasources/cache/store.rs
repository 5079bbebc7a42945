//! The one answer cache every data source shares, bounded in bytes as a
//! whole. A bound per data source let the memory a deployment needs grow
//! with the number of sources (20 sources at 32 MiB each could hold
//! 640 MiB), and a quiet source's share sat unused while a busy one
//! evicted; one bound is what an operator sizes a container by, and it goes
//! to whichever sources are being looked at. Keys carry the source's id, so
//! two sources never share an answer, and `/metrics` still reports bytes
//! and evictions per source.

use std::collections::HashMap;
use std::sync::atomic::Ordering::Relaxed;
use std::sync::Arc;

use moka::future::Cache;
use moka::notification::RemovalCause;

use super::flight::Flights;
use super::{Answers, Counters, Kept, PerEntry};

/// The shared cache; cloning it shares it.
#[derive(Clone, Default)]
pub struct Store {
    /// `None` when caching is off.
    pub(super) cache: Option<Cache<Arc<str>, Kept>>,
    /// Answers never reused, while in flight (`flight.rs`).
    pub(super) flights: Flights,
}

/// What an entry counts against the bound: the answer's size four times,
/// for the raw answer (not kept when it was read as it downloaded); its
/// parsed form filled in later, which can reach twice the body (24 bytes a
/// sample in columns grown by doubling, against about 28 characters of
/// JSON); and the panel-width cuts kept beside it, which hold at most as
/// many points as the parsed form holds exactly. Counted at twice, a 32 MB
/// bound held 55 MB (measured).
fn weight(key: &str, v: &Kept) -> u32 {
    u32::try_from(key.len() as u64 + 4 * v.size + 96).unwrap_or(u32::MAX)
}

impl Store {
    /// A cache holding at most `max_bytes` of answers over all sources; 0
    /// turns it off (every request then goes upstream, identical ones too).
    pub fn new(max_bytes: u64) -> Self {
        let cache = (max_bytes > 0).then(|| {
            Cache::builder()
                .max_capacity(max_bytes)
                .weigher(|k: &Arc<str>, v: &Kept| weight(k, v))
                .expire_after(PerEntry)
                // Only for `forget`, when a data source is deleted.
                .support_invalidation_closures()
                .eviction_listener(|_, v: Kept, cause| {
                    if cause == RemovalCause::Size {
                        v.counters.evictions.fetch_add(1, Relaxed);
                    }
                })
                .build()
        });
        Self {
            cache,
            flights: Flights::default(),
        }
    }

    /// The view of this cache that data source `source` uses, with its own
    /// counters.
    pub fn for_source(&self, source: i64) -> Answers {
        Answers {
            store: self.clone(),
            source,
            counters: Arc::new(Counters::default()),
        }
    }

    /// Bytes held per data source (keys, bodies and their parsed forms,
    /// estimated as the weigher does), for `/metrics`. Walks the entries:
    /// there are few (each weighs at least 96 bytes against the bound), and
    /// a scrape is rare next to the requests that would otherwise keep
    /// running totals.
    pub fn bytes_by_source(&self) -> HashMap<i64, u64> {
        let mut by = HashMap::new();
        if let Some(cache) = &self.cache {
            for (k, v) in cache.iter() {
                *by.entry(v.source).or_default() += u64::from(weight(&k, &v));
            }
        }
        by
    }

    /// Drops every answer of a deleted data source now, rather than when
    /// it expires or is evicted.
    pub fn forget(&self, source: i64) {
        if let Some(cache) = &self.cache {
            // Fails only without `support_invalidation_closures`, set above.
            let _ = cache.invalidate_entries_if(move |_, v| v.source == source);
        }
    }
}
