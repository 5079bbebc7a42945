//! Dashboards: anyone logged in lists and opens them; editors create, save
//! (optimistically: a save names the version it started from, and a stale
//! one is refused with 409 and writes nothing), restore old versions and
//! delete; admins list deleted ones and bring them back within 30 days.

mod decoded;
pub mod library;
pub mod markdown;
pub mod panel_query;
pub mod run;
pub mod split;
pub mod variables;

use app::error::AppError;
use app::model::dashboard::{
    diff, Change, Dashboard, DashboardSave, DashboardSummary, DashboardVersion, StoredDashboard,
};
use app::model::{CurrentUser, Role};
use sqlx::SqlitePool;
use std::sync::Arc;

use crate::error::ServiceResult;
use crate::now_secs;
use crate::storage::dashboard_marks as marks;
use crate::storage::dashboards::{self as store, Save, Saved};

/// How long a deleted dashboard can be restored.
pub const KEEP_DELETED_SECS: i64 = 30 * 86_400;
/// Longest message kept with a version.
const MAX_MESSAGE: usize = 500;

#[derive(Clone)]
pub struct DashboardService {
    pool: SqlitePool,
    decoded: Arc<decoded::Decoded>,
}

fn not_found(uid: &str) -> AppError {
    AppError::NotFound(format!(
        "There is no dashboard {uid:?}: pick one from the list."
    ))
}

fn summary(row: store::DashboardRow) -> DashboardSummary {
    DashboardSummary {
        tags: serde_json::from_str(&row.tags).unwrap_or_default(),
        uid: row.uid,
        title: row.title,
        version: row.version,
        updated_at_ms: row.updated_at * 1000,
        deleted_at_ms: row.deleted_at.map(|t| t * 1000),
        starred: false,
        viewed_at_ms: None,
    }
}

impl DashboardService {
    pub fn new(pool: SqlitePool) -> Self {
        Self {
            pool,
            decoded: Default::default(),
        }
    }

    /// Live dashboards; with `deleted`, the deleted ones (admins only).
    pub async fn list(
        &self,
        actor: &CurrentUser,
        deleted: bool,
    ) -> ServiceResult<Vec<DashboardSummary>> {
        actor.require(if deleted { Role::Admin } else { Role::Viewer })?;
        let (stars, views) = marks::of_user(&self.pool, actor.id).await?;
        Ok(store::list(&self.pool, deleted)
            .await?
            .into_iter()
            .map(|row| DashboardSummary {
                starred: stars.contains(&row.uid),
                viewed_at_ms: views.get(&row.uid).map(|t| t * 1000),
                ..summary(row)
            })
            .collect())
    }

    /// The latest version, recorded as viewed by `actor` (for "recently
    /// viewed"; a failure to record, e.g. a read-only database, is ignored).
    pub async fn open(&self, actor: &CurrentUser, uid: &str) -> ServiceResult<StoredDashboard> {
        let stored = self.get(actor, uid).await?;
        if let Err(e) = marks::viewed(&self.pool, actor.id, uid, now_secs()).await {
            tracing::debug!(error = %e, "could not record a dashboard view");
        }
        Ok(stored)
    }

    /// Stars (or unstars) a live dashboard for `actor`.
    pub async fn star(&self, actor: &CurrentUser, uid: &str, on: bool) -> ServiceResult<()> {
        actor.require(Role::Viewer)?;
        self.live(uid).await?;
        Ok(marks::set_star(&self.pool, actor.id, uid, on).await?)
    }

    /// The latest version of a live dashboard.
    pub async fn get(&self, actor: &CurrentUser, uid: &str) -> ServiceResult<StoredDashboard> {
        let (version, dashboard) = self.latest(actor, uid).await?;
        Ok(StoredDashboard {
            version,
            dashboard: Arc::unwrap_or_clone(dashboard),
        })
    }

    /// The latest version and its model, decoded once per version and
    /// shared (`decoded.rs`): panel queries read it without a copy.
    pub async fn latest(
        &self,
        actor: &CurrentUser,
        uid: &str,
    ) -> ServiceResult<(i64, Arc<Dashboard>)> {
        actor.require(Role::Viewer)?;
        let row = self.live(uid).await?;
        let key = (row.uid, row.version, row.updated_at);
        if let Some(dashboard) = self.decoded.get(&key) {
            return Ok((row.version, dashboard));
        }
        let dashboard = Arc::new(self.at_version(uid, row.version).await?.dashboard);
        self.decoded.put(key, dashboard.clone());
        Ok((row.version, dashboard))
    }

    /// Creates (no base version) or saves on top of `base_version`.
    pub async fn save(
        &self,
        actor: &CurrentUser,
        uid: Option<&str>,
        input: DashboardSave,
    ) -> ServiceResult<StoredDashboard> {
        actor.require(Role::Editor)?;
        let dashboard = Dashboard::from_value(input.dashboard)
            .map_err(|e| AppError::Invalid(format!("The dashboard is not valid: {e}")))?;
        if let Some(uid) = uid.filter(|u| *u != dashboard.metadata.uid) {
            return Err(AppError::invalid(format!(
                "metadata.uid: {:?} does not match the dashboard being saved ({uid:?})",
                dashboard.metadata.uid
            ))
            .into());
        }
        let message = input.message.trim();
        if message.chars().count() > MAX_MESSAGE {
            return Err(AppError::invalid(format!(
                "The message is longer than {MAX_MESSAGE} characters."
            ))
            .into());
        }
        let model = dashboard.export();
        let tags = serde_json::to_string(&dashboard.metadata.tags).map_err(anyhow::Error::from)?;
        let save = Save {
            uid: &dashboard.metadata.uid,
            title: dashboard.metadata.title.trim(),
            tags: &tags,
            model: &model,
            author: &actor.username,
            message,
            now: now_secs(),
        };
        let outcome = match (uid, input.base_version) {
            (None, _) => store::create(&self.pool, &save).await?,
            (Some(_), Some(base)) => store::update(&self.pool, &save, base).await?,
            (Some(_), None) => {
                return Err(AppError::invalid(
                    "base_version is missing: send the version you started from.",
                )
                .into())
            }
        };
        let version = match outcome {
            Saved::Version(v) => v,
            Saved::Stale { .. } if uid.is_none() => {
                return Err(AppError::Conflict(format!(
                    "A dashboard with uid {:?} exists already: pick another uid, or open that one.",
                    dashboard.metadata.uid
                ))
                .into());
            }
            Saved::Stale { current } => {
                return Err(AppError::Conflict(format!(
                    "This dashboard was saved as version {current} after you opened version {}: \
                     nothing was overwritten. Reload to see the newer version, or save yours as a copy.",
                    input.base_version.unwrap_or_default()
                ))
                .into())
            }
            Saved::Missing => return Err(not_found(&dashboard.metadata.uid).into()),
        };
        tracing::info!(event = "dashboard_saved", uid = %dashboard.metadata.uid, version, by = %actor.username, "dashboard saved");
        let detail = format!("version {version}: {}", input.message);
        crate::audit::record(
            &self.pool,
            Some(&actor.username),
            "dashboard_saved",
            &dashboard.metadata.uid,
            &detail,
        )
        .await;
        Ok(StoredDashboard { version, dashboard })
    }

    pub async fn versions(
        &self,
        actor: &CurrentUser,
        uid: &str,
    ) -> ServiceResult<Vec<DashboardVersion>> {
        actor.require(Role::Viewer)?;
        self.live(uid).await?;
        Ok(store::versions(&self.pool, uid)
            .await?
            .into_iter()
            .map(|v| DashboardVersion {
                version: v.version,
                author: v.author,
                message: v.message,
                created_at_ms: v.created_at * 1000,
            })
            .collect())
    }

    pub async fn version(
        &self,
        actor: &CurrentUser,
        uid: &str,
        version: i64,
    ) -> ServiceResult<StoredDashboard> {
        actor.require(Role::Viewer)?;
        self.live(uid).await?;
        self.at_version(uid, version).await
    }

    /// The changed paths from version `from` to version `to`.
    pub async fn diff(
        &self,
        actor: &CurrentUser,
        uid: &str,
        from: i64,
        to: i64,
    ) -> ServiceResult<Vec<Change>> {
        let a = self.version(actor, uid, from).await?;
        let b = self.version(actor, uid, to).await?;
        let value = |d: &Dashboard| serde_json::to_value(d).map_err(anyhow::Error::from);
        Ok(diff(&value(&a.dashboard)?, &value(&b.dashboard)?))
    }

    /// Saves an old version again, as a new version on top of `base`.
    pub async fn restore(
        &self,
        actor: &CurrentUser,
        uid: &str,
        version: i64,
        base: i64,
    ) -> ServiceResult<StoredDashboard> {
        actor.require(Role::Editor)?;
        let old = self.version(actor, uid, version).await?;
        let input = DashboardSave {
            dashboard: serde_json::to_value(&old.dashboard).map_err(anyhow::Error::from)?,
            base_version: Some(base),
            message: format!("Restored version {version}"),
        };
        self.save(actor, Some(uid), input).await
    }

    /// Deletes (restorable by an admin for 30 days).
    pub async fn delete(&self, actor: &CurrentUser, uid: &str) -> ServiceResult<()> {
        actor.require(Role::Editor)?;
        if !store::set_deleted(&self.pool, uid, Some(now_secs())).await? {
            return Err(not_found(uid).into());
        }
        tracing::info!(event = "dashboard_deleted", uid, by = %actor.username, "dashboard deleted");
        crate::audit::record(
            &self.pool,
            Some(&actor.username),
            "dashboard_deleted",
            uid,
            "",
        )
        .await;
        Ok(())
    }

    /// Brings a deleted dashboard back (admins).
    pub async fn undelete(&self, actor: &CurrentUser, uid: &str) -> ServiceResult<()> {
        actor.require(Role::Admin)?;
        if !store::set_deleted(&self.pool, uid, None).await? {
            return Err(
                AppError::NotFound(format!("There is no deleted dashboard {uid:?}.")).into(),
            );
        }
        crate::audit::record(
            &self.pool,
            Some(&actor.username),
            "dashboard_restored",
            uid,
            "undeleted",
        )
        .await;
        Ok(())
    }

    /// Creates a ready-made dashboard, its data-source names mapped.
    pub async fn import_library(
        &self,
        actor: &CurrentUser,
        id: &str,
        map: &std::collections::BTreeMap<String, String>,
    ) -> ServiceResult<StoredDashboard> {
        actor.require(Role::Editor)?;
        let dashboard = library::instantiate(id, map).map_err(AppError::NotFound)?;
        let input = DashboardSave {
            dashboard,
            base_version: None,
            message: format!("Imported the ready-made {id:?}"),
        };
        self.save(actor, None, input).await
    }

    /// Creates, at startup, the dashboards a provisioning file lists that do
    /// not exist yet (an edited one is never overwritten):
    /// `{"library": {"host-metrics": {"Prometheus": "…"}}, "dashboards": [model, …]}`.
    pub async fn provision(&self, path: &std::path::Path) -> anyhow::Result<usize> {
        #[derive(serde::Deserialize)]
        struct File {
            #[serde(default)]
            library: std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>>,
            #[serde(default)]
            dashboards: Vec<serde_json::Value>,
        }
        let text = std::fs::read_to_string(path)
            .map_err(|e| anyhow::anyhow!("reading {}: {e}", path.display()))?;
        let file: File =
            serde_json::from_str(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        let system = CurrentUser {
            id: 0,
            username: "provisioning".into(),
            role: Role::Admin,
        };
        let mut models = Vec::new();
        for (id, map) in &file.library {
            models.push(
                library::instantiate(id, map)
                    .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?,
            );
        }
        models.extend(file.dashboards);
        let mut created = 0;
        for dashboard in models {
            let input = DashboardSave {
                dashboard,
                base_version: None,
                message: "Provisioned".into(),
            };
            match self.save(&system, None, input).await {
                Ok(_) => created += 1,
                Err(crate::error::ServiceError::App(AppError::Conflict(_))) => {}
                Err(e) => return Err(anyhow::anyhow!("{}: {}", path.display(), AppError::from(e))),
            }
        }
        Ok(created)
    }

    /// Removes dashboards deleted more than 30 days ago (the sweeper).
    pub async fn purge(&self) -> ServiceResult<u64> {
        Ok(store::purge(&self.pool, now_secs() - KEEP_DELETED_SECS).await?)
    }

    async fn live(&self, uid: &str) -> ServiceResult<store::DashboardRow> {
        store::by_uid(&self.pool, uid)
            .await?
            .filter(|r| r.deleted_at.is_none())
            .ok_or_else(|| not_found(uid).into())
    }

    async fn at_version(&self, uid: &str, version: i64) -> ServiceResult<StoredDashboard> {
        let row = store::version(&self.pool, uid, version)
            .await?
            .ok_or_else(|| {
                AppError::NotFound(format!("Dashboard {uid:?} has no version {version}."))
            })?;
        let dashboard = Dashboard::decode(&row.model)
            .map_err(|e| anyhow::anyhow!("stored dashboard {uid} v{version}: {e}"))?;
        Ok(StoredDashboard { version, dashboard })
    }
}
