//! Something worked out from a shared object, remembered for the last few
//! such objects by the object's address. A crowd given one shared answer
//! (one parsed page of hits, one kept panel cut) then does the work on it
//! once, not once each: masking it for viewers (`server::masking::recent`),
//! or writing it as JSON ([`super::shared_json`]).
//!
//! Sound because the object is held weakly: while an entry holds it, its
//! address cannot be given to another object, so an equal address is the
//! same object. And a shared object is never changed in place
//! (`Arc::make_mut` moves it away from weak holders first), so what was
//! worked out from it stays true. An object nobody holds any more is
//! forgotten at the next `put`.

use std::sync::{Arc, Mutex, MutexGuard, Weak};

/// Up to `keep` objects of type `T`, each with a key `K` (what else the
/// work depended on) and what was worked out, `V`.
pub struct ByAddress<T, K, V> {
    keep: usize,
    list: Mutex<Vec<Entry<T, K, V>>>,
}

struct Entry<T, K, V> {
    of: Weak<T>,
    key: K,
    value: V,
}

impl<T, K: PartialEq, V: Clone> ByAddress<T, K, V> {
    /// Remembers at most `keep` objects (a `const fn`, for a `static`).
    pub const fn new(keep: usize) -> Self {
        Self {
            keep,
            list: Mutex::new(Vec::new()),
        }
    }

    /// What was worked out from `of` for `key`, if it is remembered.
    pub fn get(&self, of: &Arc<T>, key: &K) -> Option<V> {
        self.lock()
            .iter()
            .find(|e| std::ptr::eq(e.of.as_ptr(), Arc::as_ptr(of)) && e.key == *key)
            .map(|e| e.value.clone())
    }

    /// Remembers `value` as worked out from `of` for `key`, forgetting
    /// the objects nobody holds and then, if still full, the oldest.
    pub fn put(&self, of: &Arc<T>, key: K, value: V) {
        self.put_within(of, key, value, usize::MAX, |_| 0);
    }

    /// Like [`Self::put`], and also holds the values' total `weight` within
    /// `budget`, forgetting the oldest first; a value heavier than the
    /// whole budget is not remembered.
    pub fn put_within(
        &self,
        of: &Arc<T>,
        key: K,
        value: V,
        budget: usize,
        weight: impl Fn(&V) -> usize,
    ) {
        let heavy = weight(&value);
        if heavy > budget {
            return;
        }
        let mut list = self.lock();
        list.retain(|e| e.of.strong_count() > 0);
        let mut total: usize = list.iter().map(|e| weight(&e.value)).sum();
        while !list.is_empty() && (list.len() >= self.keep || total + heavy > budget) {
            total -= weight(&list.remove(0).value);
        }
        list.push(Entry {
            of: Arc::downgrade(of),
            key,
            value,
        });
    }

    /// Objects remembered now.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// True when nothing is remembered.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The list. Nothing panics while holding it, and a poisoned list is
    /// still a list of weak pointers and values.
    fn lock(&self) -> MutexGuard<'_, Vec<Entry<T, K, V>>> {
        self.list.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_by_the_object_and_key_and_forgets_dropped_objects() {
        let memo: ByAddress<Vec<u8>, u8, &str> = ByAddress::new(2);
        let (a, b) = (Arc::new(vec![1]), Arc::new(vec![1]));
        memo.put(&a, 0, "a0");
        assert_eq!(memo.get(&a, &0), Some("a0"));
        assert_eq!(memo.get(&a, &1), None, "another key");
        assert_eq!(memo.get(&b, &0), None, "an equal but other object");

        memo.put(&b, 0, "b0");
        let c = Arc::new(vec![2]);
        memo.put(&c, 0, "c0");
        assert_eq!(memo.get(&a, &0), None, "the oldest goes when full");
        assert_eq!(memo.len(), 2);

        drop(b);
        let d = Arc::new(vec![3]);
        memo.put(&d, 0, "d0");
        assert_eq!(memo.get(&c, &0), Some("c0"), "a dropped object went first");
        assert_eq!(memo.len(), 2);
    }

    #[test]
    fn a_byte_budget_forgets_the_oldest_and_refuses_what_cannot_fit() {
        let memo: ByAddress<u8, (), &str> = ByAddress::new(10);
        let objects: Vec<_> = (0..4).map(Arc::new).collect();
        let put = |i: usize, v: &'static str| memo.put_within(&objects[i], (), v, 6, |v| v.len());
        put(0, "aaa");
        put(1, "bb");
        assert_eq!(memo.len(), 2);
        put(2, "ccc");
        assert_eq!(memo.get(&objects[0], &()), None, "the oldest made room");
        assert_eq!(memo.get(&objects[1], &()), Some("bb"));
        put(3, "ddddddd");
        assert_eq!(memo.get(&objects[3], &()), None, "heavier than the budget");
        assert_eq!(memo.len(), 2, "and nothing was forgotten for it");
    }
}
