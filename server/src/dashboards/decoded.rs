//! The latest version of each dashboard in view, decoded once. Every panel
//! query (and every panel of a page the server renders) decoded the whole
//! stored model: the JSON, its migration, the checks. A stored version
//! never changes (a save writes the next one), so a dashboard's uid, version
//! and `updated_at` name one model for good: `updated_at` tells apart a
//! dashboard created later under the uid of one purged 30 days after its
//! deletion, whose versions start again at 1.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use app::model::dashboard::Dashboard;

/// Dashboards kept decoded; past this the whole map starts again (rare:
/// this many different dashboards looked at between two starts).
const KEEP: usize = 64;

/// uid, version, updated_at.
type Key = (String, i64, i64);

#[derive(Default)]
pub struct Decoded(Mutex<HashMap<Key, Arc<Dashboard>>>);

impl Decoded {
    pub fn get(&self, key: &Key) -> Option<Arc<Dashboard>> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(key)
            .cloned()
    }

    pub fn put(&self, key: Key, dashboard: Arc<Dashboard>) {
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() >= KEEP {
            map.clear();
        }
        // An older version of the same dashboard is not asked for again.
        map.retain(|(uid, _, _), _| *uid != key.0);
        map.insert(key, dashboard);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_is_found_only_under_its_own_uid_version_and_time() {
        let model = serde_json::json!({
            "kind": "Dashboard", "schemaVersion": 1,
            "metadata": { "uid": "a", "title": "A" }, "spec": {}
        });
        let d = Arc::new(Dashboard::from_value(model).unwrap());
        let decoded = Decoded::default();
        decoded.put(("a".into(), 1, 100), d.clone());
        assert!(decoded.get(&("a".into(), 1, 100)).is_some());
        assert!(decoded.get(&("a".into(), 1, 200)).is_none(), "recreated");
        assert!(decoded.get(&("b".into(), 1, 100)).is_none());
        decoded.put(("a".into(), 2, 150), d);
        assert!(
            decoded.get(&("a".into(), 1, 100)).is_none(),
            "older version gone"
        );
        assert!(decoded.get(&("a".into(), 2, 150)).is_some());
    }
}
