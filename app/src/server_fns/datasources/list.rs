use leptos::prelude::*;

use crate::error::AppError;
use crate::model::DataSource;

/// Every data source; non-admins get no URLs. Any logged-in user.
#[server(prefix = "/api/fn", endpoint = "list_datasources")]
pub async fn list_datasources() -> Result<Vec<DataSource>, AppError> {
    use crate::services::{require_user, seam};
    let (services, ctx) = seam()?;
    let actor = require_user(&ctx)?;
    services.list_datasources(&actor).await
}
