//! Login, session checks, logout and password change.

use std::sync::Arc;

use app::error::AppError;
use app::model::CurrentUser;
use sqlx::SqlitePool;

use super::session_cache::SessionCache;
use super::{cookie, password, validate};
use crate::error::ServiceResult;
use crate::now_secs;
use crate::storage::{login_failures, sessions, users};

/// Session lifetimes and the brute-force guard's limits.
#[derive(Debug, Clone)]
pub struct AuthConfig {
    pub idle_secs: i64,
    pub max_secs: i64,
    pub max_failures: i64,
    pub window_secs: i64,
}

#[derive(Clone)]
pub struct AuthService {
    pub(crate) pool: SqlitePool,
    pub(crate) cfg: Arc<AuthConfig>,
    /// Verified against when the user does not exist, so a miss costs as
    /// long as a hit and timing does not reveal which usernames exist.
    dummy_hash: Arc<str>,
    pub(crate) sessions: Arc<SessionCache>,
}

/// A new session: the cookie token and who it belongs to.
pub struct Session {
    pub token: String,
    pub user: CurrentUser,
}

impl AuthService {
    pub async fn new(pool: SqlitePool, cfg: AuthConfig) -> anyhow::Result<Self> {
        let dummy_hash = password::hash(&password::generate()).await?.into();
        Ok(Self {
            pool,
            cfg: Arc::new(cfg),
            dummy_hash,
            sessions: Arc::default(),
        })
    }

    /// Checks a password under the brute-force guard and opens a session.
    pub async fn login(&self, username: &str, pw: &str) -> ServiceResult<Session> {
        let key = username.trim().to_lowercase();
        if key.is_empty() || pw.is_empty() {
            return Err(AppError::invalid("Enter both a username and a password.").into());
        }
        if key.chars().count() > validate::USERNAME_MAX || pw.len() > validate::PASSWORD_MAX {
            return Err(AppError::BadCredentials.into());
        }
        if let Err(e) = self.guard(&key).await {
            crate::audit::record(&self.pool, None, "login_failed", username, "locked out").await;
            return Err(e);
        }
        let row = users::by_username(&self.pool, &key).await?;
        let hash = row
            .as_ref()
            .map_or(&*self.dummy_hash, |r| r.password_hash.as_str());
        let ok = password::verify(pw, hash).await? && row.is_some();
        let Some(row) = row.filter(|_| ok) else {
            // The attempt was recorded by the guard; it stays a failure.
            tracing::info!(event = "login_failed", "failed login");
            crate::audit::record(
                &self.pool,
                None,
                "login_failed",
                username,
                "wrong username or password",
            )
            .await;
            return Err(AppError::BadCredentials.into());
        };
        if row.disabled {
            crate::audit::record(
                &self.pool,
                None,
                "login_failed",
                username,
                "account disabled",
            )
            .await;
            return Err(AppError::Forbidden(
                "This account is disabled. Ask an admin to enable it.".into(),
            )
            .into());
        }
        login_failures::clear(&self.pool, &key).await?;
        let user = CurrentUser {
            id: row.id,
            username: row.username.clone(),
            role: row.role(),
        };
        tracing::info!(event = "login", user = %user.username, "logged in");
        crate::audit::record(
            &self.pool,
            Some(&user.username),
            "login",
            &user.username,
            "",
        )
        .await;
        self.open_session(user).await
    }

    /// The brute-force guard: counts this attempt before the password is
    /// checked, atomically, and refuses it once the window is full.
    async fn guard(&self, key: &str) -> ServiceResult<()> {
        let now = now_secs();
        let since = now - self.cfg.window_secs;
        if login_failures::try_record(&self.pool, key, now, since, self.cfg.max_failures).await? {
            return Ok(());
        }
        let (_, oldest) = login_failures::recent(&self.pool, key, since).await?;
        let free_at = oldest.unwrap_or(now) + self.cfg.window_secs;
        Err(AppError::TooManyAttempts {
            retry_after_secs: (free_at - now).max(1) as u64,
        }
        .into())
    }

    pub(crate) async fn open_session(&self, user: CurrentUser) -> ServiceResult<Session> {
        let token = cookie::new_token();
        let now = now_secs();
        sessions::insert(
            &self.pool,
            &cookie::token_hash(&token),
            user.id,
            now,
            now + self.cfg.max_secs,
        )
        .await?;
        Ok(Session { token, user })
    }

    /// The user of a live session. Ends sessions past either expiry and
    /// ignores those of disabled users.
    pub async fn authenticate(&self, token: &str) -> ServiceResult<Option<CurrentUser>> {
        let hash = cookie::token_hash(token);
        let s = match self.sessions.get(&hash) {
            Some(s) => s,
            None => {
                let generation = self.sessions.generation();
                let Some(s) = sessions::lookup(&self.pool, &hash).await? else {
                    return Ok(None);
                };
                self.sessions.put(&hash, s.clone(), generation);
                s
            }
        };
        let now = now_secs();
        if now >= s.expires_at || now - s.last_seen_at >= self.cfg.idle_secs {
            // Ended either way; removing the row is housekeeping (the
            // sweeper retries it), so a read-only database cannot fail this.
            if let Err(e) = sessions::delete(&self.pool, &hash).await {
                tracing::warn!(error = %e, "could not delete an expired session");
            }
            self.sessions.forget(&hash);
            return Ok(None);
        }
        if s.disabled {
            return Ok(None);
        }
        // Write at most every quarter of the idle window, not on every request.
        if now - s.last_seen_at >= (self.cfg.idle_secs / 4).clamp(1, 60) {
            // In the background and best-effort: a request never waits on
            // this write, and on a read-only or locked database the session
            // still works. The cache takes the new time at once, so a
            // failing write is retried at most once per cache lifetime.
            self.sessions.touched(&hash, now);
            let pool = self.pool.clone();
            tokio::spawn(async move {
                if let Err(e) = sessions::touch(&pool, &hash, now).await {
                    tracing::warn!(error = %e, "could not refresh a session's last-seen time");
                }
            });
        }
        let role = s.role.parse().unwrap_or(app::model::Role::Viewer);
        Ok(Some(CurrentUser {
            id: s.user_id,
            username: s.username,
            role,
        }))
    }

    pub async fn logout(&self, token: Option<&str>) -> ServiceResult<()> {
        if let Some(token) = token {
            let hash = cookie::token_hash(token);
            let who = sessions::lookup(&self.pool, &hash)
                .await?
                .map(|s| s.username);
            sessions::delete(&self.pool, &hash).await?;
            self.sessions.forget(&hash);
            if let Some(who) = who {
                crate::audit::record(&self.pool, Some(&who), "logout", &who, "").await;
            }
        }
        Ok(())
    }

    /// Changes the caller's password after checking the current one, ends
    /// every session of theirs, and opens a fresh one for this browser.
    pub async fn change_password(
        &self,
        user: &CurrentUser,
        current: &str,
        new: &str,
    ) -> ServiceResult<Session> {
        validate::new_password(new)?;
        let row = users::by_id(&self.pool, user.id)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        // The same guard as login: a stolen session cannot guess the password.
        let key = row.username.to_lowercase();
        self.guard(&key).await?;
        if !password::verify(current, &row.password_hash).await? {
            return Err(AppError::invalid("The current password is wrong.").into());
        }
        login_failures::clear(&self.pool, &key).await?;
        users::set_password(&self.pool, user.id, &password::hash(new).await?, now_secs()).await?;
        sessions::delete_for_user(&self.pool, user.id).await?;
        self.sessions.forget_user(user.id);
        tracing::info!(event = "password_changed", user = %user.username, "password changed");
        crate::audit::record(
            &self.pool,
            Some(&user.username),
            "password_changed",
            &user.username,
            "",
        )
        .await;
        self.open_session(user.clone()).await
    }

    /// Creates `admin` when there are no users. Returns the generated
    /// password when none was configured, for the caller to print once.
    pub async fn bootstrap_admin(
        &self,
        configured: Option<&str>,
    ) -> anyhow::Result<Option<String>> {
        if users::count(&self.pool).await? > 0 {
            return Ok(None);
        }
        let generated = configured.is_none().then(password::generate);
        let pw = configured.or(generated.as_deref()).unwrap_or_default();
        validate::new_password(pw).map_err(|e| anyhow::anyhow!("LOOKOUT_ADMIN_PASSWORD: {e}"))?;
        users::insert(
            &self.pool,
            "admin",
            &password::hash(pw).await?,
            app::model::Role::Admin,
            now_secs(),
        )
        .await?;
        Ok(generated)
    }

    /// Removes expired sessions and old failure records.
    pub async fn sweep(&self) -> ServiceResult<()> {
        let now = now_secs();
        sessions::delete_expired(&self.pool, now, self.cfg.idle_secs).await?;
        login_failures::prune(&self.pool, now - self.cfg.window_secs).await?;
        self.sweep_tokens().await
    }
}
