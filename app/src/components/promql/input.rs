//! The PromQL input with autocomplete of metric names, label names and label
//! values from the chosen data source. Suggestions are text buttons.

use leptos::prelude::*;

use super::complete::{apply, byte_at, matches, want_at, Want};
use crate::model::{Query, QueryData};
use crate::server_fns::query::run_one;

async fn names(query: Query) -> Vec<String> {
    match run_one(query).await {
        Ok((QueryData::Names { names }, _)) => names,
        _ => Vec::new(),
    }
}

#[component]
pub fn PromInput(
    value: RwSignal<String>,
    #[prop(into)] datasource: Signal<Option<i64>>,
) -> impl IntoView {
    let focused = RwSignal::new(false);
    let input = NodeRef::<leptos::html::Input>::new();
    // Where the caret is (bytes into the text): suggestions are for the word
    // before it, wherever it is in the query.
    let caret = RwSignal::new(usize::MAX);
    let track = move || {
        if let Some(el) = input.get_untracked() {
            let units = el.selection_start().ok().flatten().unwrap_or(u32::MAX);
            caret.set(byte_at(&el.value(), units));
        }
    };
    // Takes a suggestion: the text is set on the element first, then the
    // caret goes just after what was inserted.
    let take = move |(text, at): (String, usize)| {
        if let Some(el) = input.get_untracked() {
            el.set_value(&text);
            let units = text[..at].encode_utf16().count() as u32;
            let _ = el.set_selection_range(units, units);
            let _ = el.focus();
        }
        caret.set(at);
        value.set(text);
    };
    // Hides the list a moment after a blur (so a click on it lands), unless
    // the input has been focused again meanwhile.
    let still_away = move || {
        let active = document().active_element();
        let back = input
            .get_untracked()
            .is_some_and(|el| active.is_some_and(|a| a == **el));
        if !back {
            focused.set(false);
        }
    };
    let want = Memo::new(move |_| value.with(|text| want_at(&text[..caret.get().min(text.len())])));
    let metrics = LocalResource::new(move || {
        let ds = datasource.get();
        async move {
            match ds {
                Some(datasource) => names(Query::MetricNames { datasource }).await,
                None => Vec::new(),
            }
        }
    });
    let labels = LocalResource::new(move || {
        let ds = datasource.get();
        async move {
            match ds {
                Some(datasource) => names(Query::LabelNames { datasource }).await,
                None => Vec::new(),
            }
        }
    });
    let values_of = Memo::new(move |_| match want.get() {
        Some(Want::LabelValue { label, .. }) => Some(label),
        _ => None,
    });
    let values = LocalResource::new(move || {
        let (ds, label) = (datasource.get(), values_of.get());
        async move {
            match (ds, label) {
                (Some(datasource), Some(label)) => {
                    names(Query::LabelValues { datasource, label }).await
                }
                _ => Vec::new(),
            }
        }
    });
    let suggestions = move || {
        let w = want.get()?;
        let pool = match &w {
            Want::Metric(_) => metrics.get(),
            Want::LabelName(_) => labels.get(),
            Want::LabelValue { .. } => values.get(),
        }?;
        let found = matches(&pool, w.prefix(), 12);
        (focused.get() && !found.is_empty()).then_some((w, found))
    };
    view! {
        <div class="prom-input">
            <input node_ref=input name="q" aria-label="PromQL" autocomplete="off" spellcheck="false" bind:value=value
                placeholder="PromQL, e.g. sum(rate(http_requests_total[5m])) by (service)"
                on:focus=move |_| { focused.set(true); track() }
                on:input=move |_| track() on:keyup=move |_| track() on:click=move |_| track()
                on:blur=move |_| { set_timeout(still_away, std::time::Duration::from_millis(200)); }
                on:keydown=move |ev| if ev.key() == "Escape" { focused.set(false) } />
            {move || suggestions().map(|(w, found)| view! {
                <ul class="suggestions" data-test="suggestions" role="listbox">
                    {found.into_iter().map(|choice| {
                        let w = w.clone();
                        let on_take = { let choice = choice.clone(); move |ev: leptos::ev::MouseEvent| {
                            ev.prevent_default();
                            let at = caret.get_untracked();
                            take(value.with_untracked(|t| apply(t, at.min(t.len()), &w, &choice)));
                        } };
                        view! { <li><button type="button" class="link" role="option" data-suggestion=choice.clone() on:mousedown=on_take>{choice.clone()}</button></li> }
                    }).collect_view()}
                </ul>
            })}
        </div>
    }
}
