use app::model::token::{ApiToken, CreatedToken, NewToken};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;

use super::{Actor, ApiJson};
use crate::state::AppState;
use crate::web::status::ApiError;

/// List API tokens
///
/// Editors see their own tokens; admins see all. Never the token itself.
#[utoipa::path(get, path = "/api/v1/tokens", tag = "tokens",
    responses((status = 200, description = "The tokens.", body = Vec<ApiToken>)))]
pub async fn list(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
) -> Result<Json<Vec<ApiToken>>, ApiError> {
    Ok(Json(state.auth.list_tokens(&actor).await?))
}

/// Create an API token
///
/// Editors and admins, from a browser session. The role is never above the
/// maker's own. The answer holds the token this once; only its hash is kept.
#[utoipa::path(post, path = "/api/v1/tokens", tag = "tokens", request_body = NewToken,
    responses((status = 201, description = "Created; `token` is shown only now.", body = CreatedToken)))]
pub async fn create(
    State(state): State<AppState>,
    Actor(actor, ctx): Actor,
    ApiJson(new): ApiJson<NewToken>,
) -> Result<(StatusCode, Json<CreatedToken>), ApiError> {
    let made = state
        .auth
        .create_token(&actor, ctx.token_id.is_some(), new)
        .await?;
    Ok((StatusCode::CREATED, Json(made)))
}

/// Revoke an API token
///
/// Its owner or an admin. The token stops working at once.
#[utoipa::path(delete, path = "/api/v1/tokens/{id}", tag = "tokens",
    params(("id" = i64, Path, description = "The token's id.")),
    responses((status = 204, description = "Revoked.")))]
pub async fn revoke(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    state.auth.revoke_token(&actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
