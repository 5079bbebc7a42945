//! The `api_tokens` table. Rows are keyed by the SHA-256 of the token; the
//! token itself is never stored.

use sqlx::{FromRow, SqlitePool};

/// A token joined with its owner, as the list and the auth gate need it.
#[derive(Debug, Clone, FromRow)]
pub struct TokenRow {
    pub id: i64,
    pub name: String,
    pub prefix: String,
    pub user_id: i64,
    pub owner: String,
    /// The token's own role; the owner's current role caps it.
    pub role: String,
    pub owner_role: String,
    pub owner_disabled: bool,
    pub created_at: i64,
    pub expires_at: i64,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

const SELECT: &str = "SELECT t.id, t.name, t.prefix, t.user_id, u.username AS owner, t.role,
        u.role AS owner_role, u.disabled AS owner_disabled, t.created_at, t.expires_at,
        t.last_used_at, t.revoked_at
     FROM api_tokens t JOIN users u ON u.id = t.user_id";

/// What a new row holds.
pub struct NewRow<'a> {
    pub token_hash: &'a str,
    pub prefix: &'a str,
    pub name: &'a str,
    pub user_id: i64,
    pub role: &'a str,
    pub now: i64,
    pub expires_at: i64,
}

pub async fn insert(pool: &SqlitePool, row: NewRow<'_>) -> sqlx::Result<i64> {
    let res = sqlx::query(
        "INSERT INTO api_tokens (token_hash, prefix, name, user_id, role, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(row.token_hash)
    .bind(row.prefix)
    .bind(row.name)
    .bind(row.user_id)
    .bind(row.role)
    .bind(row.now)
    .bind(row.expires_at)
    .execute(pool)
    .await?;
    Ok(res.last_insert_rowid())
}

pub async fn by_hash(pool: &SqlitePool, token_hash: &str) -> sqlx::Result<Option<TokenRow>> {
    sqlx::query_as(&format!("{SELECT} WHERE t.token_hash = ?"))
        .bind(token_hash)
        .fetch_optional(pool)
        .await
}

pub async fn by_id(pool: &SqlitePool, id: i64) -> sqlx::Result<Option<TokenRow>> {
    sqlx::query_as(&format!("{SELECT} WHERE t.id = ?"))
        .bind(id)
        .fetch_optional(pool)
        .await
}

/// Every token (`owner: None`, for admins) or one user's, newest first.
pub async fn list(pool: &SqlitePool, owner: Option<i64>) -> sqlx::Result<Vec<TokenRow>> {
    let q = format!("{SELECT} WHERE (?1 IS NULL OR t.user_id = ?1) ORDER BY t.id DESC");
    sqlx::query_as(&q).bind(owner).fetch_all(pool).await
}
