//! The `share_links` table. Rows are keyed by the SHA-256 of the link's
//! token; the token itself is never stored.

use sqlx::{FromRow, SqlitePool};

/// A link joined with its creator, as the list and the checks need it.
#[derive(Debug, Clone, FromRow)]
pub struct LinkRow {
    pub id: i64,
    pub prefix: String,
    pub kind: String,
    pub target: String,
    pub title: String,
    pub user_id: i64,
    pub creator: String,
    pub creator_role: String,
    pub creator_disabled: bool,
    pub anonymous: bool,
    pub allow_time: bool,
    pub max_span_days: i64,
    pub allow_vars: bool,
    pub created_at: i64,
    pub expires_at: Option<i64>,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

const SELECT: &str = "SELECT s.id, s.prefix, s.kind, s.target, s.title, s.user_id,
        u.username AS creator, u.role AS creator_role, u.disabled AS creator_disabled,
        s.anonymous, s.allow_time, s.max_span_days, s.allow_vars, s.created_at,
        s.expires_at, s.last_used_at, s.revoked_at
     FROM share_links s JOIN users u ON u.id = s.user_id";

/// What a new row holds.
pub struct NewRow<'a> {
    pub token_hash: &'a str,
    pub prefix: &'a str,
    pub kind: &'a str,
    pub target: &'a str,
    pub title: &'a str,
    pub user_id: i64,
    pub anonymous: bool,
    pub allow_time: bool,
    pub max_span_days: i64,
    pub allow_vars: bool,
    pub now: i64,
    pub expires_at: Option<i64>,
}

pub async fn insert(pool: &SqlitePool, row: NewRow<'_>) -> sqlx::Result<i64> {
    let res = sqlx::query(
        "INSERT INTO share_links (token_hash, prefix, kind, target, title, user_id, anonymous,
             allow_time, max_span_days, allow_vars, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(row.token_hash)
    .bind(row.prefix)
    .bind(row.kind)
    .bind(row.target)
    .bind(row.title)
    .bind(row.user_id)
    .bind(row.anonymous)
    .bind(row.allow_time)
    .bind(row.max_span_days)
    .bind(row.allow_vars)
    .bind(row.now)
    .bind(row.expires_at)
    .execute(pool)
    .await?;
    Ok(res.last_insert_rowid())
}

pub async fn by_hash(pool: &SqlitePool, token_hash: &str) -> sqlx::Result<Option<LinkRow>> {
    sqlx::query_as(&format!("{SELECT} WHERE s.token_hash = ?"))
        .bind(token_hash)
        .fetch_optional(pool)
        .await
}

pub async fn by_id(pool: &SqlitePool, id: i64) -> sqlx::Result<Option<LinkRow>> {
    sqlx::query_as(&format!("{SELECT} WHERE s.id = ?"))
        .bind(id)
        .fetch_optional(pool)
        .await
}

/// Every link (`creator: None`, for admins) or one user's, newest first.
pub async fn list(pool: &SqlitePool, creator: Option<i64>) -> sqlx::Result<Vec<LinkRow>> {
    let q = format!("{SELECT} WHERE (?1 IS NULL OR s.user_id = ?1) ORDER BY s.id DESC");
    sqlx::query_as(&q).bind(creator).fetch_all(pool).await
}
