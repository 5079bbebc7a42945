//! Managing data sources (admins) and handing out ready upstream clients
//! (everyone logged in). Secrets are sealed before they reach storage and
//! never leave this module in a response.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use app::error::AppError;
use app::model::{CurrentUser, DataSource, DataSourceInput, DataSourceSettings, Role, TestOutcome};
use sqlx::SqlitePool;

use super::error::ClientError;
use super::input::{decode, fields, name_taken, not_found, validate};
use super::names::{NameList, Names};
use super::shared::{PerSource, ServiceLimits};
use super::{connect, Upstream, UpstreamError};
use crate::error::ServiceResult;
use crate::query::limits::QueryLimits;
use crate::secrets::{Secret, SecretBox};
use crate::storage::datasources::{self as store, Updated};

/// A ready client for one saved version of a data source. Every write goes
/// through this service and drops the entry, so a cache hit needs no database
/// read. (With several replicas on PostgreSQL, entries will need a version
/// check or a change notification.)
struct Cached {
    /// The saved version this entry is for (or, without a client, the
    /// oldest version a reader may still cache: set by every write).
    version: i64,
    client: Option<(String, Arc<dyn Upstream>)>,
}

pub struct DataSourceService {
    pool: SqlitePool,
    secrets: SecretBox,
    cache: RwLock<HashMap<i64, Cached>>,
    /// The in-flight limit and answer cache of each data source.
    shared: PerSource,
    names: Names,
    query_limits: QueryLimits,
}

impl DataSourceService {
    /// The sealed new secret: `None` keeps the stored one, `Some(None)` removes it.
    fn seal(&self, input: &DataSourceInput) -> Option<Option<Vec<u8>>> {
        let secret = input.secret.as_ref()?;
        Some((!secret.is_empty()).then(|| self.secrets.seal(&Secret::new(secret.clone()))))
    }

    pub fn new(
        pool: SqlitePool,
        secrets: SecretBox,
        limits: ServiceLimits,
        query_limits: QueryLimits,
    ) -> Self {
        Self {
            pool,
            secrets,
            cache: RwLock::default(),
            shared: PerSource::new(limits),
            names: Names::default(),
            query_limits,
        }
    }

    /// The upstream and cache series for `/metrics`.
    pub fn render_metrics(&self, out: &mut String) {
        self.shared.render(out);
    }

    /// The bounds every query is checked against before it runs.
    pub fn query_limits(&self) -> QueryLimits {
        self.query_limits
    }

    /// Every data source. Non-admins get names and kinds only: no URLs or usernames.
    pub async fn list(&self, actor: &CurrentUser) -> ServiceResult<Vec<DataSource>> {
        let mut out = store::list(&self.pool)
            .await?
            .iter()
            .map(decode)
            .collect::<ServiceResult<Vec<_>>>()?;
        if !actor.role.allows(Role::Admin) {
            for ds in &mut out {
                ds.settings.url.clear();
                ds.settings.basic_username = None;
            }
        }
        Ok(out)
    }

    /// Every data source's name and id, for resolving the names a
    /// dashboard stores (any logged-in user sees the names in [`Self::list`]
    /// too). Kept between writes (`names.rs`).
    pub async fn names(&self) -> ServiceResult<NameList> {
        let generation = match self.names.get() {
            Ok(list) => return Ok(list),
            Err(generation) => generation,
        };
        let list = store::list(&self.pool)
            .await?
            .iter()
            .map(|row| decode(row).map(|d| (d.settings.name, d.id)))
            .collect::<ServiceResult<NameList>>()?;
        self.names.put(generation, list.clone());
        Ok(list)
    }

    pub async fn create(
        &self,
        actor: &CurrentUser,
        input: DataSourceInput,
    ) -> ServiceResult<DataSource> {
        actor.require(Role::Admin)?;
        validate(&input, false)?;
        self.check_link(&input.settings).await?;
        let sealed = self.seal(&input).flatten();
        let s = &input.settings;
        let json = serde_json::to_string(s).map_err(anyhow::Error::from)?;
        let Some(id) = store::insert(&self.pool, &fields(s, &json), sealed.as_deref()).await?
        else {
            return Err(name_taken(&s.name).into());
        };
        self.names.changed();
        tracing::info!(event = "datasource_created", by = %actor.username, id, kind = %s.kind, "data source created");
        crate::audit::record(
            &self.pool,
            Some(&actor.username),
            "datasource_saved",
            &s.name,
            "created",
        )
        .await;
        self.get(id).await
    }

    pub async fn update(
        &self,
        actor: &CurrentUser,
        id: i64,
        input: DataSourceInput,
    ) -> ServiceResult<DataSource> {
        actor.require(Role::Admin)?;
        let current = self.get(id).await?;
        validate(&input, current.has_secret)?;
        self.check_link(&input.settings).await?;
        let sealed = self.seal(&input);
        let s = &input.settings;
        let json = serde_json::to_string(s).map_err(anyhow::Error::from)?;
        let outcome = store::update(
            &self.pool,
            id,
            input.version,
            &fields(s, &json),
            sealed.as_ref().map(|o| o.as_deref()),
        )
        .await?;
        match outcome {
            Updated::Ok => {}
            Updated::Missing => return Err(not_found(id).into()),
            Updated::Stale => return Err(AppError::Conflict("Someone else saved this data source since you opened it. Reload, then make your change again.".into()).into()),
            Updated::NameTaken => return Err(name_taken(&s.name).into()),
        }
        self.names.changed();
        let saved = self.get(id).await?;
        self.forget(id, saved.version);
        tracing::info!(event = "datasource_updated", by = %actor.username, id, "data source updated");
        let detail = format!("version {}", saved.version);
        crate::audit::record(
            &self.pool,
            Some(&actor.username),
            "datasource_saved",
            &saved.settings.name,
            &detail,
        )
        .await;
        Ok(saved)
    }

    pub async fn delete(&self, actor: &CurrentUser, id: i64) -> ServiceResult<()> {
        actor.require(Role::Admin)?;
        if !store::delete(&self.pool, id).await? {
            return Err(not_found(id).into());
        }
        self.forget(id, i64::MAX);
        self.names.changed();
        self.shared.forget(id);
        tracing::info!(event = "datasource_deleted", by = %actor.username, id, "data source deleted");
        crate::audit::record(
            &self.pool,
            Some(&actor.username),
            "datasource_deleted",
            &format!("data source {id}"),
            "",
        )
        .await;
        Ok(())
    }

    /// "Save & test": the upstream's version or health, or why it failed.
    pub async fn test(&self, actor: &CurrentUser, id: i64) -> ServiceResult<TestOutcome> {
        actor.require(Role::Admin)?;
        let (_, upstream) = self.upstream(id).await.map_err(|e| e.into_app(id, true))?;
        Ok(match upstream.health().await {
            Ok(message) => TestOutcome { ok: true, message },
            Err(e) => TestOutcome {
                ok: false,
                message: e.to_string(),
            },
        })
    }

    /// Creates or updates, by name, every data source in a provisioning file.
    pub async fn provision(&self, path: &std::path::Path) -> anyhow::Result<usize> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| anyhow::anyhow!("reading {}: {e}", path.display()))?;
        let raw: Vec<serde_json::Value> =
            serde_json::from_str(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        let system = CurrentUser {
            id: 0,
            username: "provisioning".into(),
            role: Role::Admin,
        };
        let count = raw.len();
        // Listed once; each saved entry goes back in, so a later entry's
        // metrics link can name an earlier one.
        let mut existing = self
            .list(&system)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        for mut value in raw {
            super::link::resolve_name(&mut value, &existing)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            let input: DataSourceInput = serde_json::from_value(value)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            let name = input.settings.name.trim().to_lowercase();
            let found = existing
                .iter()
                .position(|d| d.settings.name.to_lowercase() == name);
            let result = match found {
                Some(i) => self.update(&system, existing[i].id, input.clone()).await,
                None => self.create(&system, input.clone()).await,
            };
            let saved = result.map_err(|e| {
                anyhow::anyhow!(
                    "provisioning {:?}: {}",
                    input.settings.name,
                    AppError::from(e)
                )
            })?;
            match found {
                Some(i) => existing[i] = saved,
                None => existing.push(saved),
            }
        }
        Ok(count)
    }

    /// Refuses a metrics link whose target is missing or not Prometheus.
    async fn check_link(&self, s: &DataSourceSettings) -> ServiceResult<()> {
        let Some(link) = &s.metrics_link else {
            return Ok(());
        };
        let target = store::by_id(&self.pool, link.datasource).await?;
        let target = target.as_ref().map(decode).transpose()?;
        Ok(super::link::check(link, target.as_ref())?)
    }

    async fn get(&self, id: i64) -> ServiceResult<DataSource> {
        decode(
            &store::by_id(&self.pool, id)
                .await?
                .ok_or_else(|| not_found(id))?,
        )
    }

    /// Drops the client after a write; readers that loaded an older row
    /// cannot put theirs back.
    fn forget(&self, id: i64, min_version: i64) {
        let marker = Cached {
            version: min_version,
            client: None,
        };
        self.cache.write().expect("cache lock").insert(id, marker);
    }

    /// The data source's name and client, built once per saved version.
    pub async fn upstream(&self, id: i64) -> Result<(String, Arc<dyn Upstream>), ClientError> {
        if let Some((name, upstream)) = self
            .cache
            .read()
            .expect("cache lock")
            .get(&id)
            .and_then(|c| c.client.clone())
        {
            return Ok((name, upstream));
        }
        let row = store::by_id(&self.pool, id)
            .await
            .map_err(|e| ClientError::Storage {
                id,
                detail: e.to_string(),
            })?
            .ok_or(ClientError::Missing(id))?;
        let ds = decode(&row).map_err(|e| ClientError::Storage {
            id,
            detail: e.to_string(),
        })?;
        let misconfigured = |detail: String| ClientError::Misconfigured {
            name: ds.settings.name.clone(),
            detail,
        };
        let secret = row
            .secret
            .as_deref()
            .map(|s| self.secrets.open(s))
            .transpose()
            .map_err(|e| misconfigured(e.to_string()))?;
        let upstream = connect(&ds.settings, secret.as_ref(), self.shared.limits_for(id))
            .map_err(|e: UpstreamError| misconfigured(e.to_string()))?;
        let name = ds.settings.name.clone();
        let mut cache = self.cache.write().expect("cache lock");
        if cache.get(&id).is_none_or(|c| c.version <= row.version) {
            let client = Some((name.clone(), upstream.clone()));
            cache.insert(
                id,
                Cached {
                    version: row.version,
                    client,
                },
            );
        }
        Ok((name, upstream))
    }
}
