use leptos::prelude::*;

use crate::error::AppError;
use crate::model::dashboard::StoredDashboard;

/// One dashboard at its latest version. Any logged-in user.
#[server(prefix = "/api/fn", endpoint = "get_dashboard")]
pub async fn get_dashboard(uid: String) -> Result<StoredDashboard, AppError> {
    use crate::services::{require_user, seam};
    let (services, ctx) = seam()?;
    let actor = require_user(&ctx)?;
    services.get_dashboard(&actor, &uid).await
}
