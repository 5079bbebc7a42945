use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::error::AppError;
use crate::model::dashboard::StoredDashboard;

/// Saves old `version` again as a new version on top of `base` (editors);
/// a stale `base` is a conflict and writes nothing.
#[server(prefix = "/api/fn", endpoint = "restore_dashboard", input = Json)]
pub async fn restore_dashboard(
    uid: String,
    version: i64,
    base: i64,
) -> Result<StoredDashboard, AppError> {
    use crate::model::Role;
    use crate::services::{require_role, seam};
    let (services, ctx) = seam()?;
    let actor = require_role(&ctx, Role::Editor)?;
    services
        .restore_dashboard(&actor, &uid, version, base)
        .await
}
