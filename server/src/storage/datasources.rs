//! The `datasources` table. Settings are stored as JSON; the secret only
//! ever as sealed bytes.

use sqlx::{FromRow, SqlitePool};

#[derive(Debug, Clone, FromRow)]
pub struct DataSourceRow {
    pub id: i64,
    pub settings: String,
    pub secret: Option<Vec<u8>>,
    pub version: i64,
}

const COLUMNS: &str = "id, settings, secret, version";

pub async fn list(pool: &SqlitePool) -> sqlx::Result<Vec<DataSourceRow>> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM datasources ORDER BY name"))
        .fetch_all(pool)
        .await
}

pub async fn by_id(pool: &SqlitePool, id: i64) -> sqlx::Result<Option<DataSourceRow>> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM datasources WHERE id = ?"))
        .bind(id)
        .fetch_optional(pool)
        .await
}

/// The columns a save writes.
pub struct Fields<'a> {
    pub name: &'a str,
    pub kind: &'a str,
    pub settings: &'a str,
    pub now: i64,
}

/// Inserts; `None` when the name is taken.
pub async fn insert(
    pool: &SqlitePool,
    f: &Fields<'_>,
    secret: Option<&[u8]>,
) -> sqlx::Result<Option<i64>> {
    let res = sqlx::query(
        "INSERT INTO datasources (name, kind, settings, secret, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(name) DO NOTHING",
    )
    .bind(f.name)
    .bind(f.kind)
    .bind(f.settings)
    .bind(secret)
    .bind(f.now)
    .bind(f.now)
    .execute(pool)
    .await?;
    Ok((res.rows_affected() == 1).then(|| res.last_insert_rowid()))
}

/// How an update ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Updated {
    Ok,
    Missing,
    /// Someone saved since `expected_version` was read.
    Stale,
    NameTaken,
}

/// Updates the row (and the secret unless `secret` is `None`) if it is
/// still at `expected_version`.
pub async fn update(
    pool: &SqlitePool,
    id: i64,
    expected_version: Option<i64>,
    f: &Fields<'_>,
    secret: Option<Option<&[u8]>>,
) -> sqlx::Result<Updated> {
    let Some(current) = by_id(pool, id).await? else {
        return Ok(Updated::Missing);
    };
    let version = expected_version.unwrap_or(current.version);
    let taken: Option<i64> =
        sqlx::query_scalar("SELECT id FROM datasources WHERE name = ? AND id != ?")
            .bind(f.name)
            .bind(id)
            .fetch_optional(pool)
            .await?;
    if taken.is_some() {
        return Ok(Updated::NameTaken);
    }
    let res = sqlx::query(
        "UPDATE datasources SET name = ?1, kind = ?2, settings = ?3,
             secret = CASE WHEN ?4 THEN ?5 ELSE secret END,
             version = version + 1, updated_at = ?6
         WHERE id = ?7 AND version = ?8",
    )
    .bind(f.name)
    .bind(f.kind)
    .bind(f.settings)
    .bind(secret.is_some())
    .bind(secret.flatten())
    .bind(f.now)
    .bind(id)
    .bind(version)
    .execute(pool)
    .await?;
    Ok(if res.rows_affected() == 1 {
        Updated::Ok
    } else {
        Updated::Stale
    })
}

pub async fn delete(pool: &SqlitePool, id: i64) -> sqlx::Result<bool> {
    Ok(sqlx::query("DELETE FROM datasources WHERE id = ?")
        .bind(id)
        .execute(pool)
        .await?
        .rows_affected()
        == 1)
}
