use app::model::{NewUser, UserInfo, UserUpdate};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;

use super::{Actor, ApiJson};
use crate::state::AppState;
use crate::web::status::ApiError;

/// List users
///
/// Admins only.
#[utoipa::path(get, path = "/api/v1/users", tag = "users",
    responses((status = 200, description = "Every user.", body = Vec<UserInfo>)))]
pub async fn list(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
) -> Result<Json<Vec<UserInfo>>, ApiError> {
    Ok(Json(state.auth.list_users(&actor).await?))
}

/// Create a user
///
/// Admins only. 409 if the name is taken.
#[utoipa::path(post, path = "/api/v1/users", tag = "users", request_body = NewUser,
    responses((status = 201, description = "Created.", body = UserInfo)))]
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

/// Change a user's role or disable them
///
/// Admins only. A disabled user's sessions, tokens and share links stop
/// working at once. A change that would leave no active admin gets 409.
#[utoipa::path(patch, path = "/api/v1/users/{id}", tag = "users", request_body = UserUpdate,
    params(("id" = i64, Path, description = "The user's id.")),
    responses((status = 200, description = "The user as changed.", body = UserInfo)))]
pub async fn update(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    Path(id): Path<i64>,
    ApiJson(update): ApiJson<UserUpdate>,
) -> Result<Json<UserInfo>, ApiError> {
    Ok(Json(state.auth.update_user(&actor, id, update).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ResetBody {
    password: String,
}

/// Set a user's password
///
/// Admins only. The user's sessions are ended.
#[utoipa::path(post, path = "/api/v1/users/{id}/password", tag = "users", request_body = ResetBody,
    params(("id" = i64, Path, description = "The user's id.")),
    responses((status = 204, description = "Set.")))]
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
