//! The runs of a view's panels, kept for as long as the view.
//!
//! A dashboard's grid is made of reactive parts (rows, `<For>`, `<Show>`),
//! and such a part may be made more than once for one view: on the server
//! a `<Suspense>` walks its children once to find what they load and again
//! to render them; in the browser, leaving a panel shown alone re-makes the
//! grid. A panel that made its own run each time would be run again each
//! time: on the server every panel ran twice per page view and its answer
//! was sent twice in the page. So a panel's run (its resource, and whether
//! it was seen) is kept here, by panel id and definition, and a re-made
//! panel takes the kept one. A changed definition gets a new run.

use std::collections::HashMap;

use leptos::prelude::*;

use crate::components::initially_visible;
use crate::components::panel::Run;

/// A panel's kept run: the definition it runs, its resource, its seen flag.
#[derive(Clone, Copy)]
struct Kept {
    run: Resource<Run>,
    seen: RwSignal<bool>,
}

/// The kept runs of one view's panels (see the module doc).
#[derive(Clone)]
pub struct PanelRuns {
    /// The view's owner: a kept run lives as long as the view, not as the
    /// panel that first made it.
    owner: Owner,
    kept: StoredValue<HashMap<String, (String, Kept)>>,
}

impl PanelRuns {
    /// Keeps the runs of the panels made below the calling view.
    pub fn provide() {
        if let Some(owner) = Owner::current() {
            provide_context(Self {
                owner,
                kept: StoredValue::new(HashMap::new()),
            });
        }
    }

    /// Panel `id`'s run for `definition`: the kept one, or one made now by
    /// `make` (given the panel's seen flag) and kept.
    pub fn get_or_make(
        &self,
        id: &str,
        definition: String,
        make: impl FnOnce(RwSignal<bool>) -> Resource<Run>,
    ) -> (Resource<Run>, RwSignal<bool>) {
        let found = self
            .kept
            .with_value(|m| m.get(id).filter(|(d, _)| *d == definition).map(|(_, k)| *k));
        if let Some(k) = found {
            return (k.run, k.seen);
        }
        let k = self.owner.with(|| {
            let seen = RwSignal::new(initially_visible());
            Kept {
                run: make(seen),
                seen,
            }
        });
        self.kept.update_value(|m| {
            m.insert(id.to_owned(), (definition, k));
        });
        (k.run, k.seen)
    }
}
