use leptos::prelude::*;

use crate::error::AppError;
use crate::model::UserInfo;

/// Every user, for the admin page. Admins only.
#[server(prefix = "/api/fn", endpoint = "list_users")]
pub async fn list_users() -> Result<Vec<UserInfo>, AppError> {
    use crate::model::Role;
    use crate::services::{require_role, seam};
    let (services, ctx) = seam()?;
    let actor = require_role(&ctx, Role::Admin)?;
    services.list_users(&actor).await
}
