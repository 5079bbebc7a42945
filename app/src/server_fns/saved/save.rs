use leptos::prelude::*;

use crate::error::AppError;
use crate::model::{SavedQuery, SavedQuerySpec};

/// Saves a new named query. Editors and admins.
#[server(prefix = "/api/fn", endpoint = "save_query")]
pub async fn save_query(spec: SavedQuerySpec) -> Result<SavedQuery, AppError> {
    use crate::model::Role;
    use crate::services::{require_role, seam};
    let (services, ctx) = seam()?;
    let actor = require_role(&ctx, Role::Editor)?;
    services.save_query(&actor, spec).await
}
