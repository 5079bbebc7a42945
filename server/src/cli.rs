//! Commands run on the server itself, without logging in: the way back for
//! an admin who is locked out or has lost the password.

use std::path::Path;

use anyhow::Context;

use crate::auth::{password, validate};
use crate::now_secs;
use crate::storage::{self, login_failures, sessions, users};

/// Sets a new password for `username` (generated unless `new` is given),
/// ends their sessions and lifts the brute-force lock on the name. Returns
/// the password to show once.
pub async fn reset_password(
    database: &Path,
    username: &str,
    new: Option<String>,
) -> anyhow::Result<String> {
    let pool = storage::open(database).await?;
    let key = username.trim().to_lowercase();
    let user = users::by_username(&pool, &key)
        .await?
        .with_context(|| format!("there is no user {username:?} in {}", database.display()))?;
    let generated = new.is_none();
    let pw = new.unwrap_or_else(password::generate);
    validate::new_password(&pw).map_err(|e| anyhow::anyhow!("{e}"))?;
    let hash = password::hash(&pw).await?;
    users::set_password(&pool, user.id, &hash, now_secs()).await?;
    sessions::delete_for_user(&pool, user.id).await?;
    login_failures::clear(&pool, &key).await?;
    pool.close().await;
    Ok(if generated { pw } else { String::new() })
}
