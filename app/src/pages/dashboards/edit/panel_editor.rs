//! The panel editor: title, kind, data source, the queries (PromQL with
//! Explore's autocomplete, or Lucene), legend format, unit, min/max,
//! thresholds, the kind's own options, and a live preview that runs the
//! unsaved panel on the server (editors only). "Apply" puts the panel into
//! the working copy; the dashboard is saved from the edit bar.

use leptos::prelude::*;
use serde_json::{json, Value};

use super::use_editor;
use crate::components::chart::options::THRESHOLD_COLORS;
use crate::components::chart::scale::Unit;
use crate::components::promql::PromInput;
use crate::components::recent::{remember, RecentQueries};
use crate::model::dashboard::{Panel, PanelQuery, PANEL_KINDS};
use crate::model::DataSourceKind;
use crate::pages::dashboards::links::Sources;
use crate::pages::dashboards::panel::{PanelEnv, PanelView};

/// One query's editable text and legend.
#[derive(Clone, Copy)]
struct QueryFields {
    text: RwSignal<String>,
    legend: RwSignal<String>,
}

fn logs_kind(kind: &str) -> bool {
    kind == "logs" || kind == "logvolume"
}

fn opt_str(p: &Panel, key: &str) -> String {
    match p.spec.options.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(v) => v.to_string(),
    }
}

/// `80 orange, 90 red` → `[{value: 80, color: "orange"}, …]`.
pub fn parse_thresholds(text: &str) -> Result<Value, String> {
    let mut out = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (v, color) = part.split_once(' ').unwrap_or((part, "red"));
        let value: f64 = v
            .parse()
            .ok()
            .filter(|x: &f64| x.is_finite())
            .ok_or_else(|| {
                format!("Thresholds: {v:?} is not a number; write e.g. \"80 orange, 90 red\".")
            })?;
        let color = color.trim();
        if !THRESHOLD_COLORS.iter().any(|c| c.0 == color) {
            return Err(format!(
                "Thresholds: use green, orange, red or blue, not {color:?}."
            ));
        }
        out.push(json!({ "value": value, "color": color }));
    }
    Ok(Value::Array(out))
}

fn thresholds_text(p: &Panel) -> String {
    p.spec
        .options
        .get("thresholds")
        .and_then(|t| t.as_array())
        .map(|a| {
            a.iter()
                .map(|t| format!("{} {}", t["value"], t["color"].as_str().unwrap_or("red")))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default()
}

#[component]
pub fn PanelEditor(id: String, uid: String, env: PanelEnv) -> impl IntoView {
    let ed = use_editor();
    let start = ed
        .draft
        .with_untracked(|d| d.spec.panels.get(&id).cloned())
        .unwrap_or_else(|| crate::model::dashboard::Dashboard::blank_panel(None));
    let work = RwSignal::new(start.clone());
    let fields = |q: &PanelQuery| QueryFields {
        text: RwSignal::new(q.expr.clone().or(q.query.clone()).unwrap_or_default()),
        legend: RwSignal::new(q.legend.clone().unwrap_or_default()),
    };
    let queries = RwSignal::new(start.spec.queries.iter().map(fields).collect::<Vec<_>>());
    let thresholds = RwSignal::new(thresholds_text(&start));
    let error = RwSignal::new(None::<String>);
    // The page's data-source list (one fetch per dashboard page).
    let sources = use_context::<Sources>().map(|s| s.0);
    // The panel as the form says, or why it cannot be built.
    let build = move || -> Result<Panel, String> {
        let mut p = work.get_untracked();
        let logs = logs_kind(&p.kind);
        p.spec.queries = queries
            .get_untracked()
            .iter()
            .map(|f| {
                let text = Some(f.text.get_untracked());
                let legend = Some(f.legend.get_untracked()).filter(|l| !l.is_empty());
                let (expr, query) = if logs { (None, text) } else { (text, None) };
                PanelQuery {
                    expr,
                    query,
                    legend,
                    ..Default::default()
                }
            })
            .collect();
        let th = parse_thresholds(&thresholds.get_untracked())?;
        if th.as_array().is_some_and(|a| a.is_empty()) {
            p.spec.options.remove("thresholds");
        } else {
            p.spec.options.insert("thresholds".into(), th);
        }
        Ok(p)
    };
    let preview = RwSignal::new(start);
    let run = move || match build() {
        Ok(p) => {
            error.set(None);
            preview.set(p);
        }
        Err(e) => error.set(Some(e)),
    };
    let set_opt = move |key: &'static str, number: bool| {
        move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            work.update(|p| {
                let value = match (v.trim(), number) {
                    ("", _) => None,
                    (t, true) => t
                        .parse::<f64>()
                        .ok()
                        .filter(|x| x.is_finite())
                        .map(|x| json!(x)),
                    (t, false) => Some(json!(t)),
                };
                match value {
                    Some(v) => p.spec.options.insert(key.into(), v),
                    None => p.spec.options.remove(key),
                };
            });
            run();
        }
    };
    let id_for_apply = id.clone();
    let apply = move |_| match build() {
        Ok(p) => {
            let id = id_for_apply.clone();
            ed.draft.update(|d| {
                d.spec.panels.insert(id, p);
            });
            ed.fresh.set(None);
            ed.panel.set(None);
        }
        Err(e) => error.set(Some(e)),
    };
    // Cancel drops the edits; a panel that was just added goes away too.
    let id_for_cancel = id.clone();
    let cancel = move || {
        if ed.fresh.get_untracked().as_deref() == Some(id_for_cancel.as_str()) {
            ed.draft.update(|d| d.remove_panel(&id_for_cancel));
            ed.fresh.set(None);
        }
        ed.panel.set(None);
    };
    let ds_name =
        Signal::derive(move || work.with(|p| p.spec.datasource.clone().unwrap_or_default()));
    let ds_id = Signal::derive(move || {
        let name = ds_name.get();
        sources
            .and_then(|s| s.get())
            .and_then(|l| l.iter().find(|d| d.settings.name == name).map(|d| d.id))
    });
    let kind = Signal::derive(move || work.with(|p| p.kind.clone()));
    view! {
        <section class="panel-editor" data-test="panel-editor">
            <h2>"Edit panel"</h2>
            <div class="editor-preview panel gx-0 gw-24 gy-0 gh-8" data-test="panel-preview">
                {move || {
                    let p = preview.get();
                    view! { <PanelView uid=uid.clone() id=id.clone() panel=p env draft=true /> }
                }}
            </div>
            <div class="editor-form">
                <label>"Title " <input data-test="panel-title" prop:value=move || work.with(|p| p.spec.title.clone())
                    on:input=move |ev| work.update(|p| p.spec.title = event_target_value(&ev)) /></label>
                <label>"Kind "
                    <select data-test="panel-kind" prop:value=kind on:change=move |ev| { work.update(|p| p.kind = event_target_value(&ev)); run() }>
                        {PANEL_KINDS.iter().map(|k| view! { <option value=*k>{*k}</option> }).collect_view()}
                    </select>
                </label>
                <label>"Data source "
                    <select data-test="panel-datasource" prop:value=ds_name
                        on:change=move |ev| { work.update(|p| p.spec.datasource = Some(event_target_value(&ev))); run() }>
                        <option value="">"(pick one)"</option>
                        {move || sources.and_then(|s| s.get()).unwrap_or_default().into_iter().map(|d| {
                            let name = d.settings.name.clone();
                            view! { <option value=name.clone()>{format!("{name} ({})", if d.settings.kind == DataSourceKind::Prometheus { "metrics" } else { "logs" })}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <div class="queries" data-test="panel-queries">
                    {move || queries.get().into_iter().enumerate().map(|(i, f)| view! {
                        <div class="query-row" data-test="panel-query">
                            <span class="ref">{((b'A' + (i % 26) as u8) as char).to_string()}</span>
                            {move || if logs_kind(&kind.get()) {
                                view! {
                                    <input data-test="lucene" list="panel-recent-logs" placeholder="Lucene, e.g. level:error AND service:$service" bind:value=f.text
                                        on:change=move |_| remember("logs", &f.text.get_untracked()) />
                                    <RecentQueries id="panel-recent-logs" mode="logs" query=f.text />
                                }.into_any()
                            } else {
                                view! { <PromInput value=f.text datasource=ds_id /> }.into_any()
                            }}
                            <input class="legend" data-test="legend" placeholder="legend, e.g. {{instance}}" bind:value=f.legend />
                            <button type="button" class="link" on:click=move |_| queries.update(|q| { if i < q.len() { q.remove(i); } })>"Remove"</button>
                        </div>
                    }).collect_view()}
                    <button type="button" data-test="add-query"
                        on:click=move |_| queries.update(|q| q.push(QueryFields { text: RwSignal::new(String::new()), legend: RwSignal::new(String::new()) }))>"Add query"</button>
                    <button type="button" class="primary" data-test="run-preview" on:click=move |_| run()>"Run"</button>
                </div>
                <label>"Unit "
                    <select data-test="panel-unit" prop:value=move || work.with(|p| opt_str(p, "unit")) on:change=set_opt("unit", false)>
                        {Unit::ALL.iter().map(|(_, key, label)| view! { <option value=*key>{*label}</option> }).collect_view()}
                    </select>
                </label>
                <label>"Min " <input type="number" step="any" prop:value=move || work.with(|p| opt_str(p, "min")) on:change=set_opt("min", true) /></label>
                <label>"Max " <input type="number" step="any" prop:value=move || work.with(|p| opt_str(p, "max")) on:change=set_opt("max", true) /></label>
                <label>"Thresholds " <input data-test="panel-thresholds" placeholder="80 orange, 90 red" bind:value=thresholds /></label>
                <Show when=move || kind.get() == "text">
                    <label>"Markdown "
                        <textarea rows="8" data-test="panel-markdown" prop:value=move || work.with(|p| opt_str(p, "markdown"))
                            on:input=move |ev| work.update(|p| { p.spec.options.insert("markdown".into(), json!(event_target_value(&ev))); }) />
                    </label>
                </Show>
                {move || error.get().map(|e| view! { <p class="error" role="alert" data-test="panel-editor-error">{e}</p> })}
                <p>
                    <button type="button" class="primary" data-test="apply-panel" on:click=apply>"Apply"</button>
                    " "
                    <button type="button" data-test="cancel-panel" on:click=move |_| cancel()>"Cancel"</button>
                </p>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn thresholds_read_as_written_or_say_why_not() {
        let t = super::parse_thresholds("80 orange, 90 red").unwrap();
        assert_eq!(t[1]["value"], 90.0);
        assert!(super::parse_thresholds("eighty red")
            .unwrap_err()
            .contains("not a number"));
        assert!(super::parse_thresholds("1 <script>")
            .unwrap_err()
            .contains("use green"));
        assert!(super::parse_thresholds("NaN red").is_err());
    }
}
