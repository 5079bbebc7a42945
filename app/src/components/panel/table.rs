//! The table view of a query's series: each series' last, min, max and mean,
//! and, opened, its points as time/value rows.

use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::components::chart::scale::Unit;
use crate::components::chart::Plotted;
use crate::components::use_zone;
use crate::model::time::format;

/// Last, min, max and mean of the non-null values.
pub fn summary(values: &[Option<f64>]) -> Option<(f64, f64, f64, f64)> {
    let vs: Vec<f64> = values.iter().flatten().copied().collect();
    let last = *vs.last()?;
    let min = vs.iter().copied().fold(f64::INFINITY, f64::min);
    let max = vs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    Some((last, min, max, vs.iter().sum::<f64>() / vs.len() as f64))
}

#[component]
pub fn SeriesTable(
    series: Vec<Plotted>,
    unit: Unit,
    /// The series whose points are shown, by name.
    open: RwSignal<BTreeSet<String>>,
) -> impl IntoView {
    let zone = use_zone();
    view! {
        <table class="logs series-table" data-test="series-table">
            <thead><tr><th>"Series"</th><th>"Last"</th><th>"Min"</th><th>"Max"</th><th>"Mean"</th><th>"Points"</th></tr></thead>
            <tbody>
                {series.into_iter().map(|s| {
                    let name = s.name.clone();
                    let shown = {
                        let name = name.clone();
                        move || open.with(|o| o.contains(&name))
                    };
                    let stats = summary(&s.values);
                    let cell = move |f: fn((f64, f64, f64, f64)) -> f64| stats.map(|st| unit.format(f(st))).unwrap_or_else(|| "–".into());
                    let points: Vec<(i64, Option<f64>)> = s.timestamps.iter().copied().zip(s.values.iter().copied()).collect();
                    view! {
                        <tr class="hit" data-series=s.name.clone() on:click=move |_| open.update(|o| if !o.remove(&name) { o.insert(name.clone()); })>
                            <td>{s.name.clone()}</td>
                            <td>{cell(|s| s.0)}</td><td>{cell(|s| s.1)}</td><td>{cell(|s| s.2)}</td><td>{cell(|s| s.3)}</td>
                            <td>{points.len()}</td>
                        </tr>
                        <Show when=shown>
                            <tr class="details"><td colspan="6"><table class="fields"><tbody>
                                {points.iter().map(|(t, v)| view! {
                                    <tr><th>{format(*t, zone.offset_at(*t))}</th><td>{v.map(|v| unit.format(v)).unwrap_or_else(|| "null".into())}</td></tr>
                                }).collect_view()}
                            </tbody></table></td></tr>
                        </Show>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
