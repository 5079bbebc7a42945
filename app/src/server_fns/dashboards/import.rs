use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::error::AppError;
use crate::model::dashboard::StoredDashboard;

/// Imports a ready-made dashboard (editors), mapping its data-source names
/// (`Prometheus`, `Logs`) to this Lookout's.
#[server(prefix = "/api/fn", endpoint = "import_library", input = Json)]
pub async fn import_library(
    id: String,
    datasources: BTreeMap<String, String>,
) -> Result<StoredDashboard, AppError> {
    use crate::model::Role;
    use crate::services::{require_role, seam};
    let (services, ctx) = seam()?;
    let actor = require_role(&ctx, Role::Editor)?;
    services.import_library(&actor, &id, datasources).await
}
