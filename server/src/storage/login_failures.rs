//! The `login_failures` ledger behind the brute-force guard.

use sqlx::SqlitePool;

pub async fn record(pool: &SqlitePool, username_key: &str, now: i64) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO login_failures (username, at) VALUES (?, ?)")
        .bind(username_key)
        .bind(now)
        .execute(pool)
        .await?;
    Ok(())
}

/// Failures since `since`, and the oldest of them (when the window frees up).
pub async fn recent(
    pool: &SqlitePool,
    username_key: &str,
    since: i64,
) -> sqlx::Result<(i64, Option<i64>)> {
    sqlx::query_as("SELECT COUNT(*), MIN(at) FROM login_failures WHERE username = ? AND at > ?")
        .bind(username_key)
        .bind(since)
        .fetch_one(pool)
        .await
}

pub async fn clear(pool: &SqlitePool, username_key: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM login_failures WHERE username = ?")
        .bind(username_key)
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn prune(pool: &SqlitePool, before: i64) -> sqlx::Result<u64> {
    let res = sqlx::query("DELETE FROM login_failures WHERE at <= ?")
        .bind(before)
        .execute(pool)
        .await?;
    Ok(res.rows_affected())
}
