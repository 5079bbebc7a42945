use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::error::AppError;
use crate::model::share::{CreatedShare, NewShare};

/// Makes a share link for a dashboard or a saved search; the answer's path
/// holds the token, shown this once. Editors and admins; only an admin may
/// make a link that opens without an account.
#[server(prefix = "/api/fn", endpoint = "create_share", input = Json)]
pub async fn create_share(new: NewShare) -> Result<CreatedShare, AppError> {
    use crate::model::Role;
    use crate::services::{require_role, seam};
    let (services, ctx) = seam()?;
    let actor = require_role(&ctx, Role::Editor)?;
    services.create_share(&actor, new).await
}
