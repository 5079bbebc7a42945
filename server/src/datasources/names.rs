//! Every data source's name and id, kept between writes. A dashboard names
//! its data sources, so every panel query (and every panel of a page the
//! server renders) resolved the names by reading and decoding the whole
//! table: a database round trip, a hand-off to SQLite's thread and back,
//! per panel. Every write goes through [`super::service::DataSourceService`],
//! which calls [`Names::changed`] after it, so a kept list is never older
//! than the last write. (With several replicas on PostgreSQL, this will need
//! a change notification, like the client cache.)

use std::sync::{Arc, RwLock};

/// Name and id of each data source.
pub type NameList = Arc<[(String, i64)]>;

#[derive(Default)]
pub struct Names(RwLock<State>);

#[derive(Default)]
struct State {
    /// Bumped by every write, so a list read before a write is not kept
    /// after it.
    generation: u64,
    list: Option<NameList>,
}

impl Names {
    /// The kept list, or the generation a list read now is kept under.
    pub fn get(&self) -> Result<NameList, u64> {
        let state = self.0.read().unwrap_or_else(|e| e.into_inner());
        state.list.clone().ok_or(state.generation)
    }

    /// Keeps `list`, read from storage at `generation`, unless a write
    /// came since.
    pub fn put(&self, generation: u64, list: NameList) {
        let mut state = self.0.write().unwrap_or_else(|e| e.into_inner());
        if state.generation == generation {
            state.list = Some(list);
        }
    }

    /// After every write: drops the list.
    pub fn changed(&self) {
        let mut state = self.0.write().unwrap_or_else(|e| e.into_inner());
        state.generation += 1;
        state.list = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_read_before_a_write_is_not_kept_after_it() {
        let names = Names::default();
        let generation = names.get().unwrap_err();
        let old: NameList = Arc::from(vec![("prom".to_owned(), 1)]);
        names.changed();
        names.put(generation, old);
        let now = names.get().unwrap_err();
        assert_ne!(now, generation, "the stale list was not kept");

        let new: NameList = Arc::from(vec![("prom".to_owned(), 2)]);
        names.put(now, new.clone());
        assert_eq!(names.get().unwrap(), new);
        names.changed();
        assert!(names.get().is_err(), "a write drops it");
    }
}
