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

/// A panel's kept run and its "seen" flag.
pub type PanelRuns = Keep<(Resource<Run>, RwSignal<bool>)>;

/// A variable picker's kept options (or why there are none).
pub type PickerOptions = Keep<Resource<Result<Vec<String>, String>>>;

/// Loads kept by one view (see the module doc), each by id and definition.
pub struct Keep<K: 'static> {
    /// The view's owner: a kept load lives as long as the view's render,
    /// not as the part that first made it.
    owner: Owner,
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
                owner,
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
        let k = self.owner.with(make);
        self.kept.update_value(|m| {
            m.insert(id.to_owned(), (definition, k));
        });
        k
    }
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
