use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::error::AppError;
use crate::model::token::{CreatedToken, NewToken};

/// Makes an API token for the caller, with a role no higher than their own;
/// the answer holds the token, shown this once. Editors and admins, from a
/// logged-in session (not with another token).
#[server(prefix = "/api/fn", endpoint = "create_token", input = Json)]
pub async fn create_token(new: NewToken) -> Result<CreatedToken, AppError> {
    use crate::model::Role;
    use crate::services::{require_role, seam};
    let (services, ctx) = seam()?;
    let actor = require_role(&ctx, Role::Editor)?;
    services
        .create_token(&actor, ctx.token_id.is_some(), new)
        .await
}
