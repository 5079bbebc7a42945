use leptos::prelude::*;

use crate::error::AppError;

/// Revokes an API token: the caller's own, or anyone's for an admin. It
/// stops working at once.
#[server(prefix = "/api/fn", endpoint = "revoke_token")]
pub async fn revoke_token(id: i64) -> Result<(), AppError> {
    use crate::model::Role;
    use crate::services::{require_role, seam};
    let (services, ctx) = seam()?;
    let actor = require_role(&ctx, Role::Editor)?;
    services.revoke_token(&actor, id).await
}
