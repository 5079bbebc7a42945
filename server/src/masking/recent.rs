//! What masking made of the pages of hits it masked last, by the shared
//! page it was given. Identical searches in flight share one parsed page
//! (`elasticsearch::logs`), but each viewer given it had its text read
//! through every rule again: a crowd of viewers on one logs panel got about
//! half the answers an admin crowd gets. Remembered, the page is masked
//! once and every viewer after gets the same copy (or the page itself, when
//! nothing in it changes).

use std::sync::{Arc, Mutex, Weak};

use app::model::LogHit;

/// Shared pages remembered at once: a few logs panels in view.
const KEEP: usize = 8;

/// What a viewer gets for a shared page: a masked copy and how many hits
/// it left out, or `None` for the page itself.
pub type Masked = Option<(Arc<Vec<LogHit>>, u64)>;

struct Entry {
    /// The shared page, held weakly so that it is not kept alive. While
    /// this is held its address cannot be reused, so an equal address is
    /// the same page; and a shared page is never changed in place
    /// (`Arc::make_mut` moves it away from weak holders first).
    page: Weak<Vec<LogHit>>,
    /// The search's words: they decide which hits are left out.
    words: Vec<String>,
    masked: Masked,
}

/// The last [`KEEP`] pages masked; a page nobody holds any more is
/// forgotten at the next one.
#[derive(Default)]
pub struct Recent(Mutex<Vec<Entry>>);

impl Recent {
    /// What masking made of `page` for `words`, if it is remembered.
    pub fn get(&self, page: &Arc<Vec<LogHit>>, words: &[String]) -> Option<Masked> {
        let list = self.0.lock().ok()?;
        list.iter()
            .find(|e| std::ptr::eq(e.page.as_ptr(), Arc::as_ptr(page)) && e.words == words)
            .map(|e| e.masked.clone())
    }

    /// Remembers what masking made of `page` for `words`.
    pub fn put(&self, page: &Arc<Vec<LogHit>>, words: Vec<String>, masked: Masked) {
        let Ok(mut list) = self.0.lock() else {
            return;
        };
        list.retain(|e| e.page.strong_count() > 0);
        if list.len() >= KEEP {
            list.remove(0);
        }
        list.push(Entry {
            page: Arc::downgrade(page),
            words,
            masked,
        });
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.0.lock().map_or(0, |l| l.len())
    }
}
