//! The audit log. Services call [`record`] as they act; the client's address
//! comes from the request (the gate runs every request inside
//! [`with_source`]), so no service signature carries it. Admins page through
//! it with filters; entries older than the configured days are pruned.

use std::future::Future;
use std::net::IpAddr;

use app::model::audit::{AuditEntry, AuditFilter, ACTIONS, PAGE_MAX};
use app::model::{CurrentUser, Role};
use sqlx::SqlitePool;

use crate::error::ServiceResult;
use crate::storage::audit_log::{self as store, NewRow, Page};

tokio::task_local! {
    static SOURCE: Option<IpAddr>;
}

/// Runs a request's work with its client address known to [`record`].
pub async fn with_source<F: Future>(addr: Option<IpAddr>, work: F) -> F::Output {
    SOURCE.scope(addr, work).await
}

fn source() -> Option<String> {
    SOURCE.try_with(|s| s.map(|a| a.to_string())).ok().flatten()
}

/// Untrusted text (a username someone tried) is kept short and on one line.
fn clip(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(200)
        .collect()
}

/// Appends an entry. Best-effort: a failed write is logged, and the action
/// it describes has already happened (or failed on its own).
pub async fn record(
    pool: &SqlitePool,
    user: Option<&str>,
    action: &str,
    target: &str,
    detail: &str,
) {
    debug_assert!(ACTIONS.contains(&action), "unknown audit action {action}");
    let (user, target, detail) = (user.map(clip), clip(target), clip(detail));
    let source = source();
    let row = NewRow {
        at: crate::now_secs(),
        user: user.as_deref(),
        action,
        target: &target,
        detail: &detail,
        source: source.as_deref(),
    };
    if let Err(e) = store::insert(pool, row).await {
        tracing::warn!(error = %e, action, "could not write an audit entry");
    }
}

#[derive(Clone)]
pub struct AuditService {
    pool: SqlitePool,
    keep_days: u32,
}

impl AuditService {
    pub fn new(pool: SqlitePool, keep_days: u32) -> Self {
        Self { pool, keep_days }
    }

    /// A page of entries, newest first. Admins only.
    pub async fn list(
        &self,
        actor: &CurrentUser,
        f: &AuditFilter,
    ) -> ServiceResult<Vec<AuditEntry>> {
        actor.require(Role::Admin)?;
        if let Some(a) = f.action.as_deref().filter(|a| !ACTIONS.contains(a)) {
            return Err(app::error::AppError::invalid(format!(
                "action: {a:?} is not one of {}",
                ACTIONS.join(", ")
            ))
            .into());
        }
        let page = Page {
            user: f.user.as_deref().map(str::trim).filter(|u| !u.is_empty()),
            action: f.action.as_deref(),
            from: f.from,
            to: f.to,
            before: f.before,
            limit: i64::from(f.limit.unwrap_or(100).clamp(1, PAGE_MAX)),
        };
        let rows = store::page(&self.pool, page).await?;
        Ok(rows
            .into_iter()
            .map(|r| AuditEntry {
                id: r.id,
                at: r.at,
                user: r.user_name,
                action: r.action,
                target: r.target,
                detail: r.detail,
                source: r.source,
            })
            .collect())
    }

    /// Drops entries older than the kept days (0 keeps everything).
    pub async fn prune(&self) -> ServiceResult<()> {
        if self.keep_days > 0 {
            let before = crate::now_secs() - i64::from(self.keep_days) * 86_400;
            store::prune(&self.pool, before).await?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn untrusted_text_is_one_short_line() {
        assert_eq!(clip("eve\nadmin\tok"), "eve admin ok");
        assert_eq!(clip(&"x".repeat(500)).len(), 200);
    }
}
