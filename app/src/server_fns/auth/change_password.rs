use leptos::prelude::*;

use crate::error::AppError;

/// Changes the caller's own password. Every session of the user ends; this
/// browser gets a fresh one.
#[server(prefix = "/api/fn", endpoint = "change_password")]
pub async fn change_password(
    current: String,
    new_password: String,
    confirm: String,
) -> Result<(), AppError> {
    use crate::services::{require_session, seam, send_cookie};
    let (services, ctx) = seam()?;
    let user = require_session(&ctx, "Changing a password")?;
    if new_password != confirm {
        return Err(AppError::invalid(
            "The new password and its confirmation differ.",
        ));
    }
    let cookie = services
        .change_password(&user, &current, &new_password, ctx.secure)
        .await?;
    send_cookie(cookie);
    Ok(())
}
