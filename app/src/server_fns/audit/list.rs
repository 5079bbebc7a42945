use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::error::AppError;
use crate::model::audit::{AuditEntry, AuditFilter};

/// A page of the audit log, newest first, filtered. Admins only.
#[server(prefix = "/api/fn", endpoint = "list_audit", input = Json)]
pub async fn list_audit(filter: AuditFilter) -> Result<Vec<AuditEntry>, AppError> {
    use crate::model::Role;
    use crate::services::{require_role, seam};
    let (services, ctx) = seam()?;
    let actor = require_role(&ctx, Role::Admin)?;
    services.list_audit(&actor, filter).await
}
