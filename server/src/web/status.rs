//! The one place an `AppError` becomes an HTTP status, for the REST API and
//! for server functions alike.

use app::error::AppError;
use axum::body::{to_bytes, Body};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::error::ServiceError;

pub fn status_of(e: &AppError) -> StatusCode {
    match e {
        AppError::Invalid(_) => StatusCode::BAD_REQUEST,
        AppError::Unauthenticated
        | AppError::BadCredentials
        | AppError::BadToken
        | AppError::BadLink => StatusCode::UNAUTHORIZED,
        AppError::Forbidden(_) => StatusCode::FORBIDDEN,
        AppError::NotFound(_) => StatusCode::NOT_FOUND,
        AppError::Conflict(_) => StatusCode::CONFLICT,
        AppError::TooManyAttempts { .. } => StatusCode::TOO_MANY_REQUESTS,
        AppError::Transport(_) => StatusCode::BAD_GATEWAY,
        AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
        AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

fn retry_after(e: &AppError, res: &mut Response) {
    if let AppError::TooManyAttempts { retry_after_secs } = e {
        res.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(*retry_after_secs));
    }
}

/// A REST API error: the status from [`status_of`] and a JSON body
/// `{"error": {"kind", "message"}}`.
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        ApiError(e)
    }
}

impl From<ServiceError> for ApiError {
    fn from(e: ServiceError) -> Self {
        ApiError(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let kind = serde_json::to_value(&self.0)
            .ok()
            .and_then(|v| v.get("kind").cloned())
            .unwrap_or(json!("internal"));
        let body = json!({ "error": { "kind": kind, "message": self.0.to_string() } });
        let mut res = (status_of(&self.0), axum::Json(body)).into_response();
        retry_after(&self.0, &mut res);
        res
    }
}

/// Server functions answer every error with 500; this gives them the status
/// their `AppError` deserves (and `Retry-After` for 429).
pub async fn fix_server_fn_status(res: Response) -> Response {
    if res.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !res.headers().contains_key("serverfnerror")
    {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = to_bytes(body, 64 * 1024).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "server function error").into_response();
    };
    if let Ok(err) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = status_of(&err);
        let mut res = Response::from_parts(parts, Body::from(bytes));
        retry_after(&err, &mut res);
        return res;
    }
    Response::from_parts(parts, Body::from(bytes))
}
