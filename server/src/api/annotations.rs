use app::model::annotation::{Annotation, AnnotationQuery, NewAnnotation};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;

use super::{Actor, ApiJson, ApiQuery};
use crate::state::AppState;
use crate::web::status::ApiError;

/// `POST /api/v1/annotations` `{text, time_ms?, end_ms?, tags?, dashboard?,
/// panel?}` (editor, or an editor's API token) → 201.
pub async fn create(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    ApiJson(new): ApiJson<NewAnnotation>,
) -> Result<(StatusCode, Json<Annotation>), ApiError> {
    let made = state.annotations.create(&actor, new).await?;
    Ok((StatusCode::CREATED, Json(made)))
}

/// The list's query string: `tags` is comma-separated.
#[derive(Deserialize)]
pub struct ListParams {
    from_ms: i64,
    to_ms: i64,
    dashboard: Option<String>,
    tags: Option<String>,
}

/// `GET /api/v1/annotations?from_ms&to_ms[&dashboard][&tags=a,b]` (anyone
/// logged in): newest first, at most 1000.
pub async fn list(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    ApiQuery(p): ApiQuery<ListParams>,
) -> Result<Json<Vec<Annotation>>, ApiError> {
    let q = AnnotationQuery {
        from_ms: p.from_ms,
        to_ms: p.to_ms,
        dashboard: p.dashboard.filter(|d| !d.is_empty()),
        tags: p
            .tags
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect(),
    };
    Ok(Json(state.annotations.list(&actor, &q).await?))
}

/// `DELETE /api/v1/annotations/{id}` (its author or an admin) → 204.
pub async fn delete(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    state.annotations.delete(&actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
