use app::model::{Query, QueryAnswer};
use axum::extract::State;
use serde::{Deserialize, Serialize};

use super::answers::{self, AnswersJson};
use super::{Actor, ApiJson};
use crate::query::batch;
use crate::state::AppState;
use crate::web::status::ApiError;

/// One query of a batch, named by `ref_id` in the answer.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct Named {
    ref_id: String,
    #[serde(flatten)]
    query: Query,
}

/// Up to the server's limit of queries, run concurrently.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct Batch {
    queries: Vec<Named>,
}

/// One answer per query, in order; each carries its own data or error.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Answers {
    results: Vec<QueryAnswer>,
}

/// Run queries against data sources
///
/// Any logged-in user: `{"queries": [{"ref_id": "A", "type": "range",
/// "datasource": 1, …}]}`. A data source is named by id, never by URL.
/// One failed query does not fail the others: each result carries its own
/// data or error. Non-admins get log values masked.
#[utoipa::path(post, path = "/api/v1/query", tag = "query", request_body = Batch,
    responses((status = 200, description = "One result per query.", body = Answers)))]
pub async fn run(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    ApiJson(body): ApiJson<Batch>,
) -> Result<AnswersJson<Answers>, ApiError> {
    let queries = body
        .queries
        .into_iter()
        .map(|n| (n.ref_id, n.query))
        .collect();
    let results = batch::run(
        state.datasources.clone(),
        state.masker.clone(),
        &actor,
        queries,
    )
    .await?;
    let size = answers::size_hint(&results);
    Ok(AnswersJson(Answers { results }, size))
}
