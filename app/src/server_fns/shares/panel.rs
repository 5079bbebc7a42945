use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::error::AppError;
use crate::model::share::{SharedAnswer, SharedRequest};

/// Runs panel `panel` of what `link` shares. The request holds a range and
/// variable values only; the server runs the stored queries, checked
/// against what the link allows.
#[server(prefix = "/api/fn", endpoint = "shared_panel", input = Json)]
pub async fn shared_panel(
    link: String,
    panel: String,
    req: SharedRequest,
) -> Result<SharedAnswer, AppError> {
    use crate::services::seam;
    let (services, ctx) = seam()?;
    services
        .shared_panel(&link, ctx.user.as_ref(), &panel, req)
        .await
}
