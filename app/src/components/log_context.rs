//! "Show surrounding logs": the hits just before and after one hit from the
//! same service and host (the data source's context fields), the hit itself
//! marked, with "load more" both ways.

use leptos::prelude::*;

use super::{LogTable, RowActions};
use crate::model::{Cursor, LogHit, Query, QueryData};
use crate::server_fns::query::run_one;

/// How many hits each "load" fetches on either side.
pub const CONTEXT_SIZE: u32 = 10;

/// One side of the context: hits (newest first) and where to continue.
async fn side(
    (ds, index): (i64, Option<String>),
    anchor: &LogHit,
    from: Cursor,
    newer: bool,
) -> Result<(Vec<LogHit>, Option<Cursor>), String> {
    let q = Query::Context {
        datasource: ds,
        index,
        anchor: from,
        fields: anchor.fields.clone(),
        newer,
        size: CONTEXT_SIZE,
    };
    match run_one(q).await?.0 {
        QueryData::Logs { hits, next, .. } => Ok((std::sync::Arc::unwrap_or_clone(hits), next)),
        _ => Err("unexpected answer".into()),
    }
}

#[component]
pub fn ContextPanel(
    datasource: i64,
    /// The search's index pattern, if it overrides the source's.
    index: Option<String>,
    anchor: LogHit,
    /// The key fields, to say what "surrounding" means here.
    keys: Vec<String>,
    #[prop(into)] columns: Signal<Vec<String>>,
    on_close: Callback<()>,
    metrics: Option<Callback<LogHit>>,
) -> impl IntoView {
    let newer = RwSignal::new(Vec::<LogHit>::new());
    let older = RwSignal::new(Vec::<LogHit>::new());
    let newer_next = RwSignal::new(Some(anchor.sort.clone()));
    let older_next = RwSignal::new(Some(anchor.sort.clone()));
    let error = RwSignal::new(None::<String>);
    let load = Action::new_local({
        let anchor = anchor.clone();
        move |is_newer: &bool| {
            let (anchor, is_newer, index) = (anchor.clone(), *is_newer, index.clone());
            let cursor = if is_newer { newer_next } else { older_next };
            async move {
                let Some(from) = cursor.get_untracked() else {
                    return;
                };
                match side((datasource, index), &anchor, from, is_newer).await {
                    Ok((hits, next)) => {
                        cursor.set(next);
                        if is_newer {
                            newer.update(|n| *n = hits.into_iter().chain(n.drain(..)).collect());
                        } else {
                            older.update(|o| o.extend(hits));
                        }
                    }
                    Err(e) => error.set(Some(e)),
                }
            }
        }
    });
    load.dispatch(true);
    load.dispatch(false);
    let all = {
        let anchor = anchor.clone();
        Signal::derive(move || {
            newer
                .get()
                .into_iter()
                .chain([anchor.clone()])
                .chain(older.get())
                .collect::<Vec<_>>()
        })
    };
    let what = keys
        .iter()
        .map(|k| format!("{k} = {}", crate::components::field_text(&anchor, k)))
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <section class="context" data-test="context">
            <header>
                <h2>"Surrounding logs"</h2>
                <span class="muted">{if what.is_empty() { "all logs".to_owned() } else { what }}</span>
                <button type="button" class="link" data-test="close-context" on:click=move |_| on_close.run(())>"Close"</button>
            </header>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <button type="button" class="secondary small" data-test="context-newer" disabled=move || newer_next.get().is_none() on:click=move |_| { load.dispatch(true); }>
                {move || if newer_next.get().is_some() { "Load 10 newer" } else { "No newer logs" }}
            </button>
            <LogTable hits=all columns anchor=anchor.id.clone() actions=RowActions { context: None, metrics } />
            <button type="button" class="secondary small" data-test="context-older" disabled=move || older_next.get().is_none() on:click=move |_| { load.dispatch(false); }>
                {move || if older_next.get().is_some() { "Load 10 older" } else { "No older logs" }}
            </button>
        </section>
    }
}
