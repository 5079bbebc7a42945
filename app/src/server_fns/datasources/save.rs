use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::model::{DataSource, DataSourceInput, TestOutcome};

/// What "Save & test" reports: the stored data source and the test result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    pub datasource: DataSource,
    pub test: TestOutcome,
}

/// Creates (`id: None`) or updates a data source, then tests it. Admins only.
#[server(prefix = "/api/fn", endpoint = "save_datasource", input = Json)]
pub async fn save_datasource(id: Option<i64>, input: DataSourceInput) -> Result<Saved, AppError> {
    use crate::model::Role;
    use crate::services::{require_role, seam};
    let (services, ctx) = seam()?;
    let actor = require_role(&ctx, Role::Admin)?;
    let datasource = services.save_datasource(&actor, id, input).await?;
    let test = services.test_datasource(&actor, datasource.id).await?;
    Ok(Saved { datasource, test })
}
