use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::error::AppError;
use crate::model::dashboard::PanelRequest;
use crate::model::QueryAnswer;

/// Runs one panel's stored queries: the browser sends the panel id, the
/// range, the width and variable values, never query text. Any logged-in
/// user; log data is masked for non-admins on the server.
#[server(prefix = "/api/fn", endpoint = "run_panel", input = Json)]
pub async fn run_panel(
    uid: String,
    panel: String,
    req: PanelRequest,
) -> Result<Vec<QueryAnswer>, AppError> {
    use crate::services::{require_user, seam};
    let (services, ctx) = seam()?;
    let actor = require_user(&ctx)?;
    services.run_panel(&actor, &uid, &panel, req).await
}
