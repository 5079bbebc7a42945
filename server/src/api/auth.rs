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

#[derive(Deserialize, utoipa::ToSchema)]
pub struct LoginBody {
    username: String,
    password: String,
}

/// Log in
///
/// Answers the user and sets the `lookout_session` cookie. Wrong names and
/// passwords get the same 401; repeated failures from one address or for one
/// name get 429 with `Retry-After`.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", security(()),
    request_body = LoginBody,
    responses((status = 200, description = "Logged in; the session cookie is set.", body = CurrentUser)))]
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

/// Log out
///
/// Ends the session on the server and clears the cookie.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth",
    responses((status = 204, description = "The session is gone.")))]
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

/// Who am I
///
/// The caller's user: id, name and role (for a token, capped by the owner's role).
#[utoipa::path(get, path = "/api/v1/auth/me", tag = "auth",
    responses((status = 200, description = "The caller.", body = CurrentUser)))]
pub async fn me(Actor(user, _): Actor) -> Json<CurrentUser> {
    Json(user)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct PasswordBody {
    current: String,
    new: String,
}

/// Change my password
///
/// Needs the current password and a browser session (never an API token).
/// Answers with a fresh session cookie; every other session of the user is
/// logged out.
#[utoipa::path(post, path = "/api/v1/auth/password", tag = "auth",
    request_body = PasswordBody,
    responses((status = 204, description = "Changed; a new session cookie is set.")))]
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
