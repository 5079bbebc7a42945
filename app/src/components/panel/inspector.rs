//! The query inspector, the same for Explore and every dashboard panel: per
//! query, what was sent upstream, its time, bytes and points in → out, and
//! how many series were drawn at what step.

use leptos::prelude::*;

use crate::model::QueryStats;

#[component]
pub fn Inspector(
    /// (ref id, figures) per query of the last run.
    stats: Vec<(String, QueryStats)>,
    series: usize,
    step_ms: i64,
    /// Opened at once (a panel's "Inspect"), or folded (Explore).
    #[prop(optional)]
    open: bool,
) -> impl IntoView {
    let shape = if step_ms > 0 {
        format!("{series} series, step {} s", step_ms as f64 / 1000.0)
    } else {
        format!("{series} series")
    };
    view! {
        <details class="inspector" data-test="inspector" open=open>
            <summary>"Query inspector"</summary>
            <table class="inspector" data-test="panel-inspector">
                <thead><tr><th>"Query"</th><th>"Sent upstream"</th><th>"Time"</th><th>"Bytes"</th><th>"Points in → out"</th></tr></thead>
                <tbody>
                    {stats.into_iter().map(|(r, s)| view! {
                        <tr>
                            <td>{r}</td>
                            <td><code>{s.upstream_request}</code></td>
                            <td class="num">
                                {format!("{} ms", s.upstream_ms)}
                                {(!s.cache.is_empty()).then(|| view! {
                                    <span class="muted" data-test="inspector-cache">
                                        {if s.cache == "cache" { " (kept from an identical request)" } else { " (shared with an identical request)" }}
                                    </span>
                                })}
                            </td>
                            <td class="num">{s.upstream_bytes}</td>
                            <td class="num">{format!("{} → {}", s.points_in, s.points_out)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <p data-test="inspector-shape">{shape}</p>
        </details>
    }
}
