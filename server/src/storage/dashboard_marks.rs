//! Per-user stars and last-viewed times of dashboards.

use std::collections::{HashMap, HashSet};

use sqlx::SqlitePool;

/// Most views remembered per user (older ones are forgotten).
const KEEP_VIEWS: i64 = 200;

/// The user's starred dashboards and when each dashboard was last opened.
pub async fn of_user(
    pool: &SqlitePool,
    user_id: i64,
) -> sqlx::Result<(HashSet<String>, HashMap<String, i64>)> {
    let stars: Vec<(String,)> = sqlx::query_as("SELECT uid FROM dashboard_stars WHERE user_id = ?")
        .bind(user_id)
        .fetch_all(pool)
        .await?;
    let views: Vec<(String, i64)> =
        sqlx::query_as("SELECT uid, viewed_at FROM dashboard_views WHERE user_id = ?")
            .bind(user_id)
            .fetch_all(pool)
            .await?;
    Ok((
        stars.into_iter().map(|s| s.0).collect(),
        views.into_iter().collect(),
    ))
}

pub async fn set_star(pool: &SqlitePool, user_id: i64, uid: &str, on: bool) -> sqlx::Result<()> {
    let sql = if on {
        "INSERT INTO dashboard_stars (user_id, uid) VALUES (?, ?) ON CONFLICT DO NOTHING"
    } else {
        "DELETE FROM dashboard_stars WHERE user_id = ? AND uid = ?"
    };
    sqlx::query(sql)
        .bind(user_id)
        .bind(uid)
        .execute(pool)
        .await?;
    Ok(())
}

/// Records that the user opened `uid` now, forgetting their oldest views
/// beyond [`KEEP_VIEWS`].
pub async fn viewed(pool: &SqlitePool, user_id: i64, uid: &str, now: i64) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO dashboard_views (user_id, uid, viewed_at) VALUES (?, ?, ?)
         ON CONFLICT(user_id, uid) DO UPDATE SET viewed_at = excluded.viewed_at",
    )
    .bind(user_id)
    .bind(uid)
    .bind(now)
    .execute(pool)
    .await?;
    sqlx::query(
        "DELETE FROM dashboard_views WHERE user_id = ?1 AND uid NOT IN
         (SELECT uid FROM dashboard_views WHERE user_id = ?1 ORDER BY viewed_at DESC LIMIT ?2)",
    )
    .bind(user_id)
    .bind(KEEP_VIEWS)
    .execute(pool)
    .await?;
    Ok(())
}
