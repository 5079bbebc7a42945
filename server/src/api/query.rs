use app::model::{Query, QueryAnswer};
use axum::extract::State;
use axum::Json;
use serde::{Deserialize, Serialize};

use super::{Actor, ApiJson};
use crate::query::batch;
use crate::state::AppState;
use crate::web::status::ApiError;

#[derive(Deserialize)]
pub struct Named {
    ref_id: String,
    #[serde(flatten)]
    query: Query,
}

#[derive(Deserialize)]
pub struct Batch {
    queries: Vec<Named>,
}

#[derive(Serialize)]
pub struct Answers {
    results: Vec<QueryAnswer>,
}

/// `POST /api/v1/query`: `{"queries": [{"ref_id": "A", "type": "range", "datasource": 1, …}]}`.
/// Any logged-in user. Each result carries its own data or error.
pub async fn run(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    ApiJson(body): ApiJson<Batch>,
) -> Result<Json<Answers>, ApiError> {
    let queries = body
        .queries
        .into_iter()
        .map(|n| (n.ref_id, n.query))
        .collect();
    Ok(Json(Answers {
        results: batch::run(
            state.datasources.clone(),
            state.masker.clone(),
            &actor,
            queries,
        )
        .await?,
    }))
}
