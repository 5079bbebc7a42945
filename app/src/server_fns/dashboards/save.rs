use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::error::AppError;
use crate::model::dashboard::{DashboardSave, StoredDashboard};

/// Creates (`uid: None`) or saves a dashboard on top of `base_version`
/// (editors). A stale save answers a conflict and writes nothing.
#[server(prefix = "/api/fn", endpoint = "save_dashboard", input = Json)]
pub async fn save_dashboard(
    uid: Option<String>,
    input: DashboardSave,
) -> Result<StoredDashboard, AppError> {
    use crate::model::Role;
    use crate::services::{require_role, seam};
    let (services, ctx) = seam()?;
    let actor = require_role(&ctx, Role::Editor)?;
    services.save_dashboard(&actor, uid.as_deref(), input).await
}
