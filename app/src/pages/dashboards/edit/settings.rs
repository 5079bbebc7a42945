//! Dashboard settings in edit mode: title, tags, description, the default
//! range, refresh and zone, the variables (with a preview of their
//! options), and the whole model as JSON (for links and anything without a
//! form). The JSON is checked by the same decoder as an import, and its
//! error names the bad field's path; nothing changes until it decodes.

use std::collections::BTreeMap;

use leptos::prelude::*;

use super::use_editor;
use super::variables_editor::VariablesEditor;
use crate::components::REFRESH;
use crate::model::dashboard::Dashboard;
use crate::model::time::{now_ms, resolve_range};
use crate::model::TimeRange;

/// `a, b, ,c` → `[a, b, c]`.
fn split_tags(v: &str) -> Vec<String> {
    v.split(',')
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect()
}

#[component]
pub fn Settings(
    uid: String,
    range: Memo<Result<TimeRange, String>>,
    vars: Signal<BTreeMap<String, Vec<String>>>,
) -> impl IntoView {
    let ed = use_editor();
    let field = move |get: fn(&Dashboard) -> String, set: fn(&mut Dashboard, String)| {
        (
            Signal::derive(move || ed.draft.with(get)),
            move |ev: leptos::ev::Event| ed.draft.update(|d| set(d, event_target_value(&ev))),
        )
    };
    let (title, set_title) = field(|d| d.metadata.title.clone(), |d, v| d.metadata.title = v);
    let (tags, set_tags) = field(
        |d| d.metadata.tags.join(", "),
        |d, v| d.metadata.tags = split_tags(&v),
    );
    let (notes, set_notes) = field(
        |d| d.spec.annotations.tags.join(", "),
        |d, v| d.spec.annotations.tags = split_tags(&v),
    );
    let (description, set_description) = field(
        |d| d.metadata.description.clone(),
        |d, v| d.metadata.description = v,
    );
    let (from, set_from) = field(|d| d.spec.time.from.clone(), |d, v| d.spec.time.from = v);
    let (to, set_to) = field(|d| d.spec.time.to.clone(), |d, v| d.spec.time.to = v);
    let (refresh, set_refresh) = field(
        |d| d.spec.time.refresh.clone(),
        |d, v| d.spec.time.refresh = v,
    );
    let (zone, set_zone) = field(
        |d| d.spec.time.timezone.clone(),
        |d, v| d.spec.time.timezone = v,
    );
    // The default range must resolve, or the dashboard opens on an error.
    let range_error = move || {
        ed.draft
            .with(|d| resolve_range(&d.spec.time.from, &d.spec.time.to, now_ms(), 0).err())
    };
    let json = RwSignal::new(ed.draft.with_untracked(|d| d.export()));
    let error = RwSignal::new(None::<String>);
    let apply = move |_| match Dashboard::decode(&json.get_untracked()) {
        Ok(d) if d.metadata.uid != ed.saved.with_untracked(|s| s.metadata.uid.clone()) => error
            .set(Some(
                "metadata.uid: the uid cannot change here; use Save as a copy.".into(),
            )),
        Ok(d) => {
            ed.draft.set(d);
            error.set(None);
        }
        Err(e) => error.set(Some(e.to_string())),
    };
    view! {
        <section class="settings" data-test="dashboard-settings">
            <h2>"Settings"</h2>
            <label>"Title " <input data-test="settings-title" prop:value=title on:change=set_title /></label>
            <label>"Tags " <input data-test="settings-tags" prop:value=tags on:change=set_tags placeholder="comma, separated" /></label>
            <label>"Description " <input data-test="settings-description" prop:value=description on:change=set_description /></label>
            <fieldset class="time-defaults" data-test="settings-time">
                <legend>"Opens on"</legend>
                <label>"From " <input data-test="settings-from" prop:value=from on:change=set_from size="16" /></label>
                <label>"To " <input data-test="settings-to" prop:value=to on:change=set_to size="16" /></label>
                <label>"Refresh " <select data-test="settings-refresh" prop:value=refresh on:change=set_refresh>
                    {REFRESH.iter().map(|(v, label, _)| view! { <option value=*v>{*label}</option> }).collect_view()}
                </select></label>
                <label>"Zone " <select data-test="settings-zone" prop:value=zone on:change=set_zone>
                    <option value="browser">"Browser time"</option>
                    <option value="utc">"UTC"</option>
                </select></label>
                {move || range_error().map(|e| view! { <p class="error" role="alert" data-test="settings-range-error">{e}</p> })}
            </fieldset>
            <label>"Annotations with tags " <input data-test="settings-annotation-tags" prop:value=notes on:change=set_notes
                placeholder="all; or e.g. deploy, incident" /></label>
            <VariablesEditor uid range vars />
            <details>
                <summary>"JSON model"</summary>
                <textarea class="json" rows="20" spellcheck="false" data-test="settings-json" prop:value=json
                    on:focus=move |_| json.set(ed.draft.with_untracked(|d| d.export()))
                    on:input=move |ev| json.set(event_target_value(&ev)) />
                <p><button type="button" data-test="settings-json-apply" on:click=apply>"Apply JSON"</button></p>
                {move || error.get().map(|e| view! { <p class="error" role="alert" data-test="settings-error">{e}</p> })}
            </details>
            <p><button type="button" on:click=move |_| ed.settings.set(false)>"Close settings"</button></p>
        </section>
    }
}
