//! A dashboard's history: the versions, one version, a diff, a restore.

use app::model::dashboard::{Change, DashboardVersion, StoredDashboard};
use axum::extract::{Path, State};
use axum::Json;
use serde::Deserialize;

use crate::api::{Actor, ApiJson, ApiQuery};
use crate::state::AppState;
use crate::web::status::ApiError;

/// List a dashboard's versions
///
/// Any logged-in user; newest first, with author and time.
#[utoipa::path(get, path = "/api/v1/dashboards/{uid}/versions", tag = "dashboards", params(("uid" = String, Path, description = "The dashboard's uid, as in `/d/{uid}`.")),
    responses((status = 200, description = "The versions.", body = Vec<DashboardVersion>)))]
pub async fn versions(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    Path(uid): Path<String>,
) -> Result<Json<Vec<DashboardVersion>>, ApiError> {
    Ok(Json(state.dashboards.versions(&actor, &uid).await?))
}

/// Read one version of a dashboard
///
/// Any logged-in user.
#[utoipa::path(get, path = "/api/v1/dashboards/{uid}/versions/{n}", tag = "dashboards",
    params(("uid" = String, Path, description = "The dashboard's uid, as in `/d/{uid}`."), ("n" = i64, Path, description = "The version number.")),
    responses((status = 200, description = "That version.", body = StoredDashboard)))]
pub async fn version(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    Path((uid, n)): Path<(String, i64)>,
) -> Result<Json<StoredDashboard>, ApiError> {
    Ok(Json(state.dashboards.version(&actor, &uid, n).await?))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DiffParams {
    /// The older version number.
    from: i64,
    /// The newer version number.
    to: i64,
}

/// Compare two versions
///
/// Any logged-in user: each changed path with its old and new value.
#[utoipa::path(get, path = "/api/v1/dashboards/{uid}/diff", tag = "dashboards",
    params(("uid" = String, Path, description = "The dashboard's uid, as in `/d/{uid}`."), DiffParams),
    responses((status = 200, description = "The changes.", body = Vec<Change>)))]
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

#[derive(Deserialize, utoipa::ToSchema)]
pub struct Restore {
    /// The version to bring back.
    version: i64,
    /// The latest version the caller has seen; stale → 409.
    base_version: i64,
}

/// Restore an old version
///
/// Editors and admins: the old version is saved again as a new one.
#[utoipa::path(post, path = "/api/v1/dashboards/{uid}/restore", tag = "dashboards",
    params(("uid" = String, Path, description = "The dashboard's uid, as in `/d/{uid}`.")), request_body = Restore,
    responses((status = 200, description = "Saved as a new version.", body = StoredDashboard)))]
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
