use leptos::prelude::*;

use crate::error::AppError;

/// Deletes a dashboard (editors); an admin can restore it for 30 days.
#[server(prefix = "/api/fn", endpoint = "delete_dashboard")]
pub async fn delete_dashboard(uid: String) -> Result<(), AppError> {
    use crate::model::Role;
    use crate::services::{require_role, seam};
    let (services, ctx) = seam()?;
    let actor = require_role(&ctx, Role::Editor)?;
    services.delete_dashboard(&actor, &uid).await
}
