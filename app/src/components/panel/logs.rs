//! A logs panel: the hits in the log table (expand, highlight, masking for
//! non-admins on the server), and "Show surrounding logs" opening the same
//! context view as Explore's right under the table, on the panel's data
//! source.

use leptos::prelude::*;

use super::picture::log_columns;
use super::{Held, Sources};
use crate::components::log_context::ContextPanel;
use crate::components::{LogTable, RowActions};
use crate::model::dashboard::Panel;
use crate::model::LogHit;

#[component]
pub fn LogsPanel(
    hits: Vec<LogHit>,
    columns: Vec<String>,
    /// Expanded rows and the open surrounding logs, kept across refreshes.
    held: Held,
) -> impl IntoView {
    let actions = RowActions {
        // Only where the page knows the data sources (not a shared view).
        context: use_context::<Sources>()
            .is_some()
            .then(|| Callback::new(move |h: LogHit| held.context.set(Some(h)))),
        metrics: None,
    };
    view! { <LogTable hits=hits columns=columns actions expanded=held.expanded /> }
}

/// The surrounding logs opened from a hit of a logs panel, on the panel's
/// data source. Drawn by the runner beside the panel's answer, not inside
/// it, so a refresh neither closes it nor asks for it again.
#[component]
pub fn HeldContext(panel: Signal<Panel>, held: Held) -> impl IntoView {
    let sources = use_context::<Sources>();
    move || {
        let hit = held.context.get()?;
        let list = sources?.0.get()?;
        let (datasource, columns) = panel.with(|p| (logs_source(p), log_columns(p)));
        let ds = list
            .into_iter()
            .find(|d| d.settings.name.eq_ignore_ascii_case(&datasource))?;
        Some(view! {
            <ContextPanel datasource=ds.id index=None anchor=hit keys=ds.settings.context_fields
                columns metrics=None on_close=Callback::new(move |_| held.context.set(None)) />
        })
    }
}

/// The data source a logs panel reads: its first query's, else the panel's.
pub fn logs_source(panel: &Panel) -> String {
    panel
        .spec
        .queries
        .first()
        .and_then(|q| q.datasource.clone())
        .or(panel.spec.datasource.clone())
        .unwrap_or_default()
}
