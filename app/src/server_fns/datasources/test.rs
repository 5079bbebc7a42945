use leptos::prelude::*;

use crate::error::AppError;
use crate::model::TestOutcome;

/// The upstream's version or health, or why it failed. Admins only.
#[server(prefix = "/api/fn", endpoint = "test_datasource")]
pub async fn test_datasource(id: i64) -> Result<TestOutcome, AppError> {
    use crate::model::Role;
    use crate::services::{require_role, seam};
    let (services, ctx) = seam()?;
    let actor = require_role(&ctx, Role::Admin)?;
    services.test_datasource(&actor, id).await
}
