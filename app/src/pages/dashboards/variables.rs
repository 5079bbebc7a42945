//! The variable pickers above the grid. Options come from the server
//! (`variable_options`), computed from the stored spec with the other
//! variables' current values, so a variable that depends on another
//! refreshes when that one changes. Single values are a select; multi
//! values a checklist with "All" when the variable offers it. A text box is
//! free text; constants are not shown. Choices go into the URL (`var-NAME`).

use std::collections::BTreeMap;

use leptos::prelude::*;

use super::keep::kept;
use crate::model::dashboard::{PanelRequest, Variable};
use crate::model::template::vars::{default_of, ALL};
use crate::model::TimeRange;

fn flag(v: &Variable, key: &str) -> bool {
    v.spec.get(key).and_then(|b| b.as_bool()).unwrap_or(false)
}

/// What the summary of a picker says.
fn label(values: &[String]) -> String {
    if values.iter().any(|v| v == ALL) {
        "All".into()
    } else if values.is_empty() {
        "(none)".into()
    } else {
        values.join(" + ")
    }
}

#[component]
pub fn VariableBar(
    uid: String,
    variables: Signal<Vec<Variable>>,
    current: Signal<BTreeMap<String, Vec<String>>>,
    range: Memo<Result<TimeRange, String>>,
    set: Callback<(String, Vec<String>)>,
) -> impl IntoView {
    view! {
        <div class="variables" data-test="variables">
            <For each=move || variables.get().into_iter().filter(|v| v.kind != "constant") key=|v| (v.name.clone(), v.kind.clone())
                children=move |v| view! { <Picker uid=uid.clone() v current range set /> } />
        </div>
    }
}

#[component]
fn Picker(
    uid: String,
    v: Variable,
    current: Signal<BTreeMap<String, Vec<String>>>,
    range: Memo<Result<TimeRange, String>>,
    set: Callback<(String, Vec<String>)>,
) -> impl IntoView {
    let name = v.name.clone();
    let fallback = default_of(&v.spec);
    let chosen = {
        let name = name.clone();
        Signal::derive(move || {
            current
                .with(|c| c.get(&name).cloned())
                .unwrap_or_else(|| fallback.clone())
        })
    };
    let (multi, all) = (flag(&v, "multi"), flag(&v, "includeAll"));
    let test = format!("var-{name}");
    let access = super::access::use_access();
    if v.kind == "textbox" && access.link().is_some() {
        // A link keeps a text box at its stored value.
        return view! {
            <label class="variable">{format!("{} ", v.name)}
                <span data-test=test>{move || chosen.get().join(",")}</span>
            </label>
        }
        .into_any();
    }
    if v.kind == "textbox" {
        let name = name.clone();
        return view! {
            <label>{format!("{} ", v.name)}
                <input data-test=test prop:value=move || chosen.get().join(",")
                    on:change=move |ev| set.run((name.clone(), vec![event_target_value(&ev)])) />
            </label>
        }
        .into_any();
    }
    // Re-asked when the range or another variable changes; kept for the
    // server's render (`PickerOptions`), which makes each picker twice.
    let definition = || serde_json::to_string(&v).unwrap_or_default();
    let options = kept(true, &name, definition, || {
        let (uid, name) = (uid.clone(), name.clone());
        // In edit mode, options follow the working copy's variables.
        let editor = use_context::<super::edit::Editor>();
        Resource::new(
            move || {
                let draft = editor.and_then(|ed| ed.changed_variables());
                (range.get().ok(), current.get(), draft)
            },
            move |(r, vars, variables)| {
                let (uid, name, access) = (uid.clone(), name.clone(), access.clone());
                async move {
                    // A picker about to go (its variable renamed or removed
                    // in the working copy) asks nothing.
                    if variables
                        .as_ref()
                        .is_some_and(|list| list.iter().all(|v| v.name != name))
                    {
                        return Ok(Vec::new());
                    }
                    let range = r.ok_or_else(|| "Pick a valid time range.".to_owned())?;
                    let req = PanelRequest {
                        range,
                        width: 100,
                        vars,
                        draft: None,
                        variables,
                    };
                    access
                        .options(uid, name, req)
                        .await
                        .map_err(|e| e.to_string())
                }
            },
        )
    });
    let pick = {
        let name = name.clone();
        move |values: Vec<String>| set.run((name.clone(), values))
    };
    let body = move |list: Vec<String>| -> AnyView {
        let pick = pick.clone();
        if !multi {
            let mut choices = list;
            if all {
                choices.insert(0, ALL.to_owned());
            }
            return view! {
                <select data-test=format!("var-{}-select", v.name) prop:value=move || chosen.get().first().cloned().unwrap_or_default()
                    on:change=move |ev| pick(vec![event_target_value(&ev)])>
                    {choices.into_iter().map(|o| {
                        let shown = if o == ALL { "All".to_owned() } else { o.clone() };
                        view! { <option value=o>{shown}</option> }
                    }).collect_view()}
                </select>
            }
            .into_any();
        }
        let toggle = move |o: String| {
            let mut now: Vec<String> = chosen
                .get_untracked()
                .into_iter()
                .filter(|c| c != ALL)
                .collect();
            if o == ALL {
                now = vec![ALL.to_owned()];
            } else if let Some(i) = now.iter().position(|c| *c == o) {
                now.remove(i);
            } else {
                now.push(o);
            }
            now
        };
        let mut choices = list;
        if all {
            choices.insert(0, ALL.to_owned());
        }
        view! {
            <details class="var-picker" data-test=format!("var-{}-picker", v.name)>
                <summary data-test="var-summary">{move || label(&chosen.get())}</summary>
                <ul>
                    {choices.into_iter().map(|o| {
                        let (key, shown) = (o.clone(), if o == ALL { "All".to_owned() } else { o.clone() });
                        let pick = pick.clone();
                        view! {
                            <li><label>
                                <input type="checkbox" data-option=o.clone() prop:checked=move || chosen.with(|c| c.contains(&key))
                                    on:change=move |_| pick(toggle(o.clone())) />
                                {shown}
                            </label></li>
                        }
                    }).collect_view()}
                </ul>
            </details>
        }
        .into_any()
    };
    view! {
        <label class="variable">{format!("{} ", name)}
            <span data-test=test>
                // Options asked again (a new range, a tick) keep the
                // picker as it is until they are in.
                <Transition fallback=|| view! { <span class="muted">"…"</span> }>
                    {move || options.get().map(|r| match r {
                        Ok(list) => body(list),
                        Err(e) => view! { <span class="error" role="alert" data-test="var-error">{e}</span> }.into_any(),
                    })}
                </Transition>
            </span>
        </label>
    }
    .into_any()
}
