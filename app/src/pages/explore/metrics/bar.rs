//! The metrics query bar: data source, PromQL (with autocomplete), legend
//! format, unit, and chart or table. Submitting puts it all in the URL.

use leptos::prelude::*;

use super::super::state::ExploreState;
use crate::components::chart::scale::Unit;
use crate::components::promql::PromInput;
use crate::model::DataSource;

#[component]
pub fn MetricsBar(
    state: Memo<ExploreState>,
    go: Callback<ExploreState>,
    /// The Prometheus sources, and the one in use.
    sources: Signal<Vec<DataSource>>,
    ds: Signal<Option<i64>>,
) -> impl IntoView {
    let (input, legend, step) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    Effect::new(move |_| {
        let s = state.get();
        input.set(s.q);
        legend.set(s.legend);
        step.set(s.step);
    });
    let with = super::super::edit_state(state, ds, go);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        with(&|s| {
            s.q = input.get_untracked();
            s.legend = legend.get_untracked();
            s.step = step.get_untracked().trim().to_owned();
        });
    };
    view! {
        <form class="querybar" on:submit=submit data-test="metrics-bar">
            <Suspense fallback=|| ()>
                <select aria-label="Data source" on:change=move |ev| { let v = event_target_value(&ev).parse().ok(); with(&|s| s.ds = v) }>
                    {move || {
                        let chosen = ds.get();
                        sources.get().into_iter().map(|d| view! { <option value=d.id selected=chosen == Some(d.id)>{d.settings.name}</option> }).collect_view()
                    }}
                </select>
                <PromInput value=input datasource=ds />
            </Suspense>
            <input name="legend" aria-label="Legend format" class="legend-format" bind:value=legend placeholder="Legend, e.g. {{instance}}" />
            <input name="step" aria-label="Step" class="step" bind:value=step placeholder="step: auto" title="Resolution, e.g. 15s or 1m; empty follows the chart width" />
            <select aria-label="Unit" data-test="unit" prop:value=move || Unit::parse(&state.with(|s| s.unit.clone())).key()
                on:change=move |ev| { let v = event_target_value(&ev); with(&|s| s.unit = v.clone()) }>
                {Unit::ALL.iter().map(|(_, key, label)| view! { <option value=*key>{*label}</option> }).collect_view()}
            </select>
            <button type="button" class="secondary" data-test="toggle-table" on:click=move |_| with(&|s| s.table = !s.table)>
                {move || if state.with(|s| s.table) { "Chart" } else { "Table" }}
            </button>
            <button type="submit">"Run"</button>
        </form>
    }
}
