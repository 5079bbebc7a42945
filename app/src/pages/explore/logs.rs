//! Explore, logs mode: Lucene search over a range with the hits histogram
//! (click a bar or drag across bars to narrow), the hit count, the table with
//! "load more", the field sidebar, surrounding logs, the jump to metrics,
//! and export.

use leptos::prelude::*;

use super::export::ExportButtons;
use super::fields::{FieldSidebar, SidebarState};
use super::search::{count_label, Histogram, Search};
use super::state::ExploreState;
use super::{edit_state, first_source, sources_of, zone_offset};
use crate::components::chart::scale::Unit;
use crate::components::chart::{Chart, Plotted};
use crate::components::log_context::ContextPanel;
use crate::components::recent::{remember, RecentQueries};
use crate::components::{use_zone, ExpandedHits, LogTable, RowActions};
use crate::model::template::promql::fill_template;
use crate::model::{DataSource, DataSourceKind, ExploreMode, LogHit};

/// ±15 minutes around a hit, for "Metrics at this moment".
const AROUND_MS: i64 = 15 * 60_000;

#[component]
pub fn LogsView(
    state: Memo<ExploreState>,
    go: Callback<ExploreState>,
    sources: Resource<Vec<DataSource>>,
    tick: RwSignal<u64>,
) -> impl IntoView {
    let zone = use_zone();
    let logs_sources = sources_of(sources, DataSourceKind::Elasticsearch);
    let key = move || {
        let (ds, query, from, to, index) = state.with(|s| {
            let index = Some(s.index.trim().to_owned()).filter(|i| !i.is_empty());
            let t = s.times();
            (s.ds, s.q.clone(), t.from, t.to, index)
        });
        let offset_min = zone_offset(zone, &from, &to);
        ((ds, index), query, from, to, offset_min, tick.get())
    };
    // One resource picks the data source (the URL's, else the first log
    // source) and searches, so no resource waits on another.
    let results = Resource::new(
        key,
        |((ds, index), query, from, to, offset_min, _)| async move {
            let datasource = match ds {
                Some(d) => d,
                None => first_source(DataSourceKind::Elasticsearch).await?,
            };
            let search = Search {
                datasource,
                query,
                from,
                to,
                offset_min,
                index,
            };
            Some((search.clone(), search.run_first().await))
        },
    );
    // Read straight from the resource where the page renders: read through
    // a memo, the server would not wait for the answer.
    let search = Signal::derive(move || results.get().flatten().map(|(s, _)| s));
    // Equal across refresh ticks, so what follows it is not asked again.
    let same_search = Memo::new(move |_| search.get());
    let sidebar = SidebarState::new(same_search, tick);
    // Held here, not by the table: each answer draws the table again.
    let expanded = ExpandedHits::default();
    // They last across refreshes of one search, not into the next search.
    Effect::new(move |last: Option<Option<Search>>| {
        let now = same_search.get();
        if last.is_some_and(|last| last != now) {
            expanded.0.set(Default::default());
            sidebar.shut();
        }
        now
    });
    let ds = Signal::derive(move || {
        state
            .with(|s| s.ds)
            .or_else(|| search.get().map(|s| s.datasource))
    });
    let source = Signal::derive(move || {
        let id = ds.get();
        logs_sources.get().into_iter().find(|d| Some(d.id) == id)
    });
    let with = edit_state(state, ds, go);
    let columns = Signal::derive(move || state.with(ExploreState::columns));
    let more = RwSignal::new(Vec::<LogHit>::new());
    let next = RwSignal::new(None);
    Effect::new(move |_| {
        more.set(Vec::new());
        next.set(
            results
                .get()
                .flatten()
                .and_then(|(_, r)| r.ok())
                .and_then(|(p, _)| p.next),
        );
    });
    let load_more = Action::new(move |_: &()| {
        let (s, after) = (search.get_untracked(), next.get_untracked());
        async move { s?.run(after).await.ok() }
    });
    Effect::new(move |_| {
        if let Some(Some(page)) = load_more.value().get() {
            more.update(|m| m.extend(page.hits));
            next.set(page.next);
        }
    });
    let context_of = RwSignal::new(None::<LogHit>);
    let to_metrics = Callback::new(move |hit: LogHit| {
        let (Some(src), Some(t)) = (source.get_untracked(), hit.timestamp_ms) else {
            return;
        };
        let Some(link) = src.settings.metrics_link else {
            return;
        };
        let mut s = state.get_untracked().switch(
            ExploreMode::Metrics,
            Some(link.datasource),
            fill_template(&link.template, &hit.fields),
        );
        s.time.set_absolute(t - AROUND_MS, t + AROUND_MS);
        (s.legend, s.table) = (String::new(), false);
        go.run(s);
    });
    let metrics = Signal::derive(move || {
        source
            .get()
            .and_then(|s| s.settings.metrics_link)
            .map(|_| to_metrics)
    });
    let input = RwSignal::new(String::new());
    Effect::new(move |_| input.set(state.with(|s| s.q.clone())));
    let query_box = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(el) = query_box.get() {
            let _ = el.focus();
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let q = input.get_untracked();
        remember("logs", &q);
        with(&|s| s.q = q.clone());
    };
    let cols_input = RwSignal::new(String::new());
    Effect::new(move |_| cols_input.set(columns.get().join(", ")));
    let busy = RwSignal::new(false);
    // Both resources are read first, so the server renders each part once,
    // when both are in (not again when the list arrives later).
    let answer = move || sources.get().and(results.get()).map(|r| r.map(|(_, r)| r));
    let head = move || {
        answer().map(|r| match r {
            None => view! { <p class="muted">"No log data source yet: an admin can add one under Data sources."</p> }.into_any(),
            Some(Err(e)) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
            Some(Ok((page, histogram))) => {
                let narrow = Callback::new(move |(a, b): (i64, i64)| with(&|s| s.time.set_absolute(a, b)));
                view! {
                    <HitsHistogram histogram on_select=narrow />
                    <div class="results-head">
                        <p class="hitcount" data-test="hit-count">{count_label(page.total)}</p>
                        {search.get_untracked().map(|search| view! { <ExportButtons search columns /> })}
                        <label class="columns">"Columns" <input aria-label="Columns" data-test="columns" bind:value=cols_input on:change=move |_| { let c = cols_input.get_untracked(); with(&|s| s.cols = c.replace(' ', "")) } /></label>
                    </div>
                }.into_any()
            }
        })
    };
    let table = move || {
        let (page, _) = answer()??.ok()?;
        let first = page.hits;
        let hits =
            Signal::derive(move || first.iter().cloned().chain(more.get()).collect::<Vec<_>>());
        let filter = Callback::new(move |q: String| with(&|s| s.q = q.clone()));
        let context = Callback::new(move |h: LogHit| context_of.set(Some(h)));
        let actions = RowActions {
            context: Some(context),
            metrics: metrics.get_untracked(),
        };
        let query = search.get_untracked()?.query;
        Some(view! {
            <div class="explore">
                <FieldSidebar query state=sidebar on_filter=filter />
                <div class="results">
                    <LogTable hits columns actions expanded />
                    <Show when=move || next.try_with(Option::is_some).unwrap_or(false)>
                        <button type="button" class="secondary" data-test="load-more" on:click=move |_| { load_more.dispatch(()); }>
                            {move || if load_more.pending().get() { "Loading…" } else { "Load more" }}
                        </button>
                    </Show>
                </div>
            </div>
        })
    };
    // Outside the answer's view, and following only the hit opened, so a
    // refresh neither closes the surrounding logs nor asks for them again
    // (they stay those of the hit's own data source and index).
    let context = move || {
        let anchor = context_of.get()?;
        let datasource = ds.get_untracked()?;
        let keys = source
            .get_untracked()
            .map(|s| s.settings.context_fields)
            .unwrap_or_default();
        let index = search.get_untracked().and_then(|s| s.index);
        let metrics = metrics.get_untracked();
        Some(
            view! { <ContextPanel datasource index anchor keys columns metrics on_close=Callback::new(move |_| context_of.set(None)) /> },
        )
    };
    let searching = || view! { <p class="muted">"Searching…"</p> };
    // A new answer (a refresh tick, a new query) replaces the last one only
    // when it is in, marked busy meanwhile: a Suspense here showed
    // "Searching…" instead on each tick, which closed the rows a reader had
    // open and scrolled them back to the top. Only the browser follows
    // `busy` (on the server `set_pending` starts an effect task a render).
    #[cfg(feature = "hydrate")]
    let head = view! { <Transition fallback=searching set_pending=busy>{head}</Transition> };
    #[cfg(not(feature = "hydrate"))]
    let head = view! { <Transition fallback=searching>{head}</Transition> };
    view! {
        <form class="querybar" on:submit=submit data-test="query-bar">
            <Suspense fallback=|| ()>
                <select aria-label="Data source" on:change=move |ev| { let v = event_target_value(&ev).parse().ok(); with(&|s| s.ds = v) }>
                    {move || { let chosen = ds.get(); logs_sources.get().into_iter().map(|d| view! { <option value=d.id selected=chosen == Some(d.id)>{d.settings.name}</option> }).collect_view() }}
                </select>
                <input name="index" aria-label="Index pattern" class="index" data-test="index-pattern"
                    prop:value=move || state.with(|s| s.index.clone())
                    placeholder=move || source.get().and_then(|s| s.settings.index_pattern).unwrap_or_else(|| "index pattern".into())
                    on:change=move |ev| { let v = event_target_value(&ev); with(&|s| s.index = v.trim().to_owned()) } />
            </Suspense>
            <input name="q" node_ref=query_box bind:value=input autofocus list="recent-logs" autocomplete="off" placeholder="Lucene query, e.g. 1234567 or service:payments AND level:error" />
            <RecentQueries id="recent-logs" mode="logs" query=Signal::derive(move || state.with(|s| s.q.clone())) />
            <button type="submit">"Search"</button>
        </form>
        <div class="log-results" data-test="log-results" aria-busy=move || busy.get().to_string()>
            {head}
            {context}
            <Transition fallback=|| ()>{table}</Transition>
        </div>
    }
}

/// Hits over time; a click on a bar or a drag across bars narrows the range.
#[component]
fn HitsHistogram(
    histogram: Result<Histogram, String>,
    on_select: Callback<(i64, i64)>,
) -> impl IntoView {
    let zone = use_zone();
    match histogram {
        Err(e) => {
            view! { <p class="error" role="alert">{format!("Histogram: {e}")}</p> }.into_any()
        }
        Ok(h) => {
            let range = (h.range.from_ms, h.range.to_ms);
            let bars = vec![Plotted {
                name: "hits".into(),
                color: 0,
                timestamps: h.buckets.iter().map(|b| b.start_ms).collect(),
                values: h.buckets.iter().map(|b| Some(b.count as f64)).collect(),
            }];
            let offset = Signal::derive(move || zone.offset_at(range.1));
            let (buckets, total) = (
                h.buckets.len(),
                h.buckets.iter().map(|b| b.count).sum::<u64>(),
            );
            view! {
                <div class="histogram" data-test="histogram" data-buckets=buckets data-total=total>
                    <Chart series=bars range=range unit=Unit::Short offset_min=offset bars_ms=h.interval_ms height=110 on_select />
                </div>
            }.into_any()
        }
    }
}
