use leptos::prelude::*;

use crate::error::AppError;

/// Sets a new password for another user and ends all their sessions. Admins only.
#[server(prefix = "/api/fn", endpoint = "reset_password")]
pub async fn reset_password(id: i64, password: String) -> Result<(), AppError> {
    use crate::model::Role;
    use crate::services::{require_role, seam};
    let (services, ctx) = seam()?;
    let actor = require_role(&ctx, Role::Admin)?;
    services.reset_password(&actor, id, &password).await
}
