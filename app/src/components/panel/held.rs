//! What a reader set inside a panel, held by the panel across refreshes.
//! Each new answer draws the panel's body again; before this, every
//! auto-refresh tick put a series isolated from the legend back to all, a
//! table back to its first order, opened rows shut, and closed the
//! surrounding logs an engineer had opened from a logs panel.

use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::components::ExpandedHits;
use crate::model::LogHit;

/// One panel's reader-set view state; made by the panel runner, which
/// outlives its answers.
#[derive(Clone, Copy)]
pub struct Held {
    /// The series a legend click shows alone.
    pub isolated: RwSignal<Option<String>>,
    /// A values table's sort: (column, descending).
    pub sort: RwSignal<(usize, bool)>,
    /// The series whose points a series table shows.
    pub open: RwSignal<BTreeSet<String>>,
    /// The log hits shown expanded.
    pub expanded: ExpandedHits,
    /// The hit whose surrounding logs are open.
    pub context: RwSignal<Option<LogHit>>,
}

impl Held {
    pub fn new() -> Self {
        Self {
            isolated: RwSignal::new(None),
            sort: RwSignal::new((0, false)),
            open: RwSignal::new(BTreeSet::new()),
            expanded: ExpandedHits::default(),
            context: RwSignal::new(None),
        }
    }
}

impl Default for Held {
    fn default() -> Self {
        Self::new()
    }
}
