use app::model::audit::{AuditEntry, AuditFilter};
use axum::extract::State;
use axum::Json;

use super::{Actor, ApiQuery};
use crate::state::AppState;
use crate::web::status::ApiError;

/// `GET /api/v1/audit?user=&action=&from=&to=&before=&limit=` (admin):
/// newest first; `from`/`to` in Unix seconds, `before` an entry id.
pub async fn list(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    ApiQuery(f): ApiQuery<AuditFilter>,
) -> Result<Json<Vec<AuditEntry>>, ApiError> {
    Ok(Json(state.audit.list(&actor, &f).await?))
}
