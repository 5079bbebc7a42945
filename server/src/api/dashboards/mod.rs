//! `/api/v1/dashboards`: list, create, read, save (with the base version;
//! stale → 409), delete, star, export and (admins) the deleted list and
//! undelete. The history, the stored runs and the library are submodules.

pub mod library;
pub mod run;
pub mod versions;

use app::model::dashboard::{DashboardSave, DashboardSummary, StoredDashboard};
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use serde::Deserialize;

use super::{Actor, ApiJson, ApiQuery};

use crate::state::AppState;
use crate::web::status::ApiError;

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Admins: list the deleted dashboards (kept 30 days) instead.
    #[serde(default)]
    deleted: bool,
}

/// List dashboards
///
/// Any logged-in user, with the caller's stars. `deleted=true` lists the
/// deleted ones instead (admins only).
#[utoipa::path(get, path = "/api/v1/dashboards", tag = "dashboards", params(ListParams),
    responses((status = 200, description = "The dashboards.", body = Vec<DashboardSummary>)))]
pub async fn list(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    ApiQuery(p): ApiQuery<ListParams>,
) -> Result<Json<Vec<DashboardSummary>>, ApiError> {
    Ok(Json(state.dashboards.list(&actor, p.deleted).await?))
}

/// Create a dashboard
///
/// Editors and admins. The model is checked whole; a bad field gets 400
/// naming its path. 409 if the uid is taken.
#[utoipa::path(post, path = "/api/v1/dashboards", tag = "dashboards", request_body = DashboardSave,
    responses((status = 201, description = "Created as version 1.", body = StoredDashboard)))]
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

/// Read a dashboard
///
/// Any logged-in user: the latest version.
#[utoipa::path(get, path = "/api/v1/dashboards/{uid}", tag = "dashboards", params(("uid" = String, Path, description = "The dashboard's uid, as in `/d/{uid}`.")),
    responses((status = 200, description = "The latest version.", body = StoredDashboard)))]
pub async fn get(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    Path(uid): Path<String>,
) -> Result<Json<StoredDashboard>, ApiError> {
    Ok(Json(state.dashboards.get(&actor, &uid).await?))
}

/// Save a dashboard
///
/// Editors and admins. `base_version` is the version the edit started
/// from; if someone saved since, the answer is 409 and nothing is lost.
#[utoipa::path(put, path = "/api/v1/dashboards/{uid}", tag = "dashboards", params(("uid" = String, Path, description = "The dashboard's uid, as in `/d/{uid}`.")),
    request_body = DashboardSave,
    responses((status = 200, description = "Saved as a new version.", body = StoredDashboard)))]
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

/// Delete a dashboard
///
/// Editors and admins. An admin can bring it back for 30 days.
#[utoipa::path(delete, path = "/api/v1/dashboards/{uid}", tag = "dashboards", params(("uid" = String, Path, description = "The dashboard's uid, as in `/d/{uid}`.")),
    responses((status = 204, description = "Deleted.")))]
pub async fn delete(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    Path(uid): Path<String>,
) -> Result<StatusCode, ApiError> {
    state.dashboards.delete(&actor, &uid).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Bring back a deleted dashboard
///
/// Admins only, within 30 days of its deletion.
#[utoipa::path(post, path = "/api/v1/dashboards/{uid}/undelete", tag = "dashboards", params(("uid" = String, Path, description = "The dashboard's uid, as in `/d/{uid}`.")),
    responses((status = 204, description = "Back.")))]
pub async fn undelete(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    Path(uid): Path<String>,
) -> Result<StatusCode, ApiError> {
    state.dashboards.undelete(&actor, &uid).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Star a dashboard
///
/// Any logged-in user, for themselves.
#[utoipa::path(put, path = "/api/v1/dashboards/{uid}/star", tag = "dashboards", params(("uid" = String, Path, description = "The dashboard's uid, as in `/d/{uid}`.")),
    responses((status = 204, description = "Starred.")))]
pub async fn star(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    Path(uid): Path<String>,
) -> Result<StatusCode, ApiError> {
    state.dashboards.star(&actor, &uid, true).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Unstar a dashboard
///
/// Any logged-in user, for themselves.
#[utoipa::path(delete, path = "/api/v1/dashboards/{uid}/star", tag = "dashboards", params(("uid" = String, Path, description = "The dashboard's uid, as in `/d/{uid}`.")),
    responses((status = 204, description = "Unstarred.")))]
pub async fn unstar(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    Path(uid): Path<String>,
) -> Result<StatusCode, ApiError> {
    state.dashboards.star(&actor, &uid, false).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Export a dashboard as a file
///
/// Any logged-in user: the git-stable JSON (sorted keys, no server fields),
/// as a download.
#[utoipa::path(get, path = "/api/v1/dashboards/{uid}/export", tag = "dashboards", params(("uid" = String, Path, description = "The dashboard's uid, as in `/d/{uid}`.")),
    responses((status = 200, description = "The dashboard file.", body = app::model::dashboard::Dashboard)))]
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
