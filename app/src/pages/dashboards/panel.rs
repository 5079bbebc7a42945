//! One panel: runs its stored queries (`run_panel`) on the view's range,
//! variables and refresh tick, and shows them by kind, with its own
//! loading, no-data and error states. A failing query fails this panel only.

use std::collections::BTreeMap;

use leptos::prelude::*;

use super::links::{explore_href, Sources};
use super::logs_panel::LogsPanel;
use crate::components::chart::legend::series_name;
use crate::components::chart::scale::Unit;
use crate::components::chart::{Chart, Plotted};
use crate::components::use_zone;
use crate::model::dashboard::{Panel, PanelRequest};
use crate::model::{QueryData, QueryOutcome, TimeRange};
use crate::server_fns::dashboards::{render_markdown, run_panel};

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

/// What the queries of one panel answered.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
struct Answers {
    errors: Vec<String>,
    data: Vec<(usize, QueryData)>,
}

async fn fetch(uid: String, id: String, req: PanelRequest) -> Answers {
    match run_panel(uid, id, req).await {
        Err(e) => Answers {
            errors: vec![e.to_string()],
            data: vec![],
        },
        Ok(list) => {
            let mut a = Answers::default();
            for (i, answer) in list.into_iter().enumerate() {
                match answer.outcome {
                    QueryOutcome::Data { data, .. } => a.data.push((i, data)),
                    QueryOutcome::Error { error } => a.errors.push(error.to_string()),
                }
            }
            a
        }
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
    let own_id = id.clone();
    let title = panel.spec.title.clone();
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
    let width = 1000;
    let results = Resource::new(
        move || (range.get().ok(), vars.get(), tick.get()),
        move |(r, vars, _)| {
            let (uid, id, draft) = (uid.clone(), id.clone(), sent.clone());
            async move {
                match r {
                    Some(range) if has_queries => Some((
                        range,
                        fetch(
                            uid,
                            id,
                            PanelRequest {
                                range,
                                width,
                                vars,
                                draft,
                            },
                        )
                        .await,
                    )),
                    _ => None,
                }
            }
        },
    );
    let body = move |range: TimeRange, a: Answers| -> AnyView {
        let errors = a.errors.clone();
        let shown = render(&panel, range, a.data, zoom);
        view! {
            {errors.into_iter().map(|e| view! { <p class="error" role="alert" data-test="panel-error">{e}</p> }).collect_view()}
            {shown}
        }
        .into_any()
    };
    view! {
        <article class="panel-box" data-test="panel" data-kind=kind.clone()>
            <h3 class="panel-title">
                <button type="button" class="link" data-test="panel-open" title="View this panel alone"
                    on:click=move |_| open.run(Some(own_id.clone()))>{title}</button>
                <Suspense fallback=|| ()>
                    {move || explore.get().map(|href| view! {
                        <a class="panel-link" href=href data-test="panel-explore" title="Open this query in Explore">"Explore"</a>
                    })}
                </Suspense>
            </h3>
            {(kind == "text").then(|| view! { <Markdown text=text.clone() /> })}
            {(kind != "text").then(|| view! {
                <Suspense fallback=|| view! { <p class="muted" data-test="panel-loading">"Loading…"</p> }>
                    {move || results.get().map(|r| match r {
                        None => view! { <p class="muted">"Pick a valid time range."</p> }.into_any(),
                        Some((range, a)) => body(range, a),
                    })}
                </Suspense>
            })}
        </article>
    }
}

/// A text panel: Markdown rendered and sanitised on the server.
#[component]
fn Markdown(text: String) -> impl IntoView {
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
}

/// The colour class of the highest threshold `v` reaches (`options.thresholds`).
fn threshold_class(panel: &Panel, v: f64) -> &'static str {
    let mut class = "";
    for t in panel
        .spec
        .options
        .get("thresholds")
        .and_then(|t| t.as_array())
        .into_iter()
        .flatten()
    {
        if t["value"].as_f64().is_some_and(|at| v >= at) {
            class = match t["color"].as_str() {
                Some("green") => "th-green",
                Some("orange") => "th-orange",
                Some("blue") => "th-blue",
                _ => "th-red",
            };
        }
    }
    class
}

/// The answers drawn for the panel's kind.
fn render(
    panel: &Panel,
    range: TimeRange,
    data: Vec<(usize, QueryData)>,
    zoom: Callback<(i64, i64)>,
) -> AnyView {
    let zone = use_zone();
    let unit = Unit::parse(
        panel
            .spec
            .options
            .get("unit")
            .and_then(|u| u.as_str())
            .unwrap_or("short"),
    );
    let legend_of = |i: usize| {
        panel
            .spec
            .queries
            .get(i)
            .and_then(|q| q.legend.clone())
            .unwrap_or_default()
    };
    let mut plotted = Vec::new();
    let mut logs = Vec::new();
    let mut bars = None;
    for (i, d) in data {
        match d {
            QueryData::Series { series, .. } => {
                let legend = legend_of(i);
                for s in series {
                    plotted.push(Plotted {
                        name: series_name(&s.labels, &legend),
                        color: plotted.len(),
                        timestamps: s.timestamps_ms,
                        values: s.values,
                    });
                }
            }
            QueryData::Logs { hits, .. } => logs.extend(hits),
            QueryData::Histogram {
                buckets,
                interval_ms,
            } => {
                bars = Some((
                    interval_ms,
                    Plotted {
                        name: "logs".into(),
                        color: 0,
                        timestamps: buckets.iter().map(|b| b.start_ms).collect(),
                        values: buckets.iter().map(|b| Some(b.count as f64)).collect(),
                    },
                ));
            }
            _ => {}
        }
    }
    let span = (range.from_ms, range.to_ms);
    let offset = Signal::derive(move || zone.offset_at(span.1));
    match panel.kind.as_str() {
        "logs" if logs.is_empty() => view! { <p class="muted" data-test="no-data">"No logs match in this range."</p> }.into_any(),
        "logs" => {
            let columns: Vec<String> = panel.spec.options.get("columns").and_then(|c| serde_json::from_value(c.clone()).ok())
                .unwrap_or_else(|| vec!["level".into(), "service".into(), "message".into()]);
            let datasource = panel.spec.queries.first().and_then(|q| q.datasource.clone()).or(panel.spec.datasource.clone()).unwrap_or_default();
            view! { <LogsPanel hits=logs columns datasource /> }.into_any()
        }
        "logvolume" => match bars {
            Some((interval, b)) => view! { <Chart series=vec![b] range=span unit=Unit::Short offset_min=offset bars_ms=interval height=160 on_select=zoom /> }.into_any(),
            None => view! { <p class="muted" data-test="no-data">"No data."</p> }.into_any(),
        },
        _ if plotted.is_empty() => view! { <p class="muted" data-test="no-data">"No data: the query matched no series in this range."</p> }.into_any(),
        "stat" => {
            let last = plotted[0].values.iter().rev().flatten().next().copied().unwrap_or(f64::NAN);
            let class = format!("stat {}", threshold_class(panel, last));
            view! { <p class=class data-test="stat">{unit.format(last)}</p> }.into_any()
        }
        "gauge" | "bargauge" | "table" => view! {
            <table class="values" data-test="values"><tbody>
                {plotted.iter().map(|p| {
                    let v = p.values.iter().rev().flatten().next().copied().unwrap_or(f64::NAN);
                    view! { <tr><td>{p.name.clone()}</td><td class="num">{unit.format(v)}</td></tr> }
                }).collect_view()}
            </tbody></table>
        }.into_any(),
        _ => {
            let count = plotted.len();
            view! {
                <div class="series-chart" data-series=count>
                    <Chart series=plotted range=span unit offset_min=offset height=220 legend=true on_select=zoom />
                </div>
            }.into_any()
        }
    }
}
