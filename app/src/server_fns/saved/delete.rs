use leptos::prelude::*;

use crate::error::AppError;

/// Deletes a saved query: its owner, or an admin.
#[server(prefix = "/api/fn", endpoint = "delete_saved_query")]
pub async fn delete_saved_query(id: i64) -> Result<(), AppError> {
    use crate::model::Role;
    use crate::services::{require_role, seam};
    let (services, ctx) = seam()?;
    let actor = require_role(&ctx, Role::Editor)?;
    services.delete_saved_query(&actor, id).await
}
