use app::model::annotation::{Annotation, AnnotationQuery, NewAnnotation};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;

use super::{Actor, ApiJson, ApiQuery};
use crate::state::AppState;
use crate::web::status::ApiError;

/// Add an annotation
///
/// Editors (or an editor's API token, as a CI pipeline would use). `time_ms`
/// defaults to now; `end_ms` makes it a region. Without `dashboard` it is
/// global and shows on every dashboard whose tag filter matches.
#[utoipa::path(post, path = "/api/v1/annotations", tag = "annotations", request_body = NewAnnotation,
    responses((status = 201, description = "Created.", body = Annotation)))]
pub async fn create(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    ApiJson(new): ApiJson<NewAnnotation>,
) -> Result<(StatusCode, Json<Annotation>), ApiError> {
    let made = state.annotations.create(&actor, new).await?;
    Ok((StatusCode::CREATED, Json(made)))
}

/// The list's query string: `tags` is comma-separated.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    from_ms: i64,
    to_ms: i64,
    dashboard: Option<String>,
    tags: Option<String>,
}

/// List annotations in a time range
///
/// Any logged-in user. Newest first, at most 1000. With `dashboard`, that
/// dashboard's own and the global ones; `tags` (comma-separated) keeps those
/// carrying any of them.
#[utoipa::path(get, path = "/api/v1/annotations", tag = "annotations", params(ListParams),
    responses((status = 200, description = "The annotations.", body = Vec<Annotation>)))]
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

/// Delete an annotation
///
/// Its author or an admin.
#[utoipa::path(delete, path = "/api/v1/annotations/{id}", tag = "annotations",
    params(("id" = i64, Path, description = "The annotation's id.")),
    responses((status = 204, description = "Deleted.")))]
pub async fn delete(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    state.annotations.delete(&actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
