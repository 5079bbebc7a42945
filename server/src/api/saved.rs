use app::model::{SavedQuery, SavedQuerySpec};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;

use super::{Actor, ApiJson};
use crate::state::AppState;
use crate::web::status::ApiError;

/// List saved searches and queries
///
/// Any logged-in user.
#[utoipa::path(get, path = "/api/v1/saved-queries", tag = "saved-queries",
    responses((status = 200, description = "The saved queries.", body = Vec<SavedQuery>)))]
pub async fn list(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
) -> Result<Json<Vec<SavedQuery>>, ApiError> {
    Ok(Json(state.saved.list(&actor).await?))
}

/// Save a search or query
///
/// Editors and admins. 409 if the name is taken.
#[utoipa::path(post, path = "/api/v1/saved-queries", tag = "saved-queries", request_body = SavedQuerySpec,
    responses((status = 201, description = "Saved.", body = SavedQuery)))]
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

/// Delete a saved query
///
/// Its owner or an admin.
#[utoipa::path(delete, path = "/api/v1/saved-queries/{id}", tag = "saved-queries",
    params(("id" = i64, Path, description = "The saved query's id.")),
    responses((status = 204, description = "Deleted.")))]
pub async fn delete(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    state.saved.delete(&actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
