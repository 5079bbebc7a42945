use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::error::AppError;

/// A text panel's Markdown as sanitised HTML (rendered on the server, so a
/// page without JavaScript shows it too). Any logged-in user.
#[server(prefix = "/api/fn", endpoint = "render_markdown", input = Json)]
pub async fn render_markdown(text: String) -> Result<String, AppError> {
    use crate::services::{require_user, seam};
    let (services, ctx) = seam()?;
    require_user(&ctx)?;
    services.render_markdown(&text)
}
