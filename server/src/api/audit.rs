use app::model::audit::{AuditEntry, AuditFilter};
use axum::extract::State;
use axum::Json;

use super::{Actor, ApiQuery};
use crate::state::AppState;
use crate::web::status::ApiError;

/// Browse the audit log
///
/// Admins only. Newest first; `from`/`to` in Unix seconds, `before` an
/// entry id for the next page.
#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", params(AuditFilter),
    responses((status = 200, description = "The entries.", body = Vec<AuditEntry>)))]
pub async fn list(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    ApiQuery(f): ApiQuery<AuditFilter>,
) -> Result<Json<Vec<AuditEntry>>, ApiError> {
    Ok(Json(state.audit.list(&actor, &f).await?))
}
