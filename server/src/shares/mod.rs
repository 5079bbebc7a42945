//! Share links: made by editors (usable without an account only when an
//! admin says so), listed (own; admins see all), revoked, and opened by
//! anyone holding one. The holder runs the stored queries of the shared
//! dashboard or saved search, as a masked viewer, with only the range and
//! variable values the link allows (`check`). Dead links (unknown, expired,
//! revoked, or whose creator may no longer share) answer 401 at once.

mod check;
mod view;

use std::sync::Arc;

use app::error::AppError;
use app::model::share::{
    CreatedShare, NewShare, ShareKind, ShareLink, ShareOptions, SHARE_DAYS_MAX, SHARE_PREFIX,
    SHARE_SPAN_DAYS_MAX,
};
use app::model::{CurrentUser, Role};
use sqlx::SqlitePool;

use crate::auth::cookie;
use crate::dashboards::DashboardService;
use crate::datasources::service::DataSourceService;
use crate::error::ServiceResult;
use crate::masking::Masker;
use crate::now_secs;
use crate::saved::SavedQueryService;
use crate::storage::ended::{self, Credentials};
use crate::storage::share_links::{self as store, LinkRow, NewRow};

pub use check::well_formed;

/// Characters of a token kept to tell links apart (prefix included).
const SHOWN: usize = SHARE_PREFIX.len() + 6;
/// Ended links stay listed this long before the sweep drops them.
const KEEP_ENDED_SECS: i64 = 30 * 86_400;

#[derive(Clone)]
pub struct ShareService {
    pool: SqlitePool,
    dashboards: DashboardService,
    saved: SavedQueryService,
    datasources: Arc<DataSourceService>,
    masker: Arc<Masker>,
}

/// What a row shares.
fn link_kind(r: &LinkRow) -> ShareKind {
    if r.kind == ShareKind::Search.as_str() {
        ShareKind::Search
    } else {
        ShareKind::Dashboard
    }
}

/// What a row lets its holder change.
fn link_options(r: &LinkRow) -> ShareOptions {
    ShareOptions {
        anonymous: r.anonymous,
        allow_time: r.allow_time,
        max_span_days: u32::try_from(r.max_span_days).unwrap_or(1),
        allow_vars: r.allow_vars,
    }
}

fn info(r: LinkRow) -> ShareLink {
    ShareLink {
        id: r.id,
        kind: link_kind(&r),
        options: link_options(&r),
        target: r.target,
        title: r.title,
        prefix: r.prefix,
        creator: r.creator,
        created_at: r.created_at,
        expires_at: r.expires_at,
        last_used_at: r.last_used_at,
        revoked_at: r.revoked_at,
    }
}

/// Whether the link works now: not revoked or expired, and its creator is
/// still an active editor or admin.
fn alive(r: &LinkRow, now: i64) -> bool {
    let role: Role = r.creator_role.parse().unwrap_or(Role::Viewer);
    r.revoked_at.is_none()
        && r.expires_at.is_none_or(|e| now < e)
        && !r.creator_disabled
        && role.allows(Role::Editor)
}

/// Whether opening the link needs a Lookout login: unless it is marked
/// anonymous *and* its creator is still an admin.
pub fn needs_account(r: &LinkRow) -> bool {
    let role: Role = r.creator_role.parse().unwrap_or(Role::Viewer);
    !(r.anonymous && role == Role::Admin)
}

fn check_new(new: &NewShare, actor: &CurrentUser) -> Result<(), AppError> {
    if new.options.anonymous && actor.role != Role::Admin {
        return Err(AppError::Forbidden(
            "Only an admin can make a link that opens without a Lookout account.".into(),
        ));
    }
    if new
        .expires_days
        .is_some_and(|d| !(1..=SHARE_DAYS_MAX).contains(&d))
    {
        return Err(AppError::invalid(format!(
            "expires_days: give the link 1 to {SHARE_DAYS_MAX} days, or leave it out for a link that lasts until revoked."
        )));
    }
    if !(1..=SHARE_SPAN_DAYS_MAX).contains(&new.options.max_span_days) {
        return Err(AppError::invalid(format!(
            "options.max_span_days: use 1 to {SHARE_SPAN_DAYS_MAX} days."
        )));
    }
    Ok(())
}

impl ShareService {
    pub fn new(
        pool: SqlitePool,
        dashboards: DashboardService,
        saved: SavedQueryService,
        datasources: Arc<DataSourceService>,
        masker: Arc<Masker>,
    ) -> Self {
        Self {
            pool,
            dashboards,
            saved,
            datasources,
            masker,
        }
    }

    /// Makes a link to a dashboard or saved search the caller can see.
    /// The token is in the answer's path, this once.
    pub async fn create(&self, actor: &CurrentUser, new: NewShare) -> ServiceResult<CreatedShare> {
        actor.require(Role::Editor)?;
        check_new(&new, actor)?;
        let title = self.title_of(actor, new.kind, &new.target).await?;
        let token = format!("{SHARE_PREFIX}{}", cookie::new_token());
        let (now, prefix) = (now_secs(), token[..SHOWN].to_owned());
        let expires_at = new.expires_days.map(|d| now + i64::from(d) * 86_400);
        let o = new.options;
        let id = store::insert(
            &self.pool,
            NewRow {
                token_hash: &cookie::token_hash(&token),
                prefix: &prefix,
                kind: new.kind.as_str(),
                target: &new.target,
                title: &title,
                user_id: actor.id,
                anonymous: o.anonymous,
                allow_time: o.allow_time,
                max_span_days: i64::from(o.max_span_days),
                allow_vars: o.allow_vars,
                now,
                expires_at,
            },
        )
        .await?;
        tracing::info!(event = "share_created", user = %actor.username, share_id = id, kind = new.kind.as_str(), "share link created");
        let detail = format!(
            "{} {}; anonymous {}, time {}, variables {}",
            new.kind.as_str(),
            new.target,
            o.anonymous,
            o.allow_time,
            o.allow_vars
        );
        crate::audit::record(
            &self.pool,
            Some(&actor.username),
            "share_created",
            &title,
            &detail,
        )
        .await;
        let info = ShareLink {
            id,
            kind: new.kind,
            target: new.target,
            title,
            prefix,
            creator: actor.username.clone(),
            options: o,
            created_at: now,
            expires_at,
            last_used_at: None,
            revoked_at: None,
        };
        Ok(CreatedShare {
            path: format!("/s/{token}"),
            info,
        })
    }

    /// The caller's links; an admin's list has everyone's.
    pub async fn list(&self, actor: &CurrentUser) -> ServiceResult<Vec<ShareLink>> {
        actor.require(Role::Editor)?;
        let creator = (actor.role != Role::Admin).then_some(actor.id);
        let rows = store::list(&self.pool, creator).await?;
        Ok(rows.into_iter().map(info).collect())
    }

    /// Revokes one of the caller's links (an admin: anyone's). Dead at once.
    pub async fn revoke(&self, actor: &CurrentUser, id: i64) -> ServiceResult<()> {
        actor.require(Role::Editor)?;
        let row = store::by_id(&self.pool, id)
            .await?
            .filter(|r| actor.role == Role::Admin || r.user_id == actor.id)
            .ok_or_else(|| AppError::NotFound(format!("No share link {id} of yours.")))?;
        ended::revoke(&self.pool, Credentials::ShareLinks, row.id, now_secs()).await?;
        tracing::info!(event = "share_revoked", user = %actor.username, share_id = id, "share link revoked");
        let detail = format!("created by {}", row.creator);
        crate::audit::record(
            &self.pool,
            Some(&actor.username),
            "share_revoked",
            &row.title,
            &detail,
        )
        .await;
        Ok(())
    }

    /// The live link a token names; [`AppError::BadLink`] for anything else.
    pub async fn link(&self, token: &str) -> ServiceResult<LinkRow> {
        if !well_formed(token) {
            return Err(AppError::BadLink.into());
        }
        // Looked up by hash: the comparison never runs over the secret.
        let row = store::by_hash(&self.pool, &cookie::token_hash(token))
            .await?
            .filter(|r| alive(r, now_secs()))
            .ok_or(AppError::BadLink)?;
        Ok(row)
    }

    /// Drops links that ended a while ago.
    pub async fn sweep(&self) -> ServiceResult<()> {
        ended::prune(
            &self.pool,
            Credentials::ShareLinks,
            now_secs(),
            KEEP_ENDED_SECS,
        )
        .await?;
        Ok(())
    }

    async fn title_of(
        &self,
        actor: &CurrentUser,
        kind: ShareKind,
        target: &str,
    ) -> ServiceResult<String> {
        Ok(match kind {
            ShareKind::Dashboard => {
                let d = self.dashboards.get(actor, target).await?;
                d.dashboard.metadata.title
            }
            ShareKind::Search => {
                let id = view::search_id(target)?;
                self.saved.get(actor, id).await?.spec.name
            }
        })
    }
}
