use app::model::{NewUser, UserInfo, UserUpdate};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;

use super::{Actor, ApiJson};
use crate::state::AppState;
use crate::web::status::ApiError;

/// `GET /api/v1/users` (admin)
pub async fn list(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
) -> Result<Json<Vec<UserInfo>>, ApiError> {
    Ok(Json(state.auth.list_users(&actor).await?))
}

/// `POST /api/v1/users` (admin) → 201 with the user.
pub async fn create(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    ApiJson(new): ApiJson<NewUser>,
) -> Result<(StatusCode, Json<UserInfo>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(state.auth.create_user(&actor, new).await?),
    ))
}

/// `PATCH /api/v1/users/{id}` (admin): `{"role"?, "disabled"?}`.
pub async fn update(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    Path(id): Path<i64>,
    ApiJson(update): ApiJson<UserUpdate>,
) -> Result<Json<UserInfo>, ApiError> {
    Ok(Json(state.auth.update_user(&actor, id, update).await?))
}

#[derive(Deserialize)]
pub struct ResetBody {
    password: String,
}

/// `POST /api/v1/users/{id}/password` (admin) → 204.
pub async fn reset_password(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<ResetBody>,
) -> Result<StatusCode, ApiError> {
    state
        .auth
        .reset_password(&actor, id, &body.password)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
