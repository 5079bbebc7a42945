use leptos::prelude::*;

use crate::error::AppError;
use crate::model::share::ShareLink;

/// The caller's share links (an admin's list has everyone's), never the
/// tokens. Editors and admins.
#[server(prefix = "/api/fn", endpoint = "list_shares")]
pub async fn list_shares() -> Result<Vec<ShareLink>, AppError> {
    use crate::model::Role;
    use crate::services::{require_role, seam};
    let (services, ctx) = seam()?;
    let actor = require_role(&ctx, Role::Editor)?;
    services.list_shares(&actor).await
}
