use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::error::AppError;
use crate::model::share::SharedRequest;

/// Variable `name`'s options in what `link` shares, for a link that lets
/// its holder pick values.
#[server(prefix = "/api/fn", endpoint = "shared_options", input = Json)]
pub async fn shared_options(
    link: String,
    name: String,
    req: SharedRequest,
) -> Result<Vec<String>, AppError> {
    use crate::services::seam;
    let (services, ctx) = seam()?;
    services
        .shared_options(&link, ctx.user.as_ref(), &name, req)
        .await
}
