use leptos::prelude::*;

use crate::error::AppError;

/// Ends the session on the server and clears the cookie.
#[server(prefix = "/api/fn", endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::services::{seam, send_cookie};
    let (services, ctx) = seam()?;
    let cookie = services
        .logout(ctx.session_token.as_deref(), ctx.secure)
        .await?;
    send_cookie(cookie);
    leptos_axum::redirect("/login");
    Ok(())
}
