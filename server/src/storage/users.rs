//! The `users` table.

use app::model::{Role, UserInfo};
use sqlx::{FromRow, SqlitePool};

/// A stored user, hash included; never leaves the server.
#[derive(Debug, Clone, FromRow)]
pub struct UserRow {
    pub id: i64,
    pub username: String,
    pub password_hash: String,
    pub role: String,
    pub disabled: bool,
    pub created_at: i64,
}

impl UserRow {
    pub fn role(&self) -> Role {
        self.role.parse().unwrap_or(Role::Viewer)
    }

    pub fn info(&self) -> UserInfo {
        UserInfo {
            id: self.id,
            username: self.username.clone(),
            role: self.role(),
            disabled: self.disabled,
            created_at: self.created_at,
        }
    }
}

const COLUMNS: &str = "id, username, password_hash, role, disabled, created_at";

pub async fn count(pool: &SqlitePool) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(pool)
        .await
}

pub async fn by_username(pool: &SqlitePool, username: &str) -> sqlx::Result<Option<UserRow>> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM users WHERE username = ?"))
        .bind(username)
        .fetch_optional(pool)
        .await
}

pub async fn by_id(pool: &SqlitePool, id: i64) -> sqlx::Result<Option<UserRow>> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM users WHERE id = ?"))
        .bind(id)
        .fetch_optional(pool)
        .await
}

pub async fn list(pool: &SqlitePool) -> sqlx::Result<Vec<UserRow>> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM users ORDER BY username"))
        .fetch_all(pool)
        .await
}

/// Inserts a user; `None` when the name is taken (case-insensitively).
pub async fn insert(
    pool: &SqlitePool,
    username: &str,
    hash: &str,
    role: Role,
    now: i64,
) -> sqlx::Result<Option<i64>> {
    let res = sqlx::query(
        "INSERT INTO users (username, password_hash, role, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?) ON CONFLICT(username) DO NOTHING",
    )
    .bind(username)
    .bind(hash)
    .bind(role.as_str())
    .bind(now)
    .bind(now)
    .execute(pool)
    .await?;
    Ok((res.rows_affected() == 1).then(|| res.last_insert_rowid()))
}

/// Changes role and/or disabled in one statement that refuses to leave no
/// active admin. SQLite runs it atomically, so two admins demoting each other
/// at once cannot both succeed. Returns false when the guard refused.
pub async fn update_guarded(
    pool: &SqlitePool,
    id: i64,
    role: Role,
    disabled: bool,
    now: i64,
) -> sqlx::Result<bool> {
    let res = sqlx::query(
        "UPDATE users SET role = ?1, disabled = ?2, updated_at = ?3
         WHERE id = ?4 AND (
             (?1 = 'admin' AND ?2 = 0)
             OR (SELECT COUNT(*) FROM users
                 WHERE role = 'admin' AND disabled = 0 AND id != ?4) > 0)",
    )
    .bind(role.as_str())
    .bind(disabled)
    .bind(now)
    .bind(id)
    .execute(pool)
    .await?;
    Ok(res.rows_affected() == 1)
}

pub async fn set_password(pool: &SqlitePool, id: i64, hash: &str, now: i64) -> sqlx::Result<bool> {
    let res = sqlx::query("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?")
        .bind(hash)
        .bind(now)
        .bind(id)
        .execute(pool)
        .await?;
    Ok(res.rows_affected() == 1)
}
