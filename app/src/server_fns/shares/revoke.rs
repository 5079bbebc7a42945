use leptos::prelude::*;

use crate::error::AppError;

/// Revokes a share link: the caller's own, or anyone's for an admin. Its
/// next request, and an open view's next refresh, get 401.
#[server(prefix = "/api/fn", endpoint = "revoke_share")]
pub async fn revoke_share(id: i64) -> Result<(), AppError> {
    use crate::model::Role;
    use crate::services::{require_role, seam};
    let (services, ctx) = seam()?;
    let actor = require_role(&ctx, Role::Editor)?;
    services.revoke_share(&actor, id).await
}
