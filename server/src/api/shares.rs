use app::model::share::{CreatedShare, NewShare, ShareLink};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;

use super::{Actor, ApiJson};
use crate::state::AppState;
use crate::web::status::ApiError;

/// List share links
///
/// Editors see their own links; admins see all. Never the token itself.
#[utoipa::path(get, path = "/api/v1/shares", tag = "shares",
    responses((status = 200, description = "The links.", body = Vec<ShareLink>)))]
pub async fn list(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
) -> Result<Json<Vec<ShareLink>>, ApiError> {
    Ok(Json(state.shares.list(&actor).await?))
}

/// Share a dashboard or a saved search
///
/// Editors and admins. Only an admin may make a link usable without an
/// account. The answer holds the link's path with its token this once.
#[utoipa::path(post, path = "/api/v1/shares", tag = "shares", request_body = NewShare,
    responses((status = 201, description = "Created; `path` holds the token only now.", body = CreatedShare)))]
pub async fn create(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    ApiJson(new): ApiJson<NewShare>,
) -> Result<(StatusCode, Json<CreatedShare>), ApiError> {
    let made = state.shares.create(&actor, new).await?;
    Ok((StatusCode::CREATED, Json(made)))
}

/// Revoke a share link
///
/// Its creator or an admin. The link and any open view of it stop working at once.
#[utoipa::path(delete, path = "/api/v1/shares/{id}", tag = "shares",
    params(("id" = i64, Path, description = "The link's id.")),
    responses((status = 204, description = "Revoked.")))]
pub async fn revoke(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    state.shares.revoke(&actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
