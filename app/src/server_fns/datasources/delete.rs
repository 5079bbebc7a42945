use leptos::prelude::*;

use crate::error::AppError;

/// Deletes a data source. Admins only.
#[server(prefix = "/api/fn", endpoint = "delete_datasource")]
pub async fn delete_datasource(id: i64) -> Result<(), AppError> {
    use crate::model::Role;
    use crate::services::{require_role, seam};
    let (services, ctx) = seam()?;
    let actor = require_role(&ctx, Role::Admin)?;
    services.delete_datasource(&actor, id).await
}
