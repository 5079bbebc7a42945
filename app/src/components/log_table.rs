use std::collections::BTreeSet;

use leptos::prelude::*;

use super::zone::use_zone;
use super::Highlighted;
use crate::model::time::format;
use crate::model::LogHit;

/// A field's value as text (strings bare, the rest as JSON).
pub fn field_text(hit: &LogHit, name: &str) -> String {
    hit.fields
        .get(name)
        .map(|v| {
            v.as_str()
                .map(str::to_owned)
                .unwrap_or_else(|| v.to_string())
        })
        .unwrap_or_default()
}

/// What a row offers when expanded: surrounding logs, metrics at that moment.
#[derive(Clone, Copy)]
pub struct RowActions {
    pub context: Option<Callback<LogHit>>,
    pub metrics: Option<Callback<LogHit>>,
}

/// The rows shown expanded, by (index, id): kept by the caller when the
/// table is drawn again for newer hits (a logs panel's refresh).
#[derive(Clone, Copy)]
pub struct ExpandedHits(pub RwSignal<BTreeSet<(String, String)>>);

impl Default for ExpandedHits {
    fn default() -> Self {
        Self(RwSignal::new(BTreeSet::new()))
    }
}

impl ExpandedHits {
    fn has(self, key: &(String, String)) -> bool {
        self.0.try_with(|s| s.contains(key)).unwrap_or(false)
    }

    fn toggle(self, key: &(String, String)) {
        self.0.update(|s| {
            if !s.remove(key) {
                s.insert(key.clone());
            }
        });
    }
}

/// Log hits, newest first: the time, then `columns` (the `message` column
/// highlighted). A click expands a row into every field and the raw JSON,
/// all as text. `anchor` marks one hit (the context view's).
#[component]
pub fn LogTable(
    #[prop(into)] hits: Signal<Vec<LogHit>>,
    #[prop(into)] columns: Signal<Vec<String>>,
    #[prop(optional)] actions: Option<RowActions>,
    #[prop(optional, into)] anchor: Option<String>,
    /// Expanded rows held by the caller; else the table's own.
    #[prop(optional)]
    expanded: Option<ExpandedHits>,
) -> impl IntoView {
    let zone = use_zone();
    let expanded = expanded.unwrap_or_default();
    let actions = actions.unwrap_or(RowActions {
        context: None,
        metrics: None,
    });
    view! {
        <table class="logs" data-test="log-table">
            <thead><tr>
                <th>{move || format!("Time ({})", zone.label())}</th>
                {move || columns.get().into_iter().map(|c| view! { <th>{c}</th> }).collect_view()}
            </tr></thead>
            <tbody>
                <For each=move || hits.get() key=|h| (h.index.clone(), h.id.clone()) let:hit>
                    <LogRow marked=anchor.as_deref() == Some(hit.id.as_str()) hit columns actions expanded />
                </For>
            </tbody>
        </table>
    }
}

#[component]
fn LogRow(
    hit: LogHit,
    columns: Signal<Vec<String>>,
    actions: RowActions,
    marked: bool,
    expanded: ExpandedHits,
) -> impl IntoView {
    let zone = use_zone();
    let key = (hit.index.clone(), hit.id.clone());
    let open = {
        let key = key.clone();
        move || expanded.has(&key)
    };
    let ts = hit.timestamp_ms;
    let time = move || ts.map(|t| format(t, zone.offset_at(t))).unwrap_or_default();
    let cells = {
        let hit = hit.clone();
        move || {
            // `try_get`: a row may outlive its page during a re-render.
            columns
                .try_get()
                .unwrap_or_default()
                .into_iter()
                .map(|c| {
                    let text = field_text(&hit, &c);
                    if c == "message" {
                        let shown = hit
                            .highlight
                            .get("message")
                            .and_then(|f| f.first().cloned())
                            .unwrap_or_else(|| hit.message.clone());
                        view! { <td class="message"><Highlighted text=shown /></td> }.into_any()
                    } else if c == "level" {
                        let class = format!("level level-{}", text.to_lowercase());
                        view! { <td class=class>{text}</td> }.into_any()
                    } else {
                        view! { <td>{text}</td> }.into_any()
                    }
                })
                .collect_view()
        }
    };
    let fields: Vec<(String, String)> = hit
        .fields
        .keys()
        .map(|k| (k.clone(), field_text(&hit, k)))
        .collect();
    let raw = serde_json::to_string_pretty(&hit.fields).unwrap_or_default();
    let span = move || (columns.try_with(Vec::len).unwrap_or(3) + 1).to_string();
    let (for_context, for_metrics) = (hit.clone(), hit.clone());
    view! {
        <tr class="hit" class:open=open.clone() class:anchor=marked data-anchor=marked.then_some("true") data-id=hit.id.clone() on:click=move |_| expanded.toggle(&key)>
            <td class="time">{time}</td>
            {cells}
        </tr>
        <Show when=open>
            <tr class="details">
                <td colspan=span>
                    <div class="row-actions">
                        {actions.context.map(|cb| { let h = for_context.clone(); view! {
                            <button type="button" class="secondary small" data-test="show-context" on:click=move |_| cb.run(h.clone())>"Show surrounding logs"</button>
                        }})}
                        {actions.metrics.map(|cb| { let h = for_metrics.clone(); view! {
                            <button type="button" class="secondary small" data-test="open-metrics" on:click=move |_| cb.run(h.clone())>"Metrics at this moment"</button>
                        }})}
                    </div>
                    <table class="fields" data-test="hit-fields"><tbody>
                        {fields.clone().into_iter().map(|(k, v)| view! { <tr><th>{k}</th><td>{v}</td></tr> }).collect_view()}
                    </tbody></table>
                    <pre class="raw" data-test="hit-raw">{raw.clone()}</pre>
                </td>
            </tr>
        </Show>
    }
}
