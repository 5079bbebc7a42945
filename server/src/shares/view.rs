//! Opening a link and running what it shares. The holder acts as a masked
//! viewer named after the link; a saved search is shown as a one-panel
//! dashboard (a log search also gets its hit histogram), so both kinds run
//! through the dashboards' stored-query path and nothing else.

use app::error::AppError;
use app::model::dashboard::{Dashboard, Panel, PanelRequest};
use app::model::share::{ShareKind, SharedAnswer, SharedRequest, SharedView};
use app::model::{CurrentUser, ExploreMode, Role, SavedQuery};
use serde_json::json;

use super::{check, link_kind, link_options, needs_account, ShareService};
use crate::dashboards::run::{options_of, run_stored};
use crate::error::ServiceResult;
use crate::now_secs;
use crate::storage::ended::{self, Credentials};
use crate::storage::share_links::LinkRow;

/// A search link's target: the saved query's id.
pub fn search_id(target: &str) -> Result<i64, AppError> {
    target
        .parse()
        .map_err(|_| AppError::invalid("target: give a saved query's id, e.g. \"12\"."))
}

/// The one-panel dashboard a saved query is shown as.
fn search_dashboard(q: &SavedQuery, source: &str) -> Result<Dashboard, AppError> {
    let s = &q.spec;
    let (panels, items) = match s.mode {
        ExploreMode::Logs => (
            json!({
                "volume": {"kind": "logvolume", "spec": {"title": "Hits over time",
                    "datasource": source, "queries": [{"query": s.query}]}},
                "logs": {"kind": "logs", "spec": {"title": s.name,
                    "datasource": source, "queries": [{"query": s.query}]}},
            }),
            json!([{"panel": "volume", "x": 0, "y": 0, "w": 24, "h": 6},
                   {"panel": "logs", "x": 0, "y": 6, "w": 24, "h": 16}]),
        ),
        ExploreMode::Metrics => (
            json!({"chart": {"kind": "timeseries", "spec": {"title": s.name,
                "datasource": source, "queries": [{"expr": s.query, "legend": s.legend}]}}}),
            json!([{"panel": "chart", "x": 0, "y": 0, "w": 24, "h": 12}]),
        ),
    };
    let value = json!({
        "kind": "Dashboard",
        "schemaVersion": 1,
        "metadata": {"uid": format!("search-{}", q.id), "title": s.name},
        "spec": {"time": {"from": s.from, "to": s.to}, "panels": panels,
                 "layout": [{"items": items}]},
    });
    Dashboard::from_value(value)
        .map_err(|e| AppError::Invalid(format!("The shared search cannot be shown: {e}.")))
}

impl ShareService {
    /// The live link, the identity its holder acts as, and what it shares.
    /// A link that needs an account answers 401 to a caller without one.
    async fn open(
        &self,
        token: &str,
        viewer: Option<&CurrentUser>,
    ) -> ServiceResult<(LinkRow, CurrentUser, Dashboard)> {
        let row = self.link(token).await?;
        if needs_account(&row) && viewer.is_none() {
            return Err(AppError::Unauthenticated.into());
        }
        let now = now_secs();
        // Use is recorded (and audited) at most once a minute per link.
        if row.last_used_at.is_none_or(|t| now - t >= 60) {
            let who = viewer.map(|v| v.username.as_str());
            let detail = format!("link {}", row.prefix);
            crate::audit::record(&self.pool, who, "share_used", &row.title, &detail).await;
            let (pool, id) = (self.pool.clone(), row.id);
            tokio::spawn(async move {
                if let Err(e) = ended::touch(&pool, Credentials::ShareLinks, id, now).await {
                    tracing::warn!(error = %e, "could not record a share link's use");
                }
            });
        }
        let actor = CurrentUser {
            id: row.user_id,
            username: format!("share link {}", row.prefix),
            role: Role::Viewer,
        };
        let gone = |what: &str| AppError::NotFound(format!("The shared {what} no longer exists."));
        let d = if link_kind(&row) == ShareKind::Search {
            let q = self
                .saved
                .get(&actor, search_id(&row.target)?)
                .await
                .map_err(|_| gone("search"))?;
            let sources = self.datasources.list(&actor).await?;
            let source = sources
                .iter()
                .find(|d| d.id == q.spec.datasource)
                .ok_or_else(|| gone("search's data source"))?;
            search_dashboard(&q, &source.settings.name)?
        } else {
            let stored = self.dashboards.get(&actor, &row.target).await;
            stored.map_err(|_| gone("dashboard"))?.dashboard
        };
        Ok((row, actor, d))
    }

    /// What a shared view opens with.
    pub async fn view(
        &self,
        token: &str,
        viewer: Option<&CurrentUser>,
    ) -> ServiceResult<SharedView> {
        let (row, _, dashboard) = self.open(token, viewer).await?;
        let markdown = dashboard
            .spec
            .panels
            .iter()
            .filter(|(_, p)| p.kind == "text")
            .map(|(id, p)| {
                let text = p.spec.options.get("markdown").and_then(|m| m.as_str());
                let html = crate::dashboards::markdown::render(text.unwrap_or_default())
                    .unwrap_or_else(|_| "<p>This text is too long to show.</p>".to_owned());
                (id.clone(), html)
            })
            .collect();
        Ok(SharedView {
            kind: link_kind(&row),
            options: link_options(&row),
            dashboard: redacted(dashboard),
            markdown,
        })
    }

    /// Checks the request against the link and resolves its range.
    async fn checked(
        &self,
        d: &Dashboard,
        row: &LinkRow,
        actor: &CurrentUser,
        req: SharedRequest,
    ) -> ServiceResult<PanelRequest> {
        let options = link_options(row);
        let range = check::range(d, &options, req.range, app::model::time::now_ms())?;
        let lookups = check::picked(d, &options, &req.vars)?;
        let run = PanelRequest {
            range,
            width: req.width.clamp(1, 4000),
            vars: req.vars,
            draft: None,
            variables: None,
        };
        for name in lookups {
            let offered = options_of(
                d,
                actor,
                name,
                &run,
                self.datasources.clone(),
                self.masker.clone(),
            )
            .await?;
            let asked = run.vars.get(name).map(Vec::as_slice).unwrap_or_default();
            let all = app::model::template::vars::ALL;
            if let Some(bad) = asked.iter().find(|v| *v != all && !offered.contains(v)) {
                return Err(AppError::Forbidden(format!(
                    "Variable {}: {} is not one of its options.",
                    check::quoted(name),
                    check::quoted(bad)
                ))
                .into());
            }
        }
        Ok(run)
    }

    /// Runs one panel of the shared object as the link allows.
    pub async fn run(
        &self,
        token: &str,
        viewer: Option<&CurrentUser>,
        panel: &str,
        req: SharedRequest,
    ) -> ServiceResult<SharedAnswer> {
        Ok(self.run_with_panel(token, viewer, panel, req).await?.1)
    }

    /// Like [`Self::run`], with the panel's stored definition (to draw it).
    pub async fn run_with_panel(
        &self,
        token: &str,
        viewer: Option<&CurrentUser>,
        panel: &str,
        req: SharedRequest,
    ) -> ServiceResult<(Panel, SharedAnswer)> {
        let (row, actor, d) = self.open(token, viewer).await?;
        let shown = d.spec.panels.get(panel).cloned().ok_or_else(|| {
            AppError::invalid(format!(
                "Panel {}: there is no such panel here.",
                check::quoted(panel)
            ))
        })?;
        let run = self.checked(&d, &row, &actor, req).await?;
        let (ds, masker) = (self.datasources.clone(), self.masker.clone());
        let answers = run_stored(&d, &actor, panel, &run, ds, masker).await?;
        let answer = SharedAnswer {
            range: run.range,
            answers,
        };
        Ok((shown, answer))
    }

    /// Variable `name`'s options, for a link that lets its holder pick.
    pub async fn options(
        &self,
        token: &str,
        viewer: Option<&CurrentUser>,
        name: &str,
        req: SharedRequest,
    ) -> ServiceResult<Vec<String>> {
        let (row, actor, d) = self.open(token, viewer).await?;
        if !row.allow_vars {
            return Err(AppError::Forbidden(
                "This link does not allow picking variable values.".into(),
            )
            .into());
        }
        let run = self.checked(&d, &row, &actor, req).await?;
        options_of(
            &d,
            &actor,
            name,
            &run,
            self.datasources.clone(),
            self.masker.clone(),
        )
        .await
    }
}

/// The dashboard as a holder's browser gets it: without query text, data
/// source names or variable queries. The server runs its own stored copy,
/// so the browser needs none of them, and they can name internals.
fn redacted(mut d: Dashboard) -> Dashboard {
    for p in d.spec.panels.values_mut() {
        p.spec.datasource = None;
        for q in &mut p.spec.queries {
            q.datasource = None;
            q.expr = q.expr.as_ref().map(|_| String::new());
            q.query = q.query.as_ref().map(|_| String::new());
            q.extra.clear();
        }
    }
    for v in d.spec.variables.iter_mut().filter(|v| v.kind == "query") {
        if let Some(spec) = v.spec.as_object_mut() {
            for key in ["query", "datasource", "field", "regex"] {
                spec.remove(key);
            }
        }
    }
    d
}
