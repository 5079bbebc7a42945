use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::error::AppError;
use crate::model::dashboard::DashboardVersion;

/// A dashboard's history, newest first. Any logged-in user.
#[server(prefix = "/api/fn", endpoint = "dashboard_versions", input = Json)]
pub async fn dashboard_versions(uid: String) -> Result<Vec<DashboardVersion>, AppError> {
    use crate::services::{require_user, seam};
    let (services, ctx) = seam()?;
    let actor = require_user(&ctx)?;
    services.dashboard_versions(&actor, &uid).await
}
