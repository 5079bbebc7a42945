use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::error::AppError;

/// Stars (`on`) or unstars a dashboard for the caller: starred ones are
/// listed first. Any logged-in user; it changes only their own list.
#[server(prefix = "/api/fn", endpoint = "star_dashboard", input = Json)]
pub async fn star_dashboard(uid: String, on: bool) -> Result<(), AppError> {
    use crate::services::{require_user, seam};
    let (services, ctx) = seam()?;
    let actor = require_user(&ctx)?;
    services.star_dashboard(&actor, &uid, on).await
}
