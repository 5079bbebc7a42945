use app::model::share::{CreatedShare, NewShare, ShareLink};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;

use super::{Actor, ApiJson};
use crate::state::AppState;
use crate::web::status::ApiError;

/// `GET /api/v1/shares` (editor): own share links; an admin sees all.
pub async fn list(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
) -> Result<Json<Vec<ShareLink>>, ApiError> {
    Ok(Json(state.shares.list(&actor).await?))
}

/// `POST /api/v1/shares` `{kind, target, expires_days?, options?}` (editor)
/// → 201 with the link's path, holding the token this once.
pub async fn create(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    ApiJson(new): ApiJson<NewShare>,
) -> Result<(StatusCode, Json<CreatedShare>), ApiError> {
    let made = state.shares.create(&actor, new).await?;
    Ok((StatusCode::CREATED, Json(made)))
}

/// `DELETE /api/v1/shares/{id}` (its creator or an admin) → 204.
pub async fn revoke(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    state.shares.revoke(&actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
