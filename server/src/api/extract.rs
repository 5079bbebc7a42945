//! Extractors that turn bad input into clear `ApiError`s.

use app::error::AppError;
use app::model::CurrentUser;
use app::services::RequestContext;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;

use crate::web::status::ApiError;

/// The logged-in caller, from the gate's `RequestContext`.
pub struct Actor(pub CurrentUser, pub RequestContext);

impl<S: Send + Sync> FromRequestParts<S> for Actor {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let ctx = parts
            .extensions
            .get::<RequestContext>()
            .cloned()
            .unwrap_or_default();
        let user = ctx.user.clone().ok_or(AppError::Unauthenticated)?;
        Ok(Actor(user, ctx))
    }
}

/// A query string whose rejection says what was wrong, in the API's one
/// error shape (axum's own answers plain text).
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(v)) => Ok(ApiQuery(v)),
            Err(e) => Err(AppError::Invalid(format!(
                "The query string is not as expected: {}",
                e.body_text()
            ))
            .into()),
        }
    }
}

/// JSON body whose rejection says what was wrong with it.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(ApiJson(v)),
            Err(e) => Err(AppError::Invalid(describe(&e)).into()),
        }
    }
}

fn describe(e: &JsonRejection) -> String {
    match e {
        JsonRejection::MissingJsonContentType(_) => {
            "The body must be JSON: send `Content-Type: application/json`.".into()
        }
        JsonRejection::JsonSyntaxError(_) => {
            format!("The body is not valid JSON: {}", e.body_text())
        }
        JsonRejection::JsonDataError(_) => format!(
            "The JSON does not have the expected fields: {}",
            e.body_text()
        ),
        _ => format!("Could not read the body: {}", e.body_text()),
    }
}
