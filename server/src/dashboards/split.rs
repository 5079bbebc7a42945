//! Log volume split by a field (`options.splitBy`, e.g. `level` or
//! `service`): the field's most common values among the panel's hits in
//! the range (a terms query, masked like any answer), then one count over
//! time per value, each answer named by its value, drawn as stacked bars.

use std::sync::Arc;

use app::error::AppError;
use app::model::template::lucene::escape_phrase;
use app::model::{CurrentUser, Query, QueryAnswer, QueryData, QueryOutcome};

use crate::datasources::service::DataSourceService;
use crate::masking::Masker;
use crate::query::batch;

/// The panel's split field, if it names a plain field.
pub fn field(
    options: &std::collections::BTreeMap<String, serde_json::Value>,
) -> Result<Option<String>, String> {
    let Some(f) = options
        .get("splitBy")
        .and_then(|v| v.as_str())
        .filter(|f| !f.is_empty())
    else {
        return Ok(None);
    };
    let plain = f.len() <= 100
        && f.chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-@".contains(c));
    if plain {
        Ok(Some(f.to_owned()))
    } else {
        Err(format!("options.splitBy: {f:?} is not a field name"))
    }
}

/// Runs `queries` (a log-volume panel's) split by `field`: for the first
/// query, one histogram per top value; the answers are named by the values.
pub async fn volumes(
    datasources: Arc<DataSourceService>,
    masker: Arc<Masker>,
    actor: &CurrentUser,
    queries: Vec<(String, Query)>,
    field: &str,
) -> Result<Vec<QueryAnswer>, AppError> {
    let Some((
        ref_id,
        Query::LogHistogram {
            datasource,
            query,
            range,
            index,
        },
    )) = queries.into_iter().next()
    else {
        return Ok(Vec::new());
    };
    let top = Query::TopValues {
        datasource,
        field: field.to_owned(),
        query: query.clone(),
        range,
        index: index.clone(),
    };
    let mut answers = batch::run(
        datasources.clone(),
        masker.clone(),
        actor,
        vec![(ref_id.clone(), top)],
    )
    .await?;
    let values = match answers.pop().map(|a| a.outcome) {
        Some(QueryOutcome::Data {
            data: QueryData::TopValues { values, .. },
            ..
        }) => values,
        Some(QueryOutcome::Error { error }) => {
            return Ok(vec![QueryAnswer {
                ref_id,
                outcome: QueryOutcome::Error { error },
            }])
        }
        _ => Vec::new(),
    };
    let histogram = |q: String| Query::LogHistogram {
        datasource,
        query: q,
        range,
        index: index.clone(),
    };
    let split: Vec<(String, Query)> = values
        .into_iter()
        .map(|v| match v.value {
            serde_json::Value::String(s) => s,
            other => other.to_string(),
        })
        .map(|name| {
            let q = format!("({query}) AND {field}:\"{}\"", escape_phrase(&name));
            (name, histogram(q))
        })
        .collect();
    if split.is_empty() {
        // Nothing matches: one empty volume says so.
        return batch::run(datasources, masker, actor, vec![(ref_id, histogram(query))]).await;
    }
    batch::run(datasources, masker, actor, split).await
}
