//! One panel: its title and menu, and a panel runner fed by its stored
//! queries (`run_panel`) on the view's range, variables and refresh tick.
//! A failing query fails this panel only.

use std::collections::BTreeMap;

use leptos::prelude::*;

use super::access::{use_access, Access};
use super::csv::csv;
use super::keep::kept;
use super::links::{explore_href, Sources};
use crate::components::panel::{Answers, Notes, PanelRunner, Run};
use crate::components::save_file::save_text;
use crate::components::{watch_visible, InView};
use crate::model::dashboard::{Panel, PanelRequest};
use crate::model::template::vars::{display, values};
use crate::model::TimeRange;
use crate::server_fns::dashboards::render_markdown;

/// What every panel of a view shares: the range, the variable values, the
/// refresh tick, and what zooming or opening a panel does.
#[derive(Clone, Copy)]
pub struct PanelEnv {
    pub range: Memo<Result<TimeRange, String>>,
    pub vars: Signal<BTreeMap<String, Vec<String>>>,
    pub tick: RwSignal<u64>,
    pub zoom: Callback<(i64, i64)>,
    /// Opens a panel alone (`viewPanel`), or back to the grid with `None`.
    pub open: Callback<Option<String>>,
}

async fn fetch(access: Access, uid: String, id: String, req: PanelRequest) -> Run {
    match access.run(uid, id, req).await {
        Err(e) => Run::Failed(e.to_string()),
        Ok((range, list)) => Run::Done(range, Answers::from_batch(list)),
    }
}

#[component]
pub fn PanelView(
    uid: String,
    id: String,
    panel: Panel,
    env: PanelEnv,
    /// Run this (unsaved) definition instead of the stored one: editors only.
    #[prop(optional)]
    draft: bool,
) -> impl IntoView {
    let PanelEnv {
        range,
        vars,
        tick,
        zoom,
        open,
    } = env;
    let kind = panel.kind.clone();
    let (own_id, own_text) = (id.clone(), id.clone());
    // `$var` in a title shows the current values (as text).
    let title = {
        let (raw, editor) = (
            panel.spec.title.clone(),
            use_context::<super::edit::Editor>(),
        );
        Signal::derive(move || match editor {
            Some(ed) => ed.draft.with(|d| display(&raw, &values(d, &vars.get()))),
            None => raw.clone(),
        })
    };
    let text = panel
        .spec
        .options
        .get("markdown")
        .and_then(|m| m.as_str())
        .unwrap_or_default()
        .to_owned();
    let has_queries = !panel.spec.queries.is_empty();
    let explore = {
        let (panel, sources) = (panel.clone(), use_context::<Sources>());
        let editor = use_context::<super::edit::Editor>();
        Signal::derive(move || {
            let list = sources?.0.get()?;
            let range = range.get().ok()?;
            editor?
                .draft
                .with(|d| explore_href(d, &panel, &vars.get(), range, &list))
        })
    };
    let sent = draft.then(|| panel.clone());
    let sent_vars = use_context::<super::edit::Editor>()
        .filter(|_| draft)
        .and_then(|ed| ed.changed_variables());
    let drawn = panel.clone();
    let width = 1000;
    // Panels query once near the viewport, and follow ticks only there.
    let node = NodeRef::<leptos::html::Article>::new();
    let access = use_access();
    let image = access.chart_image(&uid, &id, &vars.get_untracked());
    provide_context(image.clone());
    // "PNG": the server's image of this panel, for this range and these values.
    let zone = crate::components::use_zone();
    let png = move || {
        let r = range.get().ok()?;
        let span = (r.from_ms, r.to_ms);
        Some(image.url("png", span, (1200, 400), zone.offset_at(r.to_ms)))
    };
    let run_id = id.clone();
    let make = move || {
        let at = InView::new();
        // What the panel runs for: the view's range, values and tick while
        // it is near the viewport; what it last ran for while it is not
        // (then only `near` is read, so ticks wake nothing).
        let wanted = Memo::new(
            move |last: Option<&(Option<TimeRange>, _, u64)>| match last {
                Some(last) if !at.near.get() => last.clone(),
                _ => (range.get().ok(), vars.get(), tick.get()),
            },
        );
        let run = Resource::new(
            move || (wanted.get(), at.seen.get()),
            move |((r, vars, _), seen)| {
                let (uid, id, draft) = (uid.clone(), id.clone(), sent.clone());
                let (variables, access) = (sent_vars.clone(), access.clone());
                async move {
                    match r {
                        None => Run::Idle("Pick a valid time range.".into()),
                        Some(_) if !has_queries => {
                            Run::Idle("No query yet: edit the panel to add one.".into())
                        }
                        Some(_) if !seen => Run::Waiting,
                        Some(range) => {
                            let req = PanelRequest {
                                range,
                                width,
                                vars,
                                draft,
                                variables,
                            };
                            fetch(access, uid, id, req).await
                        }
                    }
                }
            },
        );
        (run, at)
    };
    // A stored panel's run is kept for the server's render (`PanelRuns`);
    // an editor's preview of an unsaved definition makes its own.
    let (results, at) = kept(
        !draft,
        &run_id,
        || serde_json::to_string(&panel).unwrap_or_default(),
        make,
    );
    watch_visible(node, at);
    let inspecting = RwSignal::new(false);
    let marks = use_context::<Notes>()
        .map(|n| n.marks_for(own_id.clone()))
        .unwrap_or_else(|| Signal::stored(Vec::new()));
    let for_csv = panel.clone();
    let download = move |_| {
        let Some(Run::Done(_, a)) = results.get_untracked() else {
            return;
        };
        let name = format!(
            "{}.csv",
            for_csv
                .spec
                .title
                .chars()
                .filter(|c| c.is_alphanumeric() || *c == '-')
                .take(60)
                .collect::<String>()
        );
        let name = if name == ".csv" {
            "panel.csv".to_owned()
        } else {
            name
        };
        let _ = save_text(&csv(&for_csv, &a.data), &name, "text/csv");
    };
    // Built apart (`into_any`) to keep the view's type shallow.
    let is_logs = kind == "logs";
    let head = view! {
        <h3 class="panel-title">
            <button type="button" class="link" data-test="panel-open" title="View this panel alone"
                on:click=move |_| open.run(Some(own_id.clone()))>{title}</button>
            {has_queries.then(|| view! {
                <button type="button" class="link panel-link" data-test="panel-inspect" on:click=move |_| inspecting.update(|i| *i = !*i)>"Inspect"</button>
                <button type="button" class="link panel-link" data-test="panel-csv" on:click=download>"CSV"</button>
                {(!is_logs).then(|| view! {
                    <a class="panel-link" data-test="panel-image" href=png download="panel.png" title="The panel as a PNG image, drawn by the server">"PNG"</a>
                })}
            })}
            <Suspense fallback=|| ()>
                {move || explore.get().map(|href| view! {
                    <a class="panel-link" href=href data-test="panel-explore" title="Open this query in Explore">"Explore"</a>
                })}
            </Suspense>
        </h3>
    }
    .into_any();
    view! {
        <article node_ref=node class="panel-box" data-test="panel" data-kind=kind.clone()>
            {head}
            {(kind == "text").then(|| view! { <Markdown id=own_text.clone() text=text.clone() /> })}
            {(kind != "text").then(|| view! {
                <PanelRunner panel=Signal::stored(drawn.clone()) run=results zoom inspect=inspecting inspect_open=true marks />
            })}
        </article>
    }
}

/// A text panel: Markdown rendered and sanitised on the server (a shared
/// view got it with the dashboard).
#[component]
fn Markdown(id: String, text: String) -> impl IntoView {
    if let Some(l) = use_access().link() {
        let h = l.markdown.get(&id).cloned().unwrap_or_default();
        return view! { <div class="markdown" data-test="text-panel" inner_html=h></div> }
            .into_any();
    }
    let html = Resource::new(
        move || text.clone(),
        |t| async move { render_markdown(t).await },
    );
    view! {
        <Suspense fallback=|| ()>
            {move || html.get().map(|r| match r {
                Ok(h) => view! { <div class="markdown" data-test="text-panel" inner_html=h></div> }.into_any(),
                Err(e) => view! { <p class="error" role="alert">{e.to_string()}</p> }.into_any(),
            })}
        </Suspense>
    }
    .into_any()
}
