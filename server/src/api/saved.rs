use app::model::{SavedQuery, SavedQuerySpec};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;

use super::{Actor, ApiJson};
use crate::state::AppState;
use crate::web::status::ApiError;

/// `GET /api/v1/saved-queries`: every logged-in user.
pub async fn list(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
) -> Result<Json<Vec<SavedQuery>>, ApiError> {
    Ok(Json(state.saved.list(&actor).await?))
}

/// `POST /api/v1/saved-queries` (editor) → 201; 409 if the name is taken.
pub async fn create(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    ApiJson(spec): ApiJson<SavedQuerySpec>,
) -> Result<(StatusCode, Json<SavedQuery>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(state.saved.create(&actor, spec).await?),
    ))
}

/// `DELETE /api/v1/saved-queries/{id}` (its owner or an admin) → 204.
pub async fn delete(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    state.saved.delete(&actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
