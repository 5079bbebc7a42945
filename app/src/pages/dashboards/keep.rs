//! What a view's panels and variable pickers load on the server, kept for
//! the one render.
//!
//! A dashboard's grid and variable bar are made of reactive parts (rows,
//! `<For>`, `<Show>`). On the server a `<Suspense>` walks its children once
//! to find what they load and again to render them, so each part is made
//! twice for one page. A panel that made its own resource each time ran
//! twice per page view, and its answer was sent twice in the page. So on
//! the server a panel's run and a picker's options are kept here, by id
//! and definition, and the part made again takes the kept one.
//!
//! The browser makes each part once while it hydrates, and later parts
//! must end with the part (a removed panel or a renamed variable must stop
//! asking), so it keeps nothing: [`Keep::provide`] is a no-op there.

use std::collections::HashMap;

use leptos::prelude::*;

use crate::components::panel::Run;
use crate::components::InView;

/// A panel's kept run and where it is against the viewport.
pub type PanelRuns = Keep<(Resource<Run>, InView)>;

/// A variable picker's kept options (or why there are none).
pub type PickerOptions = Keep<Resource<Result<Vec<String>, String>>>;

/// Loads kept by one view (see the module doc), each by id and definition.
pub struct Keep<K: 'static> {
    /// The view's owner: a kept load lives as long as the view's render,
    /// not as the part that first made it. Weak: this store is one of the
    /// owner's contexts, and a strong reference would keep every render's
    /// whole view alive for ever.
    owner: WeakOwner,
    kept: StoredValue<HashMap<String, (String, K)>>,
}

impl<K: 'static> Clone for Keep<K> {
    fn clone(&self) -> Self {
        Self {
            owner: self.owner.clone(),
            kept: self.kept,
        }
    }
}

impl<K: Copy + Send + Sync + 'static> Keep<K> {
    /// Keeps the loads of this kind made below the calling view, on the
    /// server (see the module doc).
    pub fn provide() {
        #[cfg(not(feature = "hydrate"))]
        if let Some(owner) = Owner::current() {
            provide_context(Self {
                owner: owner.downgrade(),
                kept: StoredValue::new(HashMap::new()),
            });
        }
    }

    /// The load kept for `id` and `definition`, or one made now by `make`
    /// (under the view's owner) and kept.
    pub fn get_or_make(&self, id: &str, definition: String, make: impl FnOnce() -> K) -> K {
        let found = self
            .kept
            .with_value(|m| m.get(id).filter(|(d, _)| *d == definition).map(|(_, k)| *k));
        if let Some(k) = found {
            return k;
        }
        let k = match self.owner.upgrade() {
            Some(owner) => owner.with(make),
            None => make(),
        };
        self.kept.update_value(|m| {
            m.insert(id.to_owned(), (definition, k));
        });
        k
    }
}

/// Keeps, for the calling view's render on the server, its panels' runs
/// and its pickers' options.
pub fn provide() {
    PanelRuns::provide();
    PickerOptions::provide();
}

/// `make`'s load, kept by the view if it provides a [`Keep`] of its kind
/// (and `keep` is true), else made for the calling part alone.
pub fn kept<K: Copy + Send + Sync + 'static>(
    keep: bool,
    id: &str,
    definition: impl FnOnce() -> String,
    make: impl FnOnce() -> K,
) -> K {
    match use_context::<Keep<K>>().filter(|_| keep) {
        Some(store) => store.get_or_make(id, definition(), make),
        None => make(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_made_again_takes_the_kept_load_until_its_definition_changes() {
        let owner = Owner::new();
        owner.with(|| {
            Keep::<u32>::provide();
            let made = std::cell::Cell::new(0u32);
            let get = |def: &str| {
                kept(
                    true,
                    "cpu",
                    || def.to_owned(),
                    || {
                        made.set(made.get() + 1);
                        made.get()
                    },
                )
            };
            assert_eq!(get("v1"), 1);
            assert_eq!(get("v1"), 1, "made again: the kept one");
            assert_eq!(get("v2"), 2, "a changed definition: a new one");
            assert_eq!(made.get(), 2);
            assert_eq!(
                kept(false, "cpu", || "v2".into(), || 9),
                9,
                "a preview keeps nothing"
            );
        });
    }

    #[test]
    fn the_store_does_not_keep_its_view_alive() {
        let owner = Owner::new();
        let weak = owner.downgrade();
        owner.with(|| {
            PanelRuns::provide();
            PickerOptions::provide();
            Keep::<u32>::provide();
            assert!(use_context::<Keep<u32>>().is_some());
        });
        drop(owner);
        // Held strongly, every page render's whole view leaked (RSS grew
        // about 12 MB every 5 s under a page load).
        assert!(weak.upgrade().is_none(), "the render's owner is freed");
    }
}
