use leptos::prelude::*;

use crate::error::AppError;
use crate::model::UserInfo;

/// Changes a user's role or enables/disables them. Admins only. The server
/// refuses to demote or disable the last active admin.
#[server(prefix = "/api/fn", endpoint = "update_user")]
pub async fn update_user(
    id: i64,
    role: Option<String>,
    disabled: Option<bool>,
) -> Result<UserInfo, AppError> {
    use crate::model::{Role, UserUpdate};
    use crate::services::{require_role, seam};
    let (services, ctx) = seam()?;
    let actor = require_role(&ctx, Role::Admin)?;
    let role = role
        .map(|r| r.parse::<Role>())
        .transpose()
        .map_err(AppError::Invalid)?;
    services
        .update_user(&actor, id, UserUpdate { role, disabled })
        .await
}
