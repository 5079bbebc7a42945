use leptos::prelude::*;

use crate::error::AppError;
use crate::model::dashboard::LibraryItem;

/// The ready-made dashboards this Lookout ships. Any logged-in user.
#[server(prefix = "/api/fn", endpoint = "list_library")]
pub async fn list_library() -> Result<Vec<LibraryItem>, AppError> {
    use crate::services::{require_user, seam};
    let (services, ctx) = seam()?;
    require_user(&ctx)?;
    Ok(services.library())
}
