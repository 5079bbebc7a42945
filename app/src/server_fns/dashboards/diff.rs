use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::error::AppError;
use crate::model::dashboard::Change;

/// What changed from version `from` to version `to`: JSON paths with the
/// old and new values. Any logged-in user.
#[server(prefix = "/api/fn", endpoint = "diff_dashboard", input = Json)]
pub async fn diff_dashboard(uid: String, from: i64, to: i64) -> Result<Vec<Change>, AppError> {
    use crate::services::{require_user, seam};
    let (services, ctx) = seam()?;
    let actor = require_user(&ctx)?;
    services.diff_dashboard(&actor, &uid, from, to).await
}
