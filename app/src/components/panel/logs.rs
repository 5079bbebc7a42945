//! A logs panel: the hits in the log table (expand, highlight, masking for
//! non-admins on the server), and "Show surrounding logs" opening the same
//! context view as Explore's right under the table, on the panel's data
//! source.

use leptos::prelude::*;

use super::Sources;
use crate::components::log_context::ContextPanel;
use crate::components::{LogTable, RowActions};
use crate::model::LogHit;

#[component]
pub fn LogsPanel(hits: Vec<LogHit>, columns: Vec<String>, datasource: String) -> impl IntoView {
    let sources = use_context::<Sources>();
    let anchor = RwSignal::new(None::<LogHit>);
    let actions = RowActions {
        // Only where the page knows the data sources (not a shared view).
        context: sources
            .is_some()
            .then(|| Callback::new(move |h: LogHit| anchor.set(Some(h)))),
        metrics: None,
    };
    let cols = columns.clone();
    view! {
        <LogTable hits=hits columns=columns actions />
        {move || {
            let hit = anchor.get()?;
            let list = sources?.0.get()?;
            let ds = list.into_iter().find(|d| d.settings.name.eq_ignore_ascii_case(&datasource))?;
            Some(view! {
                <ContextPanel datasource=ds.id index=None anchor=hit keys=ds.settings.context_fields
                    columns=cols.clone() metrics=None on_close=Callback::new(move |_| anchor.set(None)) />
            })
        }}
    }
}
