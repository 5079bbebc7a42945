//! The `audit_log` table: append, page through with filters, prune.

use sqlx::{FromRow, SqlitePool};

#[derive(Debug, Clone, FromRow)]
pub struct AuditRow {
    pub id: i64,
    pub at: i64,
    pub user_name: Option<String>,
    pub action: String,
    pub target: String,
    pub detail: String,
    pub source: Option<String>,
}

pub struct NewRow<'a> {
    pub at: i64,
    pub user: Option<&'a str>,
    pub action: &'a str,
    pub target: &'a str,
    pub detail: &'a str,
    pub source: Option<&'a str>,
}

pub async fn insert(pool: &SqlitePool, r: NewRow<'_>) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO audit_log (at, user_name, action, target, detail, source) VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(r.at)
    .bind(r.user)
    .bind(r.action)
    .bind(r.target)
    .bind(r.detail)
    .bind(r.source)
    .execute(pool)
    .await?;
    Ok(())
}

/// What a page asks for; `None` matches anything.
pub struct Page<'a> {
    pub user: Option<&'a str>,
    pub action: Option<&'a str>,
    pub from: Option<i64>,
    pub to: Option<i64>,
    pub before: Option<i64>,
    pub limit: i64,
}

pub async fn page(pool: &SqlitePool, p: Page<'_>) -> sqlx::Result<Vec<AuditRow>> {
    sqlx::query_as(
        "SELECT id, at, user_name, action, target, detail, source FROM audit_log
         WHERE (?1 IS NULL OR user_name = ?1 COLLATE NOCASE) AND (?2 IS NULL OR action = ?2)
           AND (?3 IS NULL OR at >= ?3) AND (?4 IS NULL OR at <= ?4) AND (?5 IS NULL OR id < ?5)
         ORDER BY id DESC LIMIT ?6",
    )
    .bind(p.user)
    .bind(p.action)
    .bind(p.from)
    .bind(p.to)
    .bind(p.before)
    .bind(p.limit)
    .fetch_all(pool)
    .await
}

pub async fn prune(pool: &SqlitePool, before: i64) -> sqlx::Result<u64> {
    let res = sqlx::query("DELETE FROM audit_log WHERE at < ?")
        .bind(before)
        .execute(pool)
        .await?;
    Ok(res.rows_affected())
}
