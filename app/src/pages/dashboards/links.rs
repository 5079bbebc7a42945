//! Where a panel leads: "Explore" opens the panel's first query, with the
//! variables filled in (escaped, as the server fills them) and the panel's
//! range, in Explore's logs or metrics mode on the same data source.

use std::collections::BTreeMap;

use crate::model::dashboard::{Dashboard, Panel};
use crate::model::template::vars::{interpolate, values, Target};
use crate::model::timenav::absolute;
use crate::model::{DataSource, ExploreMode, TimeRange};
use crate::pages::explore::ExploreState;

pub use crate::components::panel::Sources;

/// The Explore link for `panel`, or `None` when it has no query or its
/// data source is unknown here.
pub fn explore_href(
    d: &Dashboard,
    panel: &Panel,
    asked: &BTreeMap<String, Vec<String>>,
    range: TimeRange,
    sources: &[DataSource],
) -> Option<String> {
    let q = panel.spec.queries.first()?;
    let name = q.datasource.as_ref().or(panel.spec.datasource.as_ref())?;
    let ds = sources
        .iter()
        .find(|s| s.settings.name.eq_ignore_ascii_case(name))?;
    let logs = matches!(panel.kind.as_str(), "logs" | "logvolume");
    let (text, target, mode) = if logs {
        (q.query.as_deref()?, Target::Lucene, ExploreMode::Logs)
    } else {
        (q.expr.as_deref()?, Target::PromQl, ExploreMode::Metrics)
    };
    let filled = interpolate(text, &values(d, asked), target).ok()?;
    let (from, to) = absolute(range.from_ms, range.to_ms);
    let id = ds.id.to_string();
    let legend = q.legend.clone().unwrap_or_default();
    let get = |k: &str| match k {
        "ds" => Some(id.clone()),
        "q" => Some(filled.clone()),
        "from" => Some(from.clone()),
        "to" => Some(to.clone()),
        "legend" => Some(legend.clone()),
        "unit" => panel
            .spec
            .options
            .get("unit")
            .and_then(|u| u.as_str())
            .map(str::to_owned),
        _ => None,
    };
    Some(ExploreState::from_params(mode, get).href())
}
