//! Saved queries: anyone logged in lists and opens them; editors save new
//! ones and delete their own; admins delete any.

use app::error::AppError;
use app::model::{CurrentUser, Role, SavedQuery, SavedQuerySpec};
use sqlx::SqlitePool;

use crate::error::ServiceResult;
use crate::storage::saved_queries as store;

#[derive(Clone)]
pub struct SavedQueryService {
    pool: SqlitePool,
}

fn decode(row: store::SavedRow) -> ServiceResult<SavedQuery> {
    let spec: SavedQuerySpec = serde_json::from_str(&row.spec)
        .map_err(|e| anyhow::anyhow!("saved query {}: {e}", row.id))?;
    Ok(SavedQuery {
        id: row.id,
        spec,
        owner: row.owner,
        updated_at_ms: row.updated_at,
    })
}

fn now_ms() -> i64 {
    app::model::time::now_ms()
}

impl SavedQueryService {
    pub fn new(pool: SqlitePool) -> Self {
        Self { pool }
    }

    pub async fn list(&self, actor: &CurrentUser) -> ServiceResult<Vec<SavedQuery>> {
        actor.require(Role::Viewer)?;
        store::list(&self.pool)
            .await?
            .into_iter()
            .map(decode)
            .collect()
    }

    pub async fn create(
        &self,
        actor: &CurrentUser,
        mut spec: SavedQuerySpec,
    ) -> ServiceResult<SavedQuery> {
        actor.require(Role::Editor)?;
        spec.name = spec.name.trim().to_owned();
        spec.validate().map_err(AppError::Invalid)?;
        let json = serde_json::to_string(&spec).map_err(anyhow::Error::from)?;
        let id = store::insert(&self.pool, &spec.name, &json, actor.id, now_ms())
            .await?
            .ok_or_else(|| {
                AppError::Conflict(format!(
                    "A saved query named {:?} exists already: pick another name.",
                    spec.name
                ))
            })?;
        let row = store::by_id(&self.pool, id)
            .await?
            .ok_or_else(|| anyhow::anyhow!("saved query {id} vanished"))?;
        decode(row)
    }

    /// One saved query (anyone logged in), e.g. to share it.
    pub async fn get(&self, actor: &CurrentUser, id: i64) -> ServiceResult<SavedQuery> {
        actor.require(Role::Viewer)?;
        let row = store::by_id(&self.pool, id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("There is no saved query {id}.")))?;
        decode(row)
    }

    pub async fn delete(&self, actor: &CurrentUser, id: i64) -> ServiceResult<()> {
        actor.require(Role::Editor)?;
        let row = store::by_id(&self.pool, id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("There is no saved query {id}.")))?;
        if row.owner_id != actor.id && !actor.role.allows(Role::Admin) {
            return Err(AppError::Forbidden(format!(
                "Only {} (who saved it) or an admin can delete this query.",
                row.owner
            ))
            .into());
        }
        store::delete(&self.pool, id).await?;
        Ok(())
    }
}
