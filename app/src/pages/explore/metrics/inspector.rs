//! The query inspector: what was asked of the upstream and what it cost.

use leptos::prelude::*;

use crate::model::QueryStats;

#[component]
pub fn Inspector(stats: QueryStats, series: usize, step_ms: i64) -> impl IntoView {
    let rows = [
        ("Upstream request", stats.upstream_request.clone()),
        ("Upstream time", format!("{} ms", stats.upstream_ms)),
        ("Upstream bytes", stats.upstream_bytes.to_string()),
        ("Series", series.to_string()),
        (
            "Points returned by the upstream",
            stats.points_in.to_string(),
        ),
        ("Points sent to the browser", stats.points_out.to_string()),
        ("Step", format!("{} s", step_ms as f64 / 1000.0)),
    ];
    view! {
        <details class="inspector" data-test="inspector">
            <summary>"Query inspector"</summary>
            <table class="fields"><tbody>
                {rows.into_iter().map(|(k, v)| view! { <tr><th>{k}</th><td>{v}</td></tr> }).collect_view()}
            </tbody></table>
        </details>
    }
}
