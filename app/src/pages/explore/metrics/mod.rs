//! Explore, metrics mode: a PromQL range query over the picked range, as a
//! chart (hover, drag to zoom, "logs in this range") or a table, with the
//! query inspector. Loading, no-data and error states say what happened.

mod bar;
mod inspector;
mod table;

use leptos::prelude::*;

use super::state::ExploreState;
use super::{first_source, sources_of, zone_offset};
use crate::components::chart::legend::series_name;
use crate::components::chart::scale::Unit;
use crate::components::chart::{Chart, Plotted};
use crate::components::use_zone;
use crate::model::template::promql::logs_query_for;
use crate::model::time::{now_ms, resolve_range};
use crate::model::{
    DataSource, DataSourceKind, ExploreMode, Query, QueryData, QueryStats, Series, TimeRange,
};
use crate::server_fns::query::run_one;
use bar::MetricsBar;
use inspector::Inspector;
use table::SeriesTable;

/// Points per series the server decimates to (about a wide chart's pixels).
const WIDTH_POINTS: u32 = 1200;

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MetricsResult {
    series: Vec<Series>,
    step_ms: i64,
    stats: QueryStats,
    range: TimeRange,
}

async fn run(
    ds: i64,
    expr: String,
    (from, to, step_ms): (String, String, Result<Option<i64>, String>),
    offset: i64,
) -> Result<MetricsResult, String> {
    let step_ms = step_ms?;
    let range = resolve_range(&from, &to, now_ms(), offset)?;
    let q = Query::Range {
        datasource: ds,
        expr,
        range,
        max_data_points: WIDTH_POINTS,
        min_step_ms: None,
        step_ms,
    };
    match run_one(q).await? {
        (QueryData::Series { series, step_ms }, stats) => Ok(MetricsResult {
            series,
            step_ms,
            stats,
            range,
        }),
        _ => Err("The server answered something unexpected; try again.".into()),
    }
}

/// The log source to open from a chart: one linked to `prom`, else the first.
fn log_source_for(sources: &[DataSource], prom: Option<i64>) -> Option<&DataSource> {
    let logs = || {
        sources
            .iter()
            .filter(|d| d.settings.kind == DataSourceKind::Elasticsearch)
    };
    logs()
        .find(|d| d.settings.metrics_link.as_ref().map(|l| Some(l.datasource)) == Some(prom))
        .or_else(|| logs().next())
}

#[component]
pub fn MetricsView(
    state: Memo<ExploreState>,
    go: Callback<ExploreState>,
    sources: Resource<Vec<DataSource>>,
    tick: RwSignal<u64>,
) -> impl IntoView {
    let zone = use_zone();
    let all = Signal::derive(move || sources.get().unwrap_or_default());
    let proms = sources_of(sources, DataSourceKind::Prometheus);
    let key = move || {
        let (ds, q, from, to, step) = state.with(|s| {
            let t = s.times();
            (s.ds, s.q.clone(), t.from, t.to, s.step_ms())
        });
        let offset = zone_offset(zone, &from, &to);
        (ds, q, (from, to, step), offset, tick.get())
    };
    // Picks the data source itself (the URL's, else the first Prometheus
    // source), so no resource waits on another.
    let results = Resource::new(key, |(ds, q, range, offset, _)| async move {
        let ds = match ds {
            Some(d) => Some(d),
            None => first_source(DataSourceKind::Prometheus).await,
        };
        let outcome = match ds {
            None => Some(Err(
                "No Prometheus data source yet: an admin can add one under Data sources."
                    .to_owned(),
            )),
            Some(_) if q.trim().is_empty() => None,
            Some(ds) => Some(run(ds, q, range, offset).await),
        };
        (ds, outcome)
    });
    // The resolved source, copied by an effect so that the bar and the
    // autocomplete never read the resource outside a Suspense.
    let resolved = RwSignal::new(None::<i64>);
    Effect::new(move |_| resolved.set(results.get().and_then(|(d, _)| d)));
    let ds = Signal::derive(move || state.with(|s| s.ds).or_else(|| resolved.get()));
    let selection = RwSignal::new(None::<(i64, i64)>);
    let zoom = Callback::new(move |(a, b): (i64, i64)| {
        selection.set(Some((a, b)));
        let mut s = state.get_untracked();
        s.time.set_absolute(a, b);
        go.run(s);
    });
    let to_logs = move |_| {
        let Some((a, b)) = selection.get_untracked() else {
            return;
        };
        let list = all.get_untracked();
        let Some(es) = log_source_for(&list, ds.get_untracked()) else {
            return;
        };
        let q = logs_query_for(
            &state.with_untracked(|s| s.q.clone()),
            &es.settings.context_fields,
        );
        let mut s = state
            .get_untracked()
            .switch(ExploreMode::Logs, Some(es.id), q);
        s.time.set_absolute(a, b);
        go.run(s);
    };
    view! {
        <MetricsBar state go sources=proms ds />
        <Show when=move || selection.get().is_some()>
            <p class="selection" data-test="selection">
                "Zoomed to the dragged range. "
                <button type="button" class="secondary small" data-test="logs-in-range" on:click=to_logs>"Logs in this range"</button>
            </p>
        </Show>
        <Suspense fallback=|| view! { <p class="muted" data-test="chart-loading">"Loading…"</p> }>
            {move || results.get().map(|(_, r)| match r {
                None => view! { <p class="muted">"Type a PromQL query and press Enter. Autocomplete offers metric names, labels and values."</p> }.into_any(),
                Some(Err(e)) => view! { <p class="error" role="alert" data-test="query-error">{e}</p> }.into_any(),
                Some(Ok(r)) if r.series.is_empty() => view! { <p class="muted" data-test="no-data">"No data: the query matched no series in this range. Widen the range or check the label values."</p> }.into_any(),
                Some(Ok(r)) => {
                    let (count, step, stats) = (r.series.len(), r.step_ms, r.stats.clone());
                    let range = (r.range.from_ms, r.range.to_ms);
                    let unit = Signal::derive(move || Unit::parse(&state.with(|s| s.unit.clone())));
                    let plotted = Signal::derive(move || {
                        let legend = state.with(|s| s.legend.clone());
                        r.series.iter().enumerate().map(|(i, s)| Plotted { name: series_name(&s.labels, &legend), color: i, timestamps: s.timestamps_ms.clone(), values: s.values.clone() }).collect::<Vec<_>>()
                    });
                    let offset = Signal::derive(move || zone.offset_at(range.1));
                    view! {
                        {move || if state.with(|s| s.table) {
                            view! { <SeriesTable series=plotted.get() unit=unit.get() /> }.into_any()
                        } else {
                            view! { <Chart series=plotted range=range unit offset_min=offset legend=true on_select=zoom /> }.into_any()
                        }}
                        <Inspector stats series=count step_ms=step />
                    }.into_any()
                }
            })}
        </Suspense>
    }
}
