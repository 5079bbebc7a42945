//! Explore, metrics mode: one ad-hoc time-series panel. A PromQL range
//! query over the picked range goes through the batch into the shared panel
//! runner, which draws it as a chart (hover, drag to zoom) or a table with
//! the query inspector and its loading, no-data and error states; here sit
//! the query bar and "logs in this range".

mod bar;

use leptos::prelude::*;

use super::state::ExploreState;
use super::{first_source, sources_of, zone_offset};
use crate::components::panel::{Answers, PanelRunner, Run};
use crate::components::use_zone;
use crate::model::dashboard::{Panel, PanelQuery, PanelSpec};
use crate::model::template::promql::logs_query_for;
use crate::model::time::{now_ms, resolve_range};
use crate::model::{DataSource, DataSourceKind, ExploreMode, Query};
use crate::server_fns::query::run_queries;
use bar::MetricsBar;

/// Points per series the server decimates to (about a wide chart's pixels).
const WIDTH_POINTS: u32 = 1200;

async fn run(
    ds: i64,
    expr: String,
    (from, to, step_ms): (String, String, Result<Option<i64>, String>),
    offset: i64,
) -> Run {
    let step_ms = match step_ms {
        Ok(s) => s,
        Err(e) => return Run::Failed(e),
    };
    let range = match resolve_range(&from, &to, now_ms(), offset) {
        Ok(r) => r,
        Err(e) => return Run::Failed(e),
    };
    let q = Query::Range {
        datasource: ds,
        expr,
        range,
        max_data_points: WIDTH_POINTS,
        min_step_ms: None,
        step_ms,
    };
    match run_queries(vec![("A".into(), q)]).await {
        Ok(list) => Run::Done(range, Answers::from_batch(list)),
        Err(e) => Run::Failed(e.to_string()),
    }
}

/// The panel Explore's state describes: one query, its legend, unit, and
/// chart or table.
fn panel_of(s: &ExploreState) -> Panel {
    let mut options = std::collections::BTreeMap::new();
    options.insert("unit".into(), s.unit.clone().into());
    options.insert("tableView".into(), s.table.into());
    Panel {
        kind: "timeseries".into(),
        spec: PanelSpec {
            queries: vec![PanelQuery {
                legend: Some(s.legend.clone()),
                ..PanelQuery::default()
            }],
            options,
            ..PanelSpec::default()
        },
        extra: Default::default(),
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
        match ds {
            None => Run::Failed(
                "No Prometheus data source yet: an admin can add one under Data sources.".into(),
            ),
            Some(_) if q.trim().is_empty() => Run::Idle(
                "Type a PromQL query and press Enter. Autocomplete offers metric names, labels and values.".into(),
            ),
            Some(ds) => run(ds, q, range, offset).await,
        }
    });
    // The URL's source, else the first Prometheus one (as the query picks
    // it); read by the bar inside its Suspense.
    let ds = Signal::derive(move || {
        state
            .with(|s| s.ds)
            .or_else(|| proms.with(|p| p.first().map(|d| d.id)))
    });
    // Drawing follows legend, unit and chart/table without asking again.
    let panel = Memo::new(move |_| state.with(panel_of));
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
        <PanelRunner panel run=results zoom inspect=true height=280 />
    }
}
