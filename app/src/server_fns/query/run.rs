use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::error::AppError;
use crate::model::{Query, QueryAnswer};

/// Runs queries by data-source id; each answers alone. Any logged-in user;
/// log data is masked for non-admins on the server.
#[server(prefix = "/api/fn", endpoint = "run_queries", input = Json)]
pub async fn run_queries(queries: Vec<(String, Query)>) -> Result<Vec<QueryAnswer>, AppError> {
    use crate::services::{require_user, seam};
    let (services, ctx) = seam()?;
    let actor = require_user(&ctx)?;
    services.run_queries(&actor, queries).await
}
