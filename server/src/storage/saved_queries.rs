//! The `saved_queries` table: the spec as JSON, the name as a unique column.

use sqlx::{FromRow, SqlitePool};

#[derive(Debug, Clone, FromRow)]
pub struct SavedRow {
    pub id: i64,
    pub spec: String,
    pub owner_id: i64,
    pub owner: String,
    pub updated_at: i64,
}

const SELECT: &str = "SELECT q.id, q.spec, q.owner_id, u.username AS owner, q.updated_at
     FROM saved_queries q JOIN users u ON u.id = q.owner_id";

pub async fn list(pool: &SqlitePool) -> sqlx::Result<Vec<SavedRow>> {
    sqlx::query_as(&format!("{SELECT} ORDER BY q.name"))
        .fetch_all(pool)
        .await
}

pub async fn by_id(pool: &SqlitePool, id: i64) -> sqlx::Result<Option<SavedRow>> {
    sqlx::query_as(&format!("{SELECT} WHERE q.id = ?"))
        .bind(id)
        .fetch_optional(pool)
        .await
}

/// Inserts; `None` when the name is taken.
pub async fn insert(
    pool: &SqlitePool,
    name: &str,
    spec: &str,
    owner_id: i64,
    now: i64,
) -> sqlx::Result<Option<i64>> {
    let res = sqlx::query(
        "INSERT INTO saved_queries (name, spec, owner_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?) ON CONFLICT(name) DO NOTHING",
    )
    .bind(name)
    .bind(spec)
    .bind(owner_id)
    .bind(now)
    .bind(now)
    .execute(pool)
    .await?;
    Ok((res.rows_affected() == 1).then(|| res.last_insert_rowid()))
}

pub async fn delete(pool: &SqlitePool, id: i64) -> sqlx::Result<bool> {
    Ok(sqlx::query("DELETE FROM saved_queries WHERE id = ?")
        .bind(id)
        .execute(pool)
        .await?
        .rows_affected()
        == 1)
}
