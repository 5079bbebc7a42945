mod run;

pub use run::{run_queries, RunQueries};

use crate::model::{Query, QueryData, QueryOutcome, QueryStats};

/// Runs one query; its error (or the transport's) as text for the page.
pub async fn run_one(query: Query) -> Result<(QueryData, QueryStats), String> {
    let answers = run_queries(vec![("A".into(), query)])
        .await
        .map_err(|e| e.to_string())?;
    match answers.into_iter().next().map(|a| a.outcome) {
        Some(QueryOutcome::Data { data, stats }) => Ok((data, stats)),
        Some(QueryOutcome::Error { error }) => Err(error.to_string()),
        None => Err("The server sent no answer; try again.".into()),
    }
}
