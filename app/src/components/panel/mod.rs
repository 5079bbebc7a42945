//! The panel runner, shared by Explore's metrics mode and every dashboard
//! panel. The caller runs the queries (Explore one ad-hoc query through the
//! batch, a dashboard its stored panel on the server) into a [`Run`]; the
//! runner shows the loading, idle, waiting, error and no-data states, the
//! query inspector, and the answers drawn for the panel's kind (`body`).
//! A failure stays inside its own panel.

mod body;
mod held;
mod inspector;
mod logs;
pub mod picture;
mod table;

use leptos::prelude::*;

use crate::components::chart::Mark;
use crate::model::annotation::Annotation;
use crate::model::dashboard::Panel;
use crate::model::{DataSource, QueryAnswer, QueryData, QueryOutcome, QueryStats, TimeRange};
pub use held::Held;
pub use inspector::Inspector;

/// The data sources of this Lookout, for names → ids (log panels'
/// surrounding logs, links to Explore). Provided by the page.
#[derive(Clone, Copy)]
pub struct Sources(pub Resource<Vec<DataSource>>);

/// The annotations of the view's range, for the charts to draw. Provided
/// by the page (dashboards); absent, charts draw none.
#[derive(Clone, Copy)]
pub struct Notes(pub Signal<Vec<Annotation>>);

impl Notes {
    /// The marks for panel `id`: global ones and the panel's own.
    pub fn marks_for(self, id: String) -> Signal<Vec<Mark>> {
        Signal::derive(move || {
            self.0
                .try_with(|list| {
                    list.iter()
                        .filter(|a| a.panel.as_ref().is_none_or(|p| *p == id))
                        .map(Mark::of)
                        .collect()
                })
                .unwrap_or_default()
        })
    }
}

/// What the queries of one panel answered; each query fails alone.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Answers {
    pub errors: Vec<String>,
    /// (query index, ref id, data).
    pub data: Vec<(usize, String, QueryData)>,
    pub stats: Vec<(String, QueryStats)>,
}

impl Answers {
    /// Sorts a batch's answers into data and errors, keeping query order.
    pub fn from_batch(list: Vec<QueryAnswer>) -> Self {
        let mut a = Answers::default();
        for (i, answer) in list.into_iter().enumerate() {
            match answer.outcome {
                QueryOutcome::Data { data, stats } => {
                    a.stats.push((answer.ref_id.clone(), stats));
                    a.data.push((i, answer.ref_id, data));
                }
                QueryOutcome::Error { error } => a.errors.push(error.to_string()),
            }
        }
        a
    }

    /// Series drawn and the widest step, for the inspector.
    fn shape(&self) -> (usize, i64) {
        self.data
            .iter()
            .fold((0, 0), |(n, step), (_, _, d)| match d {
                QueryData::Series { series, step_ms } => (n + series.len(), step.max(*step_ms)),
                QueryData::Histogram { .. } => (n + 1, step),
                _ => (n, step),
            })
    }
}

/// Where one run of a panel stands.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Run {
    /// Nothing to run yet; the text says what to do.
    Idle(String),
    /// Below the fold: runs once scrolled into view.
    Waiting,
    /// Could not run at all (no data source, a bad range or step, the
    /// request refused); the text says why.
    Failed(String),
    /// Ran over this range.
    Done(TimeRange, Answers),
}

#[component]
pub fn PanelRunner(
    /// How to draw (kind, legend, unit, options); changing it redraws
    /// without asking again.
    #[prop(into)]
    panel: Signal<Panel>,
    run: Resource<Run>,
    /// A drag across a chart: the new range in ms.
    zoom: Callback<(i64, i64)>,
    /// Whether the query inspector shows, and whether it starts opened.
    #[prop(into)]
    inspect: Signal<bool>,
    #[prop(optional)] inspect_open: bool,
    /// A time series chart's height in pixels.
    #[prop(default = 220)]
    height: u32,
    /// Annotations drawn on the charts.
    #[prop(optional, into)]
    marks: Option<Signal<Vec<Mark>>>,
) -> impl IntoView {
    let marks = marks.unwrap_or_else(|| Signal::stored(Vec::new()));
    let held = Held::new();
    let done = move |range: TimeRange, a: Answers| {
        let (series, step_ms) = a.shape();
        let Answers {
            errors,
            data,
            stats,
        } = a;
        let failed_only = data.is_empty() && !errors.is_empty();
        view! {
            {errors.into_iter().map(|e| view! { <p class="error" role="alert" data-test="panel-error">{e}</p> }).collect_view()}
            {(!failed_only).then_some(move || panel.with(|p| body::render(p, range, data.clone(), zoom, (height, marks, held))))}
            <Show when=move || inspect.get()>
                <Inspector stats=stats.clone() series step_ms open=inspect_open />
            </Show>
        }
        .into_any()
    };
    // A run asked again (a refresh tick, a new range) keeps the last answer
    // on screen until the new one is in, marked busy meanwhile. A Suspense
    // here swapped every panel for "Loading…" on each tick: the charts
    // flickered, and the page, shorter for a moment, scrolled a reader
    // looking at the lower panels back to the top.
    let busy = RwSignal::new(false);
    let body = move || {
        run.get().map(|r| match r {
            Run::Idle(text) => view! { <p class="muted" data-test="panel-idle">{text}</p> }.into_any(),
            Run::Waiting => view! { <p class="muted" data-test="panel-waiting">"Loads when scrolled into view."</p> }.into_any(),
            Run::Failed(e) => view! { <p class="error" role="alert" data-test="panel-error">{e}</p> }.into_any(),
            Run::Done(range, a) => done(range, a),
        })
    };
    let loading = || view! { <p class="muted" data-test="panel-loading">"Loading…"</p> };
    // Only the browser follows `busy`: on the server `set_pending` would
    // start an effect task per panel for every page rendered.
    #[cfg(feature = "hydrate")]
    let shown = view! { <Transition fallback=loading set_pending=busy>{body}</Transition> };
    #[cfg(not(feature = "hydrate"))]
    let shown = view! { <Transition fallback=loading>{body}</Transition> };
    view! {
        <div class="panel-run" data-test="panel-run" aria-busy=move || busy.get().to_string()>
            {shown}
        </div>
        <logs::HeldContext panel held />
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{QueryError, QueryErrorKind, Series};

    #[test]
    fn a_batch_is_sorted_into_data_and_errors_in_query_order() {
        let series = |n: usize| QueryData::Series {
            series: vec![
                Series {
                    labels: Default::default(),
                    timestamps_ms: vec![],
                    values: vec![],
                };
                n
            ]
            .into(),
            step_ms: 15_000,
        };
        let ok = |id: &str, d| QueryAnswer {
            ref_id: id.into(),
            outcome: QueryOutcome::Data {
                data: d,
                stats: QueryStats::default(),
            },
        };
        let failed = QueryAnswer {
            ref_id: "B".into(),
            outcome: QueryOutcome::Error {
                error: QueryError {
                    kind: QueryErrorKind::BadQuery,
                    datasource: "prom".into(),
                    message: "parse error".into(),
                },
            },
        };
        let a = Answers::from_batch(vec![ok("A", series(2)), failed, ok("C", series(3))]);
        assert_eq!(a.errors.len(), 1);
        assert!(a.errors[0].contains("parse error"), "{:?}", a.errors);
        let kept: Vec<(usize, &str)> = a.data.iter().map(|(i, r, _)| (*i, r.as_str())).collect();
        assert_eq!(
            kept,
            [(0, "A"), (2, "C")],
            "indexes point at the panel's queries"
        );
        assert_eq!(a.stats.len(), 2);
        assert_eq!(a.shape(), (5, 15_000));
    }
}
