//! A panel's picture (`picture`) drawn as components: time series (lines,
//! bars or stacked areas, thresholds, fixed bounds, legend isolation), stat
//! with threshold colour, gauges and tables (sortable), logs, and log
//! volume (one bar series, or stacked by the values of a field). A time
//! series with `tableView` shows each series reduced to last, min, max and
//! mean.

use leptos::prelude::*;

use super::held::Held;
use super::logs::LogsPanel;
use super::picture::{log_columns, picture, stat_class, Picture};
use super::table::SeriesTable;
use crate::components::chart::scale::Unit;
use crate::components::chart::{Chart, Mark};
use crate::components::use_zone;
use crate::model::dashboard::Panel;
use crate::model::{QueryData, TimeRange};

pub fn render(
    panel: &Panel,
    range: TimeRange,
    data: Vec<(usize, String, QueryData)>,
    zoom: Callback<(i64, i64)>,
    (height, marks, held): (u32, Signal<Vec<Mark>>, Held),
) -> AnyView {
    let zone = use_zone();
    let span = (range.from_ms, range.to_ms);
    let offset = Signal::derive(move || zone.offset_at(span.1));
    match picture(panel, data) {
        Picture::Empty(text) => {
            view! { <p class="muted" data-test="no-data">{text}</p> }.into_any()
        }
        Picture::Logs(hits) => {
            let columns = log_columns(panel);
            view! { <LogsPanel hits columns held /> }.into_any()
        }
        Picture::Chart {
            series,
            unit,
            options,
            bars_ms,
            volume,
        } => {
            let count = series.len();
            let (height, legend) = if volume {
                (160, count > 1)
            } else {
                (height, true)
            };
            let chart = match bars_ms {
                Some(bars_ms) => view! { <Chart series range=span unit offset_min=offset bars_ms height legend options on_select=zoom marks isolated=held.isolated /> }.into_any(),
                None => view! { <Chart series range=span unit offset_min=offset height legend options on_select=zoom marks isolated=held.isolated /> }.into_any(),
            };
            view! { <div class="series-chart" data-series=count>{chart}</div> }.into_any()
        }
        Picture::Stat { value, unit, color } => {
            let class = format!("stat {}", stat_class(color.as_deref()));
            view! { <p class=class data-test="stat">{unit.format(value)}</p> }.into_any()
        }
        Picture::Rows { rows, unit } => view! { <Values rows unit sort=held.sort /> }.into_any(),
        Picture::SeriesTable { series, unit } => {
            view! { <SeriesTable series unit open=held.open /> }.into_any()
        }
    }
}

/// Name and value rows, sortable by either column (a header click).
#[component]
fn Values(
    rows: Vec<(String, f64)>,
    unit: Unit,
    /// (column, descending): 0 is the name, 1 the value.
    sort: RwSignal<(usize, bool)>,
) -> impl IntoView {
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
