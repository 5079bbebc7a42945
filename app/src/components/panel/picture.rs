//! What a panel shows, decided once from its kind, options and answers:
//! a chart (lines, bars or stacked areas, with its unit, bounds and
//! thresholds), a stat, name/value rows, a per-series table, or log hits.
//! The browser draws it as components (`body`); the server draws the same
//! picture into an SVG or PNG image, so both agree.

use super::super::chart::legend::series_name;
use super::super::chart::options;
use super::super::chart::scale::Unit;
use super::super::chart::{ChartOptions, Plotted};
use crate::model::dashboard::Panel;
use crate::model::{LogHit, QueryData};

/// A panel's picture.
#[derive(Debug, Clone, PartialEq)]
pub enum Picture {
    /// Log hits, in the log table.
    Logs(Vec<LogHit>),
    /// Nothing to draw; the text says why.
    Empty(&'static str),
    Chart {
        series: Vec<Plotted>,
        unit: Unit,
        options: ChartOptions,
        /// Bars of this width (ms) instead of lines.
        bars_ms: Option<i64>,
        /// A log volume: shorter, unit-less, stacked.
        volume: bool,
    },
    /// The first series' last value, coloured by the highest threshold it
    /// reaches (a colour name).
    Stat {
        value: f64,
        unit: Unit,
        color: Option<String>,
    },
    /// Each series' last value (gauges, bar gauges, tables).
    Rows {
        rows: Vec<(String, f64)>,
        unit: Unit,
    },
    /// A time series shown as last, min, max and mean per series.
    SeriesTable { series: Vec<Plotted>, unit: Unit },
}

/// The colour name of the highest threshold `v` reaches.
fn threshold_name(panel: &Panel, v: f64) -> Option<String> {
    let list = panel
        .spec
        .options
        .get("thresholds")
        .and_then(|t| t.as_array());
    let mut found = None;
    for t in list.into_iter().flatten() {
        if t["value"].as_f64().is_some_and(|at| v >= at) {
            found = Some(t["color"].as_str().unwrap_or("red").to_owned());
        }
    }
    found
}

/// The stat's CSS class for a threshold colour name.
pub fn stat_class(color: Option<&str>) -> &'static str {
    color.map_or("", options::threshold_class)
}

/// A log panel's columns (`options.columns`), or level, service, message.
pub fn log_columns(panel: &Panel) -> Vec<String> {
    panel
        .spec
        .options
        .get("columns")
        .and_then(|c| serde_json::from_value(c.clone()).ok())
        .unwrap_or_else(|| vec!["level".into(), "service".into(), "message".into()])
}

/// The last value of a series (NaN when it has none).
pub fn last(p: &Plotted) -> f64 {
    p.values
        .iter()
        .rev()
        .flatten()
        .next()
        .copied()
        .unwrap_or(f64::NAN)
}

fn unit_of(panel: &Panel) -> Unit {
    let unit = panel.spec.options.get("unit").and_then(|u| u.as_str());
    Unit::parse(unit.unwrap_or("short"))
}

/// What the answers hold, by shape.
#[derive(Default)]
struct Parts {
    plotted: Vec<Plotted>,
    logs: Vec<LogHit>,
    /// Histogram bars: their width.
    bars: Option<i64>,
    step: i64,
}

fn parts(panel: &Panel, data: Vec<(usize, String, QueryData)>) -> Parts {
    let legend_of = |i: usize| {
        let q = panel.spec.queries.get(i);
        q.and_then(|q| q.legend.clone()).unwrap_or_default()
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
                // Ours alone once decoded; a copy only on the server's render
                // of an answer that other viewers share.
                for s in std::sync::Arc::unwrap_or_clone(series) {
                    p.plotted.push(Plotted {
                        name: series_name(&s.labels, &legend),
                        color: p.plotted.len(),
                        timestamps: s.timestamps_ms,
                        values: s.values,
                    });
                }
            }
            QueryData::Logs { hits, .. } => p.logs.extend(std::sync::Arc::unwrap_or_clone(hits)),
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

/// The picture of `panel` for these answers.
pub fn picture(panel: &Panel, data: Vec<(usize, String, QueryData)>) -> Picture {
    let unit = unit_of(panel);
    let Parts {
        plotted,
        logs,
        bars,
        step,
    } = parts(panel, data);
    let mut options = ChartOptions::from_panel(&panel.spec.options);
    let flag = |k: &str| panel.spec.options.get(k).and_then(|v| v.as_bool()) == Some(true);
    match panel.kind.as_str() {
        "logs" if logs.is_empty() => Picture::Empty("No logs match in this range."),
        "logs" => Picture::Logs(logs),
        _ if plotted.is_empty() => Picture::Empty(
            "No data: the query matched no series in this range. Widen the range or check the label values.",
        ),
        "logvolume" => {
            options.stacked = true;
            Picture::Chart {
                series: plotted,
                unit: Unit::Short,
                options,
                bars_ms: Some(bars.unwrap_or(60_000)),
                volume: true,
            }
        }
        "stat" => {
            let value = last(&plotted[0]);
            let color = threshold_name(panel, value);
            Picture::Stat { value, unit, color }
        }
        "gauge" | "bargauge" | "table" => Picture::Rows {
            rows: plotted.iter().map(|p| (p.name.clone(), last(p))).collect(),
            unit,
        },
        _ if flag("tableView") => Picture::SeriesTable {
            series: plotted,
            unit,
        },
        _ => {
            let as_bars = panel.spec.options.get("draw").and_then(|d| d.as_str()) == Some("bars");
            Picture::Chart {
                series: plotted,
                unit,
                options,
                bars_ms: (as_bars && step > 0).then_some(step),
                volume: false,
            }
        }
    }
}
