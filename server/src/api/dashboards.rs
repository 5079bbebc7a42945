//! `/api/v1/dashboards`: list, create, read, save (with the base version;
//! stale → 409), delete, history, one version, diff, restore, export and
//! (admins) the deleted list and undelete.

use app::model::dashboard::{
    Change, DashboardSave, DashboardSummary, DashboardVersion, StoredDashboard,
};
use app::model::QueryAnswer;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use serde::Deserialize;

use super::{Actor, ApiJson, ApiQuery};
use std::collections::BTreeMap;

use crate::dashboards::library::{self, LibraryItem};
use crate::dashboards::panel_query::PanelRequest;
use crate::state::AppState;
use crate::web::status::ApiError;

#[derive(Deserialize)]
pub struct ListParams {
    #[serde(default)]
    deleted: bool,
}

/// `GET /api/v1/dashboards[?deleted=true]`: any user; the deleted list is for admins.
pub async fn list(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    ApiQuery(p): ApiQuery<ListParams>,
) -> Result<Json<Vec<DashboardSummary>>, ApiError> {
    Ok(Json(state.dashboards.list(&actor, p.deleted).await?))
}

/// `POST /api/v1/dashboards` (editor) → 201; 409 if the uid is taken.
pub async fn create(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    ApiJson(input): ApiJson<DashboardSave>,
) -> Result<(StatusCode, Json<StoredDashboard>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(state.dashboards.save(&actor, None, input).await?),
    ))
}

/// `GET /api/v1/dashboards/{uid}`: the latest version.
pub async fn get(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    Path(uid): Path<String>,
) -> Result<Json<StoredDashboard>, ApiError> {
    Ok(Json(state.dashboards.get(&actor, &uid).await?))
}

/// `PUT /api/v1/dashboards/{uid}` (editor) with `base_version`; stale → 409.
pub async fn save(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    Path(uid): Path<String>,
    ApiJson(input): ApiJson<DashboardSave>,
) -> Result<Json<StoredDashboard>, ApiError> {
    Ok(Json(
        state.dashboards.save(&actor, Some(&uid), input).await?,
    ))
}

/// `DELETE /api/v1/dashboards/{uid}` (editor) → 204; an admin can restore it for 30 days.
pub async fn delete(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    Path(uid): Path<String>,
) -> Result<StatusCode, ApiError> {
    state.dashboards.delete(&actor, &uid).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/v1/dashboards/{uid}/undelete` (admin) → 204.
pub async fn undelete(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    Path(uid): Path<String>,
) -> Result<StatusCode, ApiError> {
    state.dashboards.undelete(&actor, &uid).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v1/dashboards/{uid}/versions`: newest first.
pub async fn versions(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    Path(uid): Path<String>,
) -> Result<Json<Vec<DashboardVersion>>, ApiError> {
    Ok(Json(state.dashboards.versions(&actor, &uid).await?))
}

/// `GET /api/v1/dashboards/{uid}/versions/{n}`.
pub async fn version(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    Path((uid, n)): Path<(String, i64)>,
) -> Result<Json<StoredDashboard>, ApiError> {
    Ok(Json(state.dashboards.version(&actor, &uid, n).await?))
}

#[derive(Deserialize)]
pub struct DiffParams {
    from: i64,
    to: i64,
}

/// `GET /api/v1/dashboards/{uid}/diff?from=&to=`: changed paths, old and new values.
pub async fn diff(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    Path(uid): Path<String>,
    ApiQuery(p): ApiQuery<DiffParams>,
) -> Result<Json<Vec<Change>>, ApiError> {
    Ok(Json(
        state.dashboards.diff(&actor, &uid, p.from, p.to).await?,
    ))
}

#[derive(Deserialize)]
pub struct Restore {
    version: i64,
    base_version: i64,
}

/// `POST /api/v1/dashboards/{uid}/restore` (editor) `{version, base_version}`:
/// the old version saved again as a new one.
pub async fn restore(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    Path(uid): Path<String>,
    ApiJson(r): ApiJson<Restore>,
) -> Result<Json<StoredDashboard>, ApiError> {
    Ok(Json(
        state
            .dashboards
            .restore(&actor, &uid, r.version, r.base_version)
            .await?,
    ))
}

/// `POST /api/v1/dashboards/{uid}/panels/{id}/query` `{range, width, vars}`:
/// the panel's stored queries, filled on the server; never query text.
pub async fn panel_query(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    Path((uid, panel)): Path<(String, String)>,
    ApiJson(req): ApiJson<PanelRequest>,
) -> Result<Json<Vec<QueryAnswer>>, ApiError> {
    let answers = state
        .dashboards
        .run_panel(
            &actor,
            &uid,
            &panel,
            &req,
            state.datasources.clone(),
            state.masker.clone(),
        )
        .await?;
    Ok(Json(answers))
}

/// `POST /api/v1/dashboards/{uid}/variables/{name}/options` `{range, vars}`:
/// the variable's options, its query filled with the other variables.
pub async fn variable_options(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    Path((uid, name)): Path<(String, String)>,
    ApiJson(req): ApiJson<PanelRequest>,
) -> Result<Json<Vec<String>>, ApiError> {
    let options = state
        .dashboards
        .variable_options(
            &actor,
            &uid,
            &name,
            &req,
            state.datasources.clone(),
            state.masker.clone(),
        )
        .await?;
    Ok(Json(options))
}

/// `PUT /api/v1/dashboards/{uid}/star` stars it for the caller; `DELETE` unstars.
pub async fn star(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    method: axum::http::Method,
    Path(uid): Path<String>,
) -> Result<StatusCode, ApiError> {
    let on = method == axum::http::Method::PUT;
    state.dashboards.star(&actor, &uid, on).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v1/dashboard-library`: the ready-made dashboards.
pub async fn library(Actor(_, _): Actor) -> Json<Vec<LibraryItem>> {
    Json(library::list())
}

#[derive(Deserialize)]
pub struct Import {
    /// The library's data-source names → this Lookout's.
    #[serde(default)]
    datasources: BTreeMap<String, String>,
}

/// `POST /api/v1/dashboard-library/{id}` (editor) `{datasources: {"Prometheus": "…"}}` → 201.
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

/// `GET /api/v1/dashboards/{uid}/export`: the git-stable JSON file.
pub async fn export(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    Path(uid): Path<String>,
) -> Result<impl IntoResponse, ApiError> {
    let stored = state.dashboards.get(&actor, &uid).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/json".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"{}.json\"",
                    stored.dashboard.metadata.uid
                ),
            ),
        ],
        stored.dashboard.export(),
    ))
}
