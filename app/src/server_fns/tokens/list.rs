use leptos::prelude::*;

use crate::error::AppError;
use crate::model::token::ApiToken;

/// The caller's API tokens (an admin's list has everyone's), never the
/// secrets. Editors and admins.
#[server(prefix = "/api/fn", endpoint = "list_tokens")]
pub async fn list_tokens() -> Result<Vec<ApiToken>, AppError> {
    use crate::model::Role;
    use crate::services::{require_role, seam};
    let (services, ctx) = seam()?;
    let actor = require_role(&ctx, Role::Editor)?;
    services.list_tokens(&actor).await
}
