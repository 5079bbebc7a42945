//! Revoking, recording use and pruning, the same for each table of
//! credentials that end (API tokens and share links: `revoked_at`,
//! `expires_at`, `last_used_at`). The table is chosen from a closed list,
//! never from input.

use sqlx::SqlitePool;

#[derive(Debug, Clone, Copy)]
pub enum Credentials {
    ApiTokens,
    ShareLinks,
}

impl Credentials {
    fn table(self) -> &'static str {
        match self {
            Credentials::ApiTokens => "api_tokens",
            Credentials::ShareLinks => "share_links",
        }
    }
}

/// Marks one revoked (once); false when it already was or is gone.
pub async fn revoke(pool: &SqlitePool, t: Credentials, id: i64, now: i64) -> sqlx::Result<bool> {
    let q = format!(
        "UPDATE {} SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
        t.table()
    );
    let res = sqlx::query(&q).bind(now).bind(id).execute(pool).await?;
    Ok(res.rows_affected() == 1)
}

pub async fn touch(pool: &SqlitePool, t: Credentials, id: i64, now: i64) -> sqlx::Result<()> {
    let q = format!("UPDATE {} SET last_used_at = ? WHERE id = ?", t.table());
    sqlx::query(&q).bind(now).bind(id).execute(pool).await?;
    Ok(())
}

/// Drops those that ended (expired or revoked) more than `keep_secs` ago;
/// recent ones stay listed so their owners see what happened.
pub async fn prune(
    pool: &SqlitePool,
    t: Credentials,
    now: i64,
    keep_secs: i64,
) -> sqlx::Result<u64> {
    let before = now - keep_secs;
    let q = format!(
        "DELETE FROM {} WHERE expires_at <= ? OR (revoked_at IS NOT NULL AND revoked_at <= ?)",
        t.table()
    );
    let res = sqlx::query(&q)
        .bind(before)
        .bind(before)
        .execute(pool)
        .await?;
    Ok(res.rows_affected())
}
