use app::error::AppError;
use app::model::CurrentUser;
use app::services::RequestContext;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::Deserialize;

use super::{Actor, ApiJson};
use crate::auth::cookie;
use crate::state::AppState;
use crate::web::status::ApiError;

#[derive(Deserialize)]
pub struct LoginBody {
    username: String,
    password: String,
}

/// `POST /api/v1/auth/login` → the user, with the session cookie set.
pub async fn login(
    State(state): State<AppState>,
    ctx: Option<Extension<RequestContext>>,
    ApiJson(body): ApiJson<LoginBody>,
) -> Result<Response, ApiError> {
    let secure = ctx.is_some_and(|c| c.secure);
    let session = state.auth.login(&body.username, &body.password).await?;
    let set = cookie::set(&session.token, state.auth.cfg.max_secs as u64, secure);
    Ok(([(header::SET_COOKIE, set)], Json(session.user)).into_response())
}

/// `POST /api/v1/auth/logout` → 204; the session is gone server-side.
pub async fn logout(
    State(state): State<AppState>,
    Actor(_, ctx): Actor,
) -> Result<Response, ApiError> {
    state.auth.logout(ctx.session_token.as_deref()).await?;
    Ok((
        [(header::SET_COOKIE, cookie::clear(ctx.secure))],
        StatusCode::NO_CONTENT,
    )
        .into_response())
}

/// `GET /api/v1/auth/me`
pub async fn me(Actor(user, _): Actor) -> Json<CurrentUser> {
    Json(user)
}

#[derive(Deserialize)]
pub struct PasswordBody {
    current: String,
    new: String,
}

/// `POST /api/v1/auth/password` → 204 with a fresh session cookie; every
/// other session of the user is logged out.
pub async fn change_password(
    State(state): State<AppState>,
    Actor(user, ctx): Actor,
    ApiJson(body): ApiJson<PasswordBody>,
) -> Result<Response, ApiError> {
    if ctx.token_id.is_some() {
        return Err(AppError::session_only("Changing a password").into());
    }
    let session = state
        .auth
        .change_password(&user, &body.current, &body.new)
        .await?;
    let set = cookie::set(&session.token, state.auth.cfg.max_secs as u64, ctx.secure);
    Ok(([(header::SET_COOKIE, set)], StatusCode::NO_CONTENT).into_response())
}
