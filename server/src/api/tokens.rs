use app::model::token::{ApiToken, CreatedToken, NewToken};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;

use super::{Actor, ApiJson};
use crate::state::AppState;
use crate::web::status::ApiError;

/// `GET /api/v1/tokens` (editor): own tokens; an admin sees all.
pub async fn list(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
) -> Result<Json<Vec<ApiToken>>, ApiError> {
    Ok(Json(state.auth.list_tokens(&actor).await?))
}

/// `POST /api/v1/tokens` `{name, role, expires_days}` (editor, from a
/// session) → 201 with the token, shown this once.
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

/// `DELETE /api/v1/tokens/{id}` (its owner or an admin) → 204.
pub async fn revoke(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    state.auth.revoke_token(&actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
