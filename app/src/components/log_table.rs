use leptos::prelude::*;

use super::Highlighted;
use crate::model::time::format;
use crate::model::LogHit;

fn field_text(hit: &LogHit, names: &[&str]) -> String {
    names
        .iter()
        .find_map(|n| hit.fields.get(*n))
        .map(|v| {
            v.as_str()
                .map(str::to_owned)
                .unwrap_or_else(|| v.to_string())
        })
        .unwrap_or_default()
}

/// Log hits, newest first: time, level, service and the highlighted message.
/// A click expands a row into every field and the raw JSON, all as text.
#[component]
pub fn LogTable(#[prop(into)] hits: Signal<Vec<LogHit>>) -> impl IntoView {
    view! {
        <table class="logs" data-test="log-table">
            <thead><tr><th>"Time (UTC)"</th><th>"Level"</th><th>"Service"</th><th>"Message"</th></tr></thead>
            <tbody>
                <For each=move || hits.get() key=|h| (h.index.clone(), h.id.clone()) let:hit>
                    <LogRow hit />
                </For>
            </tbody>
        </table>
    }
}

#[component]
fn LogRow(hit: LogHit) -> impl IntoView {
    let open = RwSignal::new(false);
    let time = hit.timestamp_ms.map(|t| format(t, 0)).unwrap_or_default();
    let level = field_text(&hit, &["level", "log.level", "severity"]);
    let service = field_text(&hit, &["service", "service.name", "app"]);
    let message = hit
        .highlight
        .get("message")
        .and_then(|f| f.first().cloned())
        .unwrap_or_else(|| hit.message.clone());
    let fields: Vec<(String, String)> = hit
        .fields
        .iter()
        .map(|(k, v)| {
            (
                k.clone(),
                v.as_str()
                    .map(str::to_owned)
                    .unwrap_or_else(|| v.to_string()),
            )
        })
        .collect();
    let raw = serde_json::to_string_pretty(&hit.fields).unwrap_or_default();
    view! {
        <tr class="hit" class:open=open data-id=hit.id.clone() on:click=move |_| open.update(|o| *o = !*o)>
            <td class="time">{time}</td>
            <td class=format!("level level-{}", level.to_lowercase())>{level.clone()}</td>
            <td>{service}</td>
            <td class="message"><Highlighted text=message /></td>
        </tr>
        <Show when=move || open.get()>
            <tr class="details">
                <td colspan="4">
                    <table class="fields" data-test="hit-fields">
                        {fields.clone().into_iter().map(|(k, v)| view! { <tr><th>{k}</th><td>{v}</td></tr> }).collect_view()}
                    </table>
                    <pre class="raw" data-test="hit-raw">{raw.clone()}</pre>
                </td>
            </tr>
        </Show>
    }
}
