use leptos::prelude::*;

use crate::error::AppError;
use crate::model::SavedQuery;

/// Every saved query, by name. Any logged-in user.
#[server(prefix = "/api/fn", endpoint = "list_saved_queries")]
pub async fn list_saved_queries() -> Result<Vec<SavedQuery>, AppError> {
    use crate::services::{require_user, seam};
    let (services, ctx) = seam()?;
    let actor = require_user(&ctx)?;
    services.list_saved_queries(&actor).await
}
