//! A panel's answers drawn for its kind: time series (lines, bars or
//! stacked areas, thresholds, fixed bounds, legend isolation), stat with
//! threshold colour, gauges and tables (sortable), logs, and log volume
//! (one bar series, or stacked by the values of a field). A time series
//! with `tableView` shows each series reduced to last, min, max and mean.

use leptos::prelude::*;

use super::logs::LogsPanel;
use super::table::SeriesTable;
use crate::components::chart::legend::series_name;
use crate::components::chart::scale::Unit;
use crate::components::chart::{options, Chart, ChartOptions, Mark, Plotted};
use crate::components::use_zone;
use crate::model::dashboard::Panel;
use crate::model::{QueryData, TimeRange};

/// The colour class of the highest threshold `v` reaches (`options.thresholds`).
fn threshold_class(panel: &Panel, v: f64) -> &'static str {
    let mut class = "";
    let list = panel
        .spec
        .options
        .get("thresholds")
        .and_then(|t| t.as_array());
    for t in list.into_iter().flatten() {
        if t["value"].as_f64().is_some_and(|at| v >= at) {
            class = options::threshold_class(t["color"].as_str().unwrap_or("red"));
        }
    }
    class
}

fn last(p: &Plotted) -> f64 {
    p.values
        .iter()
        .rev()
        .flatten()
        .next()
        .copied()
        .unwrap_or(f64::NAN)
}

/// What the answers hold, by shape.
#[derive(Default)]
struct Parts {
    plotted: Vec<Plotted>,
    logs: Vec<crate::model::LogHit>,
    /// Histogram bars: width and one series per answer.
    bars: Option<i64>,
    step: i64,
}

fn parts(panel: &Panel, data: Vec<(usize, String, QueryData)>) -> Parts {
    let legend_of = |i: usize| {
        panel
            .spec
            .queries
            .get(i)
            .and_then(|q| q.legend.clone())
            .unwrap_or_default()
    };
    let mut p = Parts::default();
    let split = panel
        .spec
        .options
        .get("splitBy")
        .is_some_and(|s| s.as_str().is_some_and(|s| !s.is_empty()));
    for (i, ref_id, d) in data {
        match d {
            QueryData::Series { series, step_ms } => {
                p.step = p.step.max(step_ms);
                let legend = legend_of(i);
                for s in series {
                    p.plotted.push(Plotted {
                        name: series_name(&s.labels, &legend),
                        color: p.plotted.len(),
                        timestamps: s.timestamps_ms,
                        values: s.values,
                    });
                }
            }
            QueryData::Logs { hits, .. } => p.logs.extend(hits),
            QueryData::Histogram {
                buckets,
                interval_ms,
            } => {
                p.bars = Some(interval_ms);
                p.plotted.push(Plotted {
                    // Split volumes are named by the field's value (the ref id).
                    name: if split { ref_id } else { "logs".into() },
                    color: p.plotted.len(),
                    timestamps: buckets.iter().map(|b| b.start_ms).collect(),
                    values: buckets.iter().map(|b| Some(b.count as f64)).collect(),
                });
            }
            _ => {}
        }
    }
    p
}

pub fn render(
    panel: &Panel,
    range: TimeRange,
    data: Vec<(usize, String, QueryData)>,
    zoom: Callback<(i64, i64)>,
    (height, marks): (u32, Signal<Vec<Mark>>),
) -> AnyView {
    let zone = use_zone();
    let unit = Unit::parse(
        panel
            .spec
            .options
            .get("unit")
            .and_then(|u| u.as_str())
            .unwrap_or("short"),
    );
    let Parts {
        plotted,
        logs,
        bars,
        step,
    } = parts(panel, data);
    let span = (range.from_ms, range.to_ms);
    let offset = Signal::derive(move || zone.offset_at(span.1));
    let mut options = ChartOptions::from_panel(&panel.spec.options);
    match panel.kind.as_str() {
        "logs" if logs.is_empty() => view! { <p class="muted" data-test="no-data">"No logs match in this range."</p> }.into_any(),
        "logs" => {
            let columns: Vec<String> = panel.spec.options.get("columns").and_then(|c| serde_json::from_value(c.clone()).ok())
                .unwrap_or_else(|| vec!["level".into(), "service".into(), "message".into()]);
            let datasource = panel.spec.queries.first().and_then(|q| q.datasource.clone()).or(panel.spec.datasource.clone()).unwrap_or_default();
            view! { <LogsPanel hits=logs columns datasource /> }.into_any()
        }
        _ if plotted.is_empty() => view! { <p class="muted" data-test="no-data">"No data: the query matched no series in this range. Widen the range or check the label values."</p> }.into_any(),
        "logvolume" => {
            options.stacked = true;
            let (count, legend) = (plotted.len(), plotted.len() > 1);
            view! {
                <div class="series-chart" data-series=count>
                    <Chart series=plotted range=span unit=Unit::Short offset_min=offset bars_ms=bars.unwrap_or(60_000) height=160 legend options on_select=zoom marks />
                </div>
            }.into_any()
        }
        "stat" => {
            let v = last(&plotted[0]);
            let class = format!("stat {}", threshold_class(panel, v));
            view! { <p class=class data-test="stat">{unit.format(v)}</p> }.into_any()
        }
        "gauge" | "bargauge" | "table" => view! { <Values rows=plotted.iter().map(|p| (p.name.clone(), last(p))).collect() unit /> }.into_any(),
        _ if panel.spec.options.get("tableView").and_then(|t| t.as_bool()) == Some(true) => {
            view! { <SeriesTable series=plotted unit /> }.into_any()
        }
        _ => {
            let count = plotted.len();
            let as_bars = panel.spec.options.get("draw").and_then(|d| d.as_str()) == Some("bars");
            let chart = if as_bars && step > 0 {
                view! { <Chart series=plotted range=span unit offset_min=offset height legend=true options bars_ms=step on_select=zoom marks /> }.into_any()
            } else {
                view! { <Chart series=plotted range=span unit offset_min=offset height legend=true options on_select=zoom marks /> }.into_any()
            };
            view! { <div class="series-chart" data-series=count>{chart}</div> }.into_any()
        }
    }
}

/// Name and value rows, sortable by either column (a header click).
#[component]
fn Values(rows: Vec<(String, f64)>, unit: Unit) -> impl IntoView {
    // (column, descending): 0 is the name, 1 the value.
    let sort = RwSignal::new((0usize, false));
    let sorted = move || {
        let (col, desc) = sort.get();
        let mut r = rows.clone();
        r.sort_by(|a, b| match col {
            0 => a.0.cmp(&b.0),
            _ => a.1.total_cmp(&b.1),
        });
        if desc {
            r.reverse();
        }
        r
    };
    let head = move |col: usize, label: &'static str| {
        view! {
            <th><button type="button" class="link" data-test=format!("sort-{col}")
                on:click=move |_| sort.update(|s| *s = (col, s.0 == col && !s.1))>
                {label}{move || match sort.get() { (c, false) if c == col => " ▲", (c, true) if c == col => " ▼", _ => "" }}
            </button></th>
        }
    };
    view! {
        <table class="values" data-test="values">
            <thead><tr>{head(0, "Series")}{head(1, "Value")}</tr></thead>
            <tbody>
                {move || sorted().into_iter().map(|(name, v)| view! { <tr><td>{name}</td><td class="num">{unit.format(v)}</td></tr> }).collect_view()}
            </tbody>
        </table>
    }
}
