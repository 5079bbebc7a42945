use leptos::prelude::*;

use crate::error::AppError;
use crate::model::dashboard::DashboardSummary;

/// Every live dashboard, by title. Any logged-in user.
#[server(prefix = "/api/fn", endpoint = "list_dashboards")]
pub async fn list_dashboards() -> Result<Vec<DashboardSummary>, AppError> {
    use crate::services::{require_user, seam};
    let (services, ctx) = seam()?;
    let actor = require_user(&ctx)?;
    services.list_dashboards(&actor).await
}
