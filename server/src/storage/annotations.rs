//! The `annotations` table; tags are a JSON array of strings.

use sqlx::{FromRow, SqlitePool};

#[derive(Debug, Clone, FromRow)]
pub struct AnnotationRow {
    pub id: i64,
    pub time_ms: i64,
    pub end_ms: Option<i64>,
    pub text: String,
    pub tags: String,
    pub dashboard_uid: Option<String>,
    pub panel_id: Option<String>,
    pub created_by: Option<i64>,
    pub author: Option<String>,
    pub created_at: i64,
}

const SELECT: &str = "SELECT a.id, a.time_ms, a.end_ms, a.text, a.tags, a.dashboard_uid,
        a.panel_id, a.created_by, u.username AS author, a.created_at
     FROM annotations a LEFT JOIN users u ON u.id = a.created_by";

pub struct NewRow<'a> {
    pub time_ms: i64,
    pub end_ms: Option<i64>,
    pub text: &'a str,
    pub tags: &'a str,
    pub dashboard_uid: Option<&'a str>,
    pub panel_id: Option<&'a str>,
    pub created_by: i64,
    pub now: i64,
}

pub async fn insert(pool: &SqlitePool, r: NewRow<'_>) -> sqlx::Result<i64> {
    let res = sqlx::query(
        "INSERT INTO annotations (time_ms, end_ms, text, tags, dashboard_uid, panel_id, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(r.time_ms)
    .bind(r.end_ms)
    .bind(r.text)
    .bind(r.tags)
    .bind(r.dashboard_uid)
    .bind(r.panel_id)
    .bind(r.created_by)
    .bind(r.now)
    .execute(pool)
    .await?;
    Ok(res.last_insert_rowid())
}

pub async fn by_id(pool: &SqlitePool, id: i64) -> sqlx::Result<Option<AnnotationRow>> {
    sqlx::query_as(&format!("{SELECT} WHERE a.id = ?"))
        .bind(id)
        .fetch_optional(pool)
        .await
}

/// Rows overlapping `[from, to]` that belong to `dashboard` or to none,
/// newest first, at most `limit`. (Spans are bounded, so the start index
/// narrows the scan: a row starting before `from - span_max` ends before.)
pub async fn in_range(
    pool: &SqlitePool,
    from: i64,
    to: i64,
    span_max: i64,
    dashboard: Option<&str>,
    limit: i64,
) -> sqlx::Result<Vec<AnnotationRow>> {
    sqlx::query_as(&format!(
        "{SELECT} WHERE a.time_ms BETWEEN ? AND ? AND COALESCE(a.end_ms, a.time_ms) >= ?
           AND (a.dashboard_uid IS NULL OR a.dashboard_uid = ?)
         ORDER BY a.time_ms DESC LIMIT ?"
    ))
    .bind(from.saturating_sub(span_max))
    .bind(to)
    .bind(from)
    .bind(dashboard)
    .bind(limit)
    .fetch_all(pool)
    .await
}

pub async fn delete(pool: &SqlitePool, id: i64) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM annotations WHERE id = ?")
        .bind(id)
        .execute(pool)
        .await?;
    Ok(())
}
