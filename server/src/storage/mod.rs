//! SQLite storage: one pool in WAL mode, migrations applied at startup, and
//! one module of plain query functions per table.

pub mod annotations;
pub mod api_tokens;
pub mod audit_log;
pub mod dashboard_marks;
pub mod dashboards;
pub mod datasources;
pub mod ended;
pub mod login_failures;
pub mod saved_queries;
pub mod sessions;
pub mod share_links;
pub mod users;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;

/// Opens (creating if needed) the database file and brings its schema up to date.
pub async fn open(path: &Path) -> anyhow::Result<SqlitePool> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("creating the database folder {}", dir.display()))?;
    }
    let options = SqliteConnectOptions::from_str(&format!("sqlite://{}", path.display()))
        .with_context(|| format!("database path {}", path.display()))?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5));
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await
        .with_context(|| format!("opening the database {}", path.display()))?;
    sqlx::migrate!("../migrations")
        .run(&pool)
        .await
        .context("applying database migrations")?;
    Ok(pool)
}

/// The database answers a trivial query.
/// Whether a failed statement failed because the database cannot be
/// written now: a read-only file or folder (SQLITE_READONLY), or a lock
/// held past the busy timeout (SQLITE_BUSY, SQLITE_LOCKED).
pub fn is_read_only(e: &sqlx::Error) -> bool {
    let Some(db) = e.as_database_error() else {
        return false;
    };
    let code = db.code();
    let primary = code
        .as_deref()
        .and_then(|c| c.parse::<i32>().ok())
        .map(|c| c & 0xff);
    matches!(primary, Some(5 | 6 | 8)) || db.message().contains("readonly database")
}

/// Whether the database takes a write now: a write lock taken and given
/// back, writing nothing.
pub async fn writable(pool: &SqlitePool) -> bool {
    let Ok(mut conn) = pool.acquire().await else {
        return false;
    };
    let begun = sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut *conn)
        .await
        .is_ok();
    if begun {
        let _ = sqlx::query("ROLLBACK").execute(&mut *conn).await;
    }
    begun
}

pub async fn ping(pool: &SqlitePool) -> bool {
    sqlx::query_scalar::<_, i64>("SELECT 1")
        .fetch_one(pool)
        .await
        .is_ok()
}
