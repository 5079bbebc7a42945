use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::error::AppError;
use crate::model::dashboard::PanelRequest;

/// A variable's options, found on the server from its stored spec with the
/// other variables' values (sent in `req.vars`) filled in. Any logged-in user.
#[server(prefix = "/api/fn", endpoint = "variable_options", input = Json)]
pub async fn variable_options(
    uid: String,
    name: String,
    req: PanelRequest,
) -> Result<Vec<String>, AppError> {
    use crate::services::{require_user, seam};
    let (services, ctx) = seam()?;
    let actor = require_user(&ctx)?;
    services.variable_options(&actor, &uid, &name, req).await
}
