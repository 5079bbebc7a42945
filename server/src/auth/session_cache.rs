//! Recent session lookups kept in memory, so the auth gate does not read
//! SQLite on every request (a database round trip on another thread was most
//! of the gate's cost).
//!
//! Every write in this process that ends a session or changes its user
//! (logout, password change or reset, role change, disabling) drops the
//! affected entries before it returns, so those take effect on the next
//! request. The short TTL only bounds how long a change made elsewhere (by
//! another replica, or by hand in the database) can go unseen.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::RwLock;
use std::time::{Duration, Instant};

use crate::storage::sessions::SessionRow;

/// How long a looked-up session is trusted without reading it again.
pub const TTL: Duration = Duration::from_secs(5);
/// Most sessions kept; past this, stale entries go, then everything.
const MAX_ENTRIES: usize = 10_000;

struct Entry {
    row: SessionRow,
    loaded: Instant,
}

#[derive(Default)]
pub struct SessionCache {
    map: RwLock<HashMap<String, Entry>>,
    /// Bumped by every invalidation; a lookup that raced one is not stored.
    generation: AtomicU64,
}

impl SessionCache {
    /// The cached row for a token hash, if it was read within the TTL.
    pub fn get(&self, hash: &str) -> Option<SessionRow> {
        let map = self.map.read().expect("session cache lock");
        map.get(hash)
            .filter(|e| e.loaded.elapsed() < TTL)
            .map(|e| e.row.clone())
    }

    /// Call before reading the database; pass the result to [`Self::put`].
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// Stores a row read from the database, unless an invalidation happened
    /// since `generation` was taken (the row may be from before it).
    pub fn put(&self, hash: &str, row: SessionRow, generation: u64) {
        let mut map = self.map.write().expect("session cache lock");
        if self.generation.load(Ordering::Acquire) != generation {
            return;
        }
        if map.len() >= MAX_ENTRIES {
            map.retain(|_, e| e.loaded.elapsed() < TTL);
            if map.len() >= MAX_ENTRIES {
                map.clear();
            }
        }
        let loaded = Instant::now();
        map.insert(hash.to_owned(), Entry { row, loaded });
    }

    /// Records a `last_seen_at` the caller has just written to the database.
    pub fn touched(&self, hash: &str, now: i64) {
        if let Some(e) = self.map.write().expect("session cache lock").get_mut(hash) {
            e.row.last_seen_at = now;
        }
    }

    /// Drops one session (logout, expiry).
    pub fn forget(&self, hash: &str) {
        let mut map = self.map.write().expect("session cache lock");
        self.generation.fetch_add(1, Ordering::AcqRel);
        map.remove(hash);
    }

    /// Drops every session of a user whose account just changed.
    pub fn forget_user(&self, user_id: i64) {
        let mut map = self.map.write().expect("session cache lock");
        self.generation.fetch_add(1, Ordering::AcqRel);
        map.retain(|_, e| e.row.user_id != user_id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(user_id: i64) -> SessionRow {
        SessionRow {
            user_id,
            username: format!("u{user_id}"),
            role: "viewer".into(),
            disabled: false,
            last_seen_at: 0,
            expires_at: i64::MAX,
        }
    }

    #[test]
    fn invalidation_wins_over_a_lookup_that_raced_it() {
        let c = SessionCache::default();
        let before = c.generation();
        c.forget_user(7);
        c.put("a", row(7), before);
        assert!(
            c.get("a").is_none(),
            "a row read before the change was cached"
        );
        c.put("a", row(7), c.generation());
        assert_eq!(c.get("a").map(|r| r.user_id), Some(7));
    }

    #[test]
    fn forgetting_a_user_drops_only_their_sessions() {
        let c = SessionCache::default();
        for (hash, user) in [("a", 1), ("b", 1), ("c", 2)] {
            c.put(hash, row(user), c.generation());
        }
        c.forget_user(1);
        assert!(c.get("a").is_none() && c.get("b").is_none());
        assert!(c.get("c").is_some());
        c.forget("c");
        assert!(c.get("c").is_none());
    }
}
