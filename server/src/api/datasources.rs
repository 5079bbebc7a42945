use app::model::{DataSource, DataSourceInput, TestOutcome};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;

use super::{Actor, ApiJson};
use crate::state::AppState;
use crate::web::status::ApiError;

/// `GET /api/v1/datasources`: every user; non-admins see no URLs.
pub async fn list(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
) -> Result<Json<Vec<DataSource>>, ApiError> {
    Ok(Json(state.datasources.list(&actor).await?))
}

/// `POST /api/v1/datasources` (admin) → 201.
pub async fn create(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    ApiJson(input): ApiJson<DataSourceInput>,
) -> Result<(StatusCode, Json<DataSource>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(state.datasources.create(&actor, input).await?),
    ))
}

/// `PUT /api/v1/datasources/{id}` (admin). Send `version` to detect stale
/// saves; omit `secret` to keep the stored one.
pub async fn update(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<DataSourceInput>,
) -> Result<Json<DataSource>, ApiError> {
    Ok(Json(state.datasources.update(&actor, id, input).await?))
}

/// `DELETE /api/v1/datasources/{id}` (admin) → 204.
pub async fn delete(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    state.datasources.delete(&actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/v1/datasources/{id}/test` (admin): the upstream's version, or why not.
pub async fn test(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    Path(id): Path<i64>,
) -> Result<Json<TestOutcome>, ApiError> {
    Ok(Json(state.datasources.test(&actor, id).await?))
}
