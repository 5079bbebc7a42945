use leptos::prelude::*;

use crate::error::AppError;
use crate::model::UserInfo;

/// Creates a user with a role. Admins only.
#[server(prefix = "/api/fn", endpoint = "create_user")]
pub async fn create_user(
    username: String,
    password: String,
    role: String,
) -> Result<UserInfo, AppError> {
    use crate::model::{NewUser, Role};
    use crate::services::{require_role, seam};
    let (services, ctx) = seam()?;
    let actor = require_role(&ctx, Role::Admin)?;
    let role: Role = role.parse().map_err(AppError::Invalid)?;
    services
        .create_user(
            &actor,
            NewUser {
                username,
                password,
                role,
            },
        )
        .await
}
