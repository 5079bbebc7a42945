//! The `dashboards` and `dashboard_versions` tables. A save is one
//! transaction: bump the dashboard row's version only if it still is the
//! version the editor started from, then append the version row. A stale
//! save changes nothing.

use sqlx::{FromRow, SqlitePool};

#[derive(Debug, Clone, FromRow)]
pub struct DashboardRow {
    pub uid: String,
    pub title: String,
    pub tags: String,
    pub version: i64,
    pub updated_at: i64,
    pub deleted_at: Option<i64>,
}

#[derive(Debug, Clone, FromRow)]
pub struct VersionRow {
    pub version: i64,
    pub model: String,
    pub author: String,
    pub message: String,
    pub created_at: i64,
}

/// What one save writes.
pub struct Save<'a> {
    pub uid: &'a str,
    pub title: &'a str,
    pub tags: &'a str,
    pub model: &'a str,
    pub author: &'a str,
    pub message: &'a str,
    pub now: i64,
}

/// How a save went.
#[derive(Debug, PartialEq, Eq)]
pub enum Saved {
    /// Written as this version.
    Version(i64),
    /// The stored version is newer than the base (or the uid is taken, on create).
    Stale { current: i64 },
    /// No such (live) dashboard.
    Missing,
}

const COLUMNS: &str = "uid, title, tags, version, updated_at, deleted_at";

/// Live dashboards (or, with `deleted`, the deleted ones), by title.
pub async fn list(pool: &SqlitePool, deleted: bool) -> sqlx::Result<Vec<DashboardRow>> {
    let filter = if deleted { "IS NOT NULL" } else { "IS NULL" };
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM dashboards WHERE deleted_at {filter} ORDER BY title COLLATE NOCASE"
    ))
    .fetch_all(pool)
    .await
}

pub async fn by_uid(pool: &SqlitePool, uid: &str) -> sqlx::Result<Option<DashboardRow>> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM dashboards WHERE uid = ?"))
        .bind(uid)
        .fetch_optional(pool)
        .await
}

/// Creates the dashboard as version 1; `Stale` if the uid exists (live or deleted).
pub async fn create(pool: &SqlitePool, s: &Save<'_>) -> sqlx::Result<Saved> {
    let mut tx = pool.begin().await?;
    let res = sqlx::query(
        "INSERT INTO dashboards (uid, title, tags, version, created_by, created_at, updated_at)
         VALUES (?, ?, ?, 1, ?, ?, ?) ON CONFLICT(uid) DO NOTHING",
    )
    .bind(s.uid)
    .bind(s.title)
    .bind(s.tags)
    .bind(s.author)
    .bind(s.now)
    .bind(s.now)
    .execute(&mut *tx)
    .await?;
    if res.rows_affected() == 0 {
        let current = current_version(&mut tx, s.uid).await?.unwrap_or(0);
        return Ok(Saved::Stale { current });
    }
    insert_version(&mut tx, s, 1).await?;
    tx.commit().await?;
    Ok(Saved::Version(1))
}

/// Saves a new version on top of `base`; nothing is written unless the
/// stored version is still `base`.
pub async fn update(pool: &SqlitePool, s: &Save<'_>, base: i64) -> sqlx::Result<Saved> {
    let mut tx = pool.begin().await?;
    let res = sqlx::query(
        "UPDATE dashboards SET version = version + 1, title = ?, tags = ?, updated_at = ?
         WHERE uid = ? AND version = ? AND deleted_at IS NULL",
    )
    .bind(s.title)
    .bind(s.tags)
    .bind(s.now)
    .bind(s.uid)
    .bind(base)
    .execute(&mut *tx)
    .await?;
    if res.rows_affected() == 0 {
        let row: Option<(i64, Option<i64>)> =
            sqlx::query_as("SELECT version, deleted_at FROM dashboards WHERE uid = ?")
                .bind(s.uid)
                .fetch_optional(&mut *tx)
                .await?;
        return Ok(match row {
            Some((current, None)) => Saved::Stale { current },
            _ => Saved::Missing,
        });
    }
    let version = base + 1;
    insert_version(&mut tx, s, version).await?;
    tx.commit().await?;
    Ok(Saved::Version(version))
}

async fn current_version(tx: &mut sqlx::SqliteConnection, uid: &str) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar("SELECT version FROM dashboards WHERE uid = ?")
        .bind(uid)
        .fetch_optional(tx)
        .await
}

async fn insert_version(
    tx: &mut sqlx::SqliteConnection,
    s: &Save<'_>,
    version: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO dashboard_versions (uid, version, model, author, message, created_at)
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(s.uid)
    .bind(version)
    .bind(s.model)
    .bind(s.author)
    .bind(s.message)
    .bind(s.now)
    .execute(tx)
    .await?;
    Ok(())
}

/// Every version, newest first, without the models.
pub async fn versions(pool: &SqlitePool, uid: &str) -> sqlx::Result<Vec<VersionRow>> {
    sqlx::query_as(
        "SELECT version, '' AS model, author, message, created_at FROM dashboard_versions
         WHERE uid = ? ORDER BY version DESC",
    )
    .bind(uid)
    .fetch_all(pool)
    .await
}

pub async fn version(
    pool: &SqlitePool,
    uid: &str,
    version: i64,
) -> sqlx::Result<Option<VersionRow>> {
    sqlx::query_as(
        "SELECT version, model, author, message, created_at FROM dashboard_versions
         WHERE uid = ? AND version = ?",
    )
    .bind(uid)
    .bind(version)
    .fetch_optional(pool)
    .await
}

/// Marks a live dashboard deleted (or, with `deleted_at: None`, restores a
/// deleted one). True if a row changed.
pub async fn set_deleted(
    pool: &SqlitePool,
    uid: &str,
    deleted_at: Option<i64>,
) -> sqlx::Result<bool> {
    let filter = if deleted_at.is_some() {
        "IS NULL"
    } else {
        "IS NOT NULL"
    };
    let res = sqlx::query(&format!(
        "UPDATE dashboards SET deleted_at = ? WHERE uid = ? AND deleted_at {filter}"
    ))
    .bind(deleted_at)
    .bind(uid)
    .execute(pool)
    .await?;
    Ok(res.rows_affected() == 1)
}

/// Removes dashboards deleted before `before`, with their versions.
pub async fn purge(pool: &SqlitePool, before: i64) -> sqlx::Result<u64> {
    let mut tx = pool.begin().await?;
    sqlx::query(
        "DELETE FROM dashboard_versions WHERE uid IN
         (SELECT uid FROM dashboards WHERE deleted_at IS NOT NULL AND deleted_at < ?)",
    )
    .bind(before)
    .execute(&mut *tx)
    .await?;
    let res = sqlx::query("DELETE FROM dashboards WHERE deleted_at IS NOT NULL AND deleted_at < ?")
        .bind(before)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(res.rows_affected())
}
