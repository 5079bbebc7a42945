//! The `login_failures` ledger behind the brute-force guard.

use sqlx::SqlitePool;

/// Records an attempt for `username_key` unless `max` attempts since
/// `since` are already recorded, in one statement: concurrent attempts
/// cannot all pass the check before any is counted. True if recorded (the
/// attempt may go ahead); a successful login [`clear`]s the ledger.
pub async fn try_record(
    pool: &SqlitePool,
    username_key: &str,
    now: i64,
    since: i64,
    max: i64,
) -> sqlx::Result<bool> {
    let res = sqlx::query(
        "INSERT INTO login_failures (username, at) SELECT ?1, ?2 \
         WHERE (SELECT COUNT(*) FROM login_failures WHERE username = ?1 AND at > ?3) < ?4",
    )
    .bind(username_key)
    .bind(now)
    .bind(since)
    .bind(max)
    .execute(pool)
    .await?;
    Ok(res.rows_affected() == 1)
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
