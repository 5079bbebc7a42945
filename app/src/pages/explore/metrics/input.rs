//! The PromQL input with autocomplete of metric names, label names and label
//! values from the chosen data source. Suggestions are text buttons.

use leptos::prelude::*;

use super::complete::{apply, matches, want_at, Want};
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
    // Takes a suggestion: the text is set on the element first, so typing
    // goes on at its end.
    let take = move |text: String| {
        if let Some(el) = input.get_untracked() {
            el.set_value(&text);
            let end = text.encode_utf16().count() as u32;
            let _ = el.set_selection_range(end, end);
            let _ = el.focus();
        }
        value.set(text);
    };
    let want = Memo::new(move |_| want_at(&value.get()));
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
                on:focus=move |_| focused.set(true)
                on:blur=move |_| { set_timeout(move || focused.set(false), std::time::Duration::from_millis(200)); }
                on:keydown=move |ev| if ev.key() == "Escape" { focused.set(false) } />
            {move || suggestions().map(|(w, found)| view! {
                <ul class="suggestions" data-test="suggestions" role="listbox">
                    {found.into_iter().map(|choice| {
                        let w = w.clone();
                        let on_take = { let choice = choice.clone(); move |ev: leptos::ev::MouseEvent| {
                            ev.prevent_default();
                            take(apply(&value.get_untracked(), &w, &choice));
                        } };
                        view! { <li><button type="button" class="link" role="option" data-suggestion=choice.clone() on:mousedown=on_take>{choice.clone()}</button></li> }
                    }).collect_view()}
                </ul>
            })}
        </div>
    }
}
