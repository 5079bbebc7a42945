use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::error::AppError;
use crate::model::share::SharedView;

/// What share link `link` shows: the stored dashboard (or saved search) and
/// what its holder may change. The link decides whether a login is needed.
#[server(name = SharedViewFn, prefix = "/api/fn", endpoint = "shared_view", input = Json)]
pub async fn shared_view(link: String) -> Result<SharedView, AppError> {
    use crate::services::seam;
    let (services, ctx) = seam()?;
    services.shared_view(&link, ctx.user.as_ref()).await
}
