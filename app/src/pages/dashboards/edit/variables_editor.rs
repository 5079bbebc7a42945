//! The settings' variables editor: add, change and remove template
//! variables on the working copy, each with a preview of the options it
//! would offer now. The preview asks the server with the working copy's
//! variables (`PanelRequest.variables`, editors only), so what it shows is
//! what the pickers will show after saving.

use std::collections::BTreeMap;

use leptos::prelude::*;
use serde_json::{json, Value};

use super::use_editor;
use crate::components::panel::Sources;
use crate::model::dashboard::{PanelRequest, Variable, VARIABLE_KINDS};
use crate::model::TimeRange;
use crate::server_fns::dashboards::variable_options;

/// Options shown in a preview; the count says how many there are in all.
const PREVIEW: usize = 30;

/// Sets `key` in a variable's spec; an empty text or `false` removes it.
fn put(spec: &mut Value, key: &str, value: Value) {
    if !spec.is_object() {
        *spec = json!({});
    }
    let Some(map) = spec.as_object_mut() else {
        return;
    };
    let empty = value.as_str().is_some_and(str::is_empty) || value == Value::Bool(false);
    if empty {
        map.remove(key);
    } else {
        map.insert(key.to_owned(), value);
    }
}

fn text(v: &Variable, key: &str) -> String {
    v.spec
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// Where a kind keeps its main text, and what the input says about it.
fn main_field(kind: &str) -> (&'static str, &'static str) {
    match kind {
        "custom" => ("query", "Values, comma-separated"),
        "interval" => ("query", "Intervals, e.g. 1m, 5m, 1h"),
        "constant" | "textbox" => ("value", "Value"),
        _ => (
            "query",
            "label_values(metric, label), query_result(expr), or a Lucene filter",
        ),
    }
}

/// A name nobody uses yet: `var1`, `var2`, …
fn new_name(list: &[Variable]) -> String {
    (1..)
        .map(|n| format!("var{n}"))
        .find(|n| list.iter().all(|v| &v.name != n))
        .unwrap_or_default()
}

#[component]
pub fn VariablesEditor(
    uid: String,
    range: Memo<Result<TimeRange, String>>,
    vars: Signal<BTreeMap<String, Vec<String>>>,
) -> impl IntoView {
    let ed = use_editor();
    // Rows are re-made only when one is added or removed, so typing keeps
    // focus and a preview stays.
    let count = Memo::new(move |_| ed.draft.with(|d| d.spec.variables.len()));
    let add = move |_| {
        ed.draft.update(|d| {
            let name = new_name(&d.spec.variables);
            d.spec.variables.push(Variable {
                name,
                kind: "custom".into(),
                spec: json!({ "query": "a, b" }),
                extra: Default::default(),
            });
        })
    };
    view! {
        <section class="variables-editor" data-test="variables-editor">
            <h3>"Variables"</h3>
            {move || (0..count.get()).map(|i| view! { <VariableRow i uid=uid.clone() range vars /> }).collect_view()}
            <p><button type="button" class="secondary" data-test="variable-add" on:click=add>"Add variable"</button></p>
        </section>
    }
}

#[component]
fn VariableRow(
    i: usize,
    uid: String,
    range: Memo<Result<TimeRange, String>>,
    vars: Signal<BTreeMap<String, Vec<String>>>,
) -> impl IntoView {
    let ed = use_editor();
    let sources = use_context::<Sources>().map(|s| s.0);
    let var = Memo::new(move |_| ed.draft.with(|d| d.spec.variables.get(i).cloned()));
    let change = move |f: &dyn Fn(&mut Variable)| {
        ed.draft.update(|d| {
            if let Some(v) = d.spec.variables.get_mut(i) {
                f(v)
            }
        })
    };
    let set_text = move |key: &'static str| {
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            change(&|v| {
                if key == "query" && v.kind == "custom" {
                    // A typed list replaces a stored `options` list.
                    put(&mut v.spec, "options", Value::Bool(false));
                }
                put(&mut v.spec, key, Value::String(value.clone()))
            })
        }
    };
    let set_flag = move |key: &'static str| {
        move |ev: leptos::ev::Event| {
            let on = event_target_checked(&ev);
            change(&|v| put(&mut v.spec, key, Value::Bool(on)))
        }
    };
    let field = move |key: &'static str| {
        move || var.with(|v| v.as_ref().map(|v| text(v, key)).unwrap_or_default())
    };
    let kind = move || var.with(|v| v.as_ref().map(|v| v.kind.clone()).unwrap_or_default());
    let flag = move |key: &'static str| {
        move || {
            var.with(|v| {
                v.as_ref()
                    .and_then(|v| v.spec.get(key)?.as_bool())
                    .unwrap_or(false)
            })
        }
    };
    let preview = RwSignal::new(None::<Result<Vec<String>, String>>);
    let ask = move |_| {
        let (Some(v), Ok(range)) = (var.get_untracked(), range.get_untracked()) else {
            preview.set(Some(Err("Pick a valid time range first.".into())));
            return;
        };
        let req = PanelRequest {
            range,
            width: 100,
            vars: vars.get_untracked(),
            draft: None,
            variables: Some(ed.draft.with_untracked(|d| d.spec.variables.clone())),
        };
        let uid = uid.clone();
        leptos::task::spawn_local(async move {
            let got = variable_options(uid, v.name, req).await;
            preview.set(Some(got.map_err(|e| e.to_string())));
        });
    };
    let remove = move |_| {
        ed.draft.update(|d| {
            if i < d.spec.variables.len() {
                d.spec.variables.remove(i);
            }
        })
    };
    let asks = move || matches!(kind().as_str(), "query");
    let lists = move || matches!(kind().as_str(), "query" | "custom");
    view! {
        <fieldset class="variable" data-test="variable-row" data-var=move || var.with(|v| v.as_ref().map(|v| v.name.clone()))>
            <label>"Name " <input data-test="variable-name" prop:value=move || var.with(|v| v.as_ref().map(|v| v.name.clone()).unwrap_or_default())
                on:change=move |ev| { let n = event_target_value(&ev).trim().to_owned(); change(&|v| v.name = n.clone()) } /></label>
            <label>"Kind " <select data-test="variable-kind" prop:value=kind
                on:change=move |ev| { let k = event_target_value(&ev); change(&|v| v.kind = k.clone()) }>
                {VARIABLE_KINDS.iter().map(|k| view! { <option value=*k>{*k}</option> }).collect_view()}
            </select></label>
            <Show when=asks>
                <label>"Data source " <select data-test="variable-datasource" prop:value=field("datasource") on:change=set_text("datasource")>
                    <option value="">"(pick one)"</option>
                    {move || sources.and_then(|s| s.get()).unwrap_or_default().into_iter().map(|d| {
                        let name = d.settings.name;
                        view! { <option value=name.clone()>{name.clone()}</option> }
                    }).collect_view()}
                </select></label>
            </Show>
            <label class="wide">{move || format!("{} ", main_field(&kind()).1)}
                <input data-test="variable-query" prop:value=move || field(main_field(&kind()).0)()
                    on:change=move |ev| set_text(main_field(&kind_now(var)).0)(ev) /></label>
            <Show when=asks>
                <label>"Field " <input data-test="variable-field" prop:value=field("field") on:change=set_text("field") placeholder="Elasticsearch: terms of this field" /></label>
                <label>"Regex " <input data-test="variable-regex" prop:value=field("regex") on:change=set_text("regex") placeholder="keep matches; a group picks the text" /></label>
            </Show>
            <Show when=lists>
                <label><input type="checkbox" data-test="variable-multi" prop:checked=flag("multi") on:change=set_flag("multi") />" Several values"</label>
                <label><input type="checkbox" data-test="variable-all" prop:checked=flag("includeAll") on:change=set_flag("includeAll") />" Offer All"</label>
            </Show>
            <p>
                <button type="button" class="secondary small" data-test="variable-preview" on:click=ask>"Preview options"</button>
                " "
                <button type="button" class="secondary small" data-test="variable-remove" on:click=remove>"Remove"</button>
            </p>
            {move || preview.get().map(|r| match r {
                Ok(list) => {
                    let total = list.len();
                    let shown = list.into_iter().take(PREVIEW).collect::<Vec<_>>().join(", ");
                    view! { <p class="muted" data-test="variable-options">{format!("{total} options: {shown}")}</p> }.into_any()
                }
                Err(e) => view! { <p class="error" role="alert" data-test="variable-error">{e}</p> }.into_any(),
            })}
        </fieldset>
    }
}

/// The row's kind, read where no tracking is wanted (an input handler).
fn kind_now(var: Memo<Option<Variable>>) -> String {
    var.with_untracked(|v| v.as_ref().map(|v| v.kind.clone()).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_keys_are_set_and_cleared() {
        let mut spec = Value::Null;
        put(&mut spec, "query", json!("a, b"));
        put(&mut spec, "multi", json!(true));
        assert_eq!(spec, json!({"query": "a, b", "multi": true}));
        put(&mut spec, "multi", json!(false));
        put(&mut spec, "query", json!(""));
        assert_eq!(spec, json!({}));
        let taken = [Variable {
            name: "var1".into(),
            kind: "custom".into(),
            spec: Value::Null,
            extra: Default::default(),
        }];
        assert_eq!(new_name(&taken), "var2");
    }
}
