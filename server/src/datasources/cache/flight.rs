//! Identical requests in flight, shared without the cache. An answer that
//! is never reused (a search, an instant query: [`Freshness::InFlight`])
//! only has to be shared while it downloads. Putting it in the cache did
//! that, but the cache drops an entry, with its body and its parsed form (a
//! page of hits), only at its next upkeep, so each search's page outlived
//! the search; measured side by side, that made a single log search slower
//! than before its parse was shared. Here a flight lives exactly as long as
//! some caller holds it: the last one to drop it frees the answer and its
//! parse at once, and takes the flight out of the table.
//!
//! [`Freshness::InFlight`]: super::Freshness::InFlight

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, Weak};

use tokio::sync::OnceCell;

use super::{Kept, Unkept};

/// The table of requests in flight, by key. Cloning it shares it.
#[derive(Clone, Default)]
pub(super) struct Flights {
    table: Arc<Mutex<HashMap<Arc<str>, Weak<Flight>>>>,
}

/// One request in flight: its answer, once some caller has loaded it.
pub(super) struct Flight {
    key: Arc<str>,
    table: Weak<Mutex<HashMap<Arc<str>, Weak<Flight>>>>,
    /// Filled by the first caller whose load finishes. If that caller is
    /// cancelled, the next waiter runs its own load instead (`OnceCell`
    /// lets another caller initialise it).
    pub answer: OnceCell<Result<Kept, Unkept>>,
}

impl Flights {
    /// The flight for `key`: the one in flight, or a new one.
    pub fn join(&self, key: Arc<str>) -> Arc<Flight> {
        let mut table = lock(&self.table);
        if let Some(flight) = table.get(&key).and_then(Weak::upgrade) {
            return flight;
        }
        let flight = Arc::new(Flight {
            key: key.clone(),
            table: Arc::downgrade(&self.table),
            answer: OnceCell::new(),
        });
        table.insert(key, Arc::downgrade(&flight));
        flight
    }

    /// Requests in flight now (for tests).
    #[cfg(test)]
    pub fn len(&self) -> usize {
        lock(&self.table).len()
    }
}

impl Drop for Flight {
    fn drop(&mut self) {
        let Some(table) = self.table.upgrade() else {
            return;
        };
        let mut table = lock(&table);
        // A newer flight for the same key may have replaced this one
        // between its last holder letting go and this drop; keep that one.
        if table.get(&self.key).is_some_and(|w| w.strong_count() == 0) {
            table.remove(&self.key);
        }
    }
}

/// The table's lock. Nothing panics while holding it, and a poisoned
/// table is still a consistent map of weak pointers.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
