use app::model::{DataSource, DataSourceInput, TestOutcome};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;

use super::{Actor, ApiJson};
use crate::state::AppState;
use crate::web::status::ApiError;

/// List data sources
///
/// Any logged-in user; only admins see URLs. Secrets are never shown.
#[utoipa::path(get, path = "/api/v1/datasources", tag = "datasources",
    responses((status = 200, description = "The data sources.", body = Vec<DataSource>)))]
pub async fn list(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
) -> Result<Json<Vec<DataSource>>, ApiError> {
    Ok(Json(state.datasources.list(&actor).await?))
}

/// Add a data source
///
/// Admins only. The secret is write-only: stored encrypted, never answered.
#[utoipa::path(post, path = "/api/v1/datasources", tag = "datasources", request_body = DataSourceInput,
    responses((status = 201, description = "Created.", body = DataSource)))]
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

/// Change a data source
///
/// Admins only. Send `version` to detect stale saves (409); omit `secret`
/// to keep the stored one.
#[utoipa::path(put, path = "/api/v1/datasources/{id}", tag = "datasources", request_body = DataSourceInput,
    params(("id" = i64, Path, description = "The data source's id.")),
    responses((status = 200, description = "The data source as saved.", body = DataSource)))]
pub async fn update(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<DataSourceInput>,
) -> Result<Json<DataSource>, ApiError> {
    Ok(Json(state.datasources.update(&actor, id, input).await?))
}

/// Delete a data source
///
/// Admins only.
#[utoipa::path(delete, path = "/api/v1/datasources/{id}", tag = "datasources",
    params(("id" = i64, Path, description = "The data source's id.")),
    responses((status = 204, description = "Deleted.")))]
pub async fn delete(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    state.datasources.delete(&actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Test a data source
///
/// Admins only. Answers the upstream's version, or why it could not be reached.
#[utoipa::path(post, path = "/api/v1/datasources/{id}/test", tag = "datasources",
    params(("id" = i64, Path, description = "The data source's id.")),
    responses((status = 200, description = "What the upstream said.", body = TestOutcome)))]
pub async fn test(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    Path(id): Path<i64>,
) -> Result<Json<TestOutcome>, ApiError> {
    Ok(Json(state.datasources.test(&actor, id).await?))
}
