use leptos::prelude::*;

use crate::error::AppError;
use crate::model::CurrentUser;

/// The logged-in user, or `None` when there is no session.
#[server(prefix = "/api/fn", endpoint = "me")]
pub async fn me() -> Result<Option<CurrentUser>, AppError> {
    let (_, ctx) = crate::services::seam()?;
    Ok(ctx.user)
}
