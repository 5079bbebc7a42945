//! The ready-made dashboards: list and import.

use std::collections::BTreeMap;

use app::model::dashboard::StoredDashboard;
use axum::http::StatusCode;
use serde::Deserialize;

use crate::dashboards::library::{self, LibraryItem};
use axum::extract::{Path, State};
use axum::Json;

use crate::api::{Actor, ApiJson};
use crate::state::AppState;
use crate::web::status::ApiError;

/// List the ready-made dashboards
///
/// Any logged-in user.
#[utoipa::path(get, path = "/api/v1/dashboard-library", tag = "dashboards",
    responses((status = 200, description = "The library.", body = Vec<LibraryItem>)))]
pub async fn library(Actor(_, _): Actor) -> Json<Vec<LibraryItem>> {
    Json(library::list())
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct Import {
    /// The library's data-source names → this Lookout's.
    #[serde(default)]
    datasources: BTreeMap<String, String>,
}

/// Import a ready-made dashboard
///
/// Editors and admins: `{datasources: {"Prometheus": "…"}}` maps the
/// library's data-source names to this Lookout's.
#[utoipa::path(post, path = "/api/v1/dashboard-library/{id}", tag = "dashboards",
    params(("id" = String, Path, description = "The library item's id.")),
    request_body = Import,
    responses((status = 201, description = "Imported.", body = StoredDashboard)))]
pub async fn import(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<Import>,
) -> Result<(StatusCode, Json<StoredDashboard>), ApiError> {
    let stored = state
        .dashboards
        .import_library(&actor, &id, &body.datasources)
        .await?;
    Ok((StatusCode::CREATED, Json(stored)))
}
