//! Running a dashboard's stored queries: one panel's (with an editor's
//! unsaved draft for the live preview), and a variable's options.

use std::sync::Arc;

use app::error::AppError;
use app::model::dashboard::Dashboard;
use app::model::{CurrentUser, QueryAnswer, QueryOutcome, Role};

use super::{panel_query, split, variables, DashboardService};
use crate::datasources::service::DataSourceService;
use crate::error::ServiceResult;
use crate::masking::Masker;

impl DashboardService {
    /// The latest version with an editor's unsaved parts (a panel, the
    /// variables) put in, checked as a save would check them. Anyone else
    /// sending a draft is refused: they run what is stored.
    async fn with_drafts(
        &self,
        actor: &CurrentUser,
        uid: &str,
        panel: Option<&str>,
        req: &panel_query::PanelRequest,
    ) -> ServiceResult<Arc<Dashboard>> {
        let (_, mut stored) = self.latest(actor, uid).await?;
        if req.draft.is_none() && req.variables.is_none() {
            return Ok(stored);
        }
        actor.require(Role::Editor)?;
        // A copy: the shared model stays as stored.
        let d = Arc::make_mut(&mut stored);
        if let (Some(id), Some(draft)) = (panel, &req.draft) {
            d.spec.panels.insert(id.to_owned(), draft.clone());
        }
        if let Some(vars) = &req.variables {
            d.spec.variables = vars.clone();
            d.validate()
                .map_err(|e| AppError::Invalid(format!("{e}: fix it before previewing.")))?;
        }
        Ok(stored)
    }

    /// Runs one panel's stored queries (latest version) with the asked
    /// range and variable values; each query answers alone, masked for
    /// non-admins like any other query.
    pub async fn run_panel(
        &self,
        actor: &CurrentUser,
        uid: &str,
        panel: &str,
        req: &panel_query::PanelRequest,
        datasources: Arc<DataSourceService>,
        masker: Arc<Masker>,
    ) -> ServiceResult<Vec<QueryAnswer>> {
        let stored = self.with_drafts(actor, uid, Some(panel), req).await?;
        run_stored(&stored, actor, panel, req, datasources, masker).await
    }

    /// Variable `name`'s options for this range and the other variables'
    /// values (`variables`).
    pub async fn variable_options(
        &self,
        actor: &CurrentUser,
        uid: &str,
        name: &str,
        req: &panel_query::PanelRequest,
        datasources: Arc<DataSourceService>,
        masker: Arc<Masker>,
    ) -> ServiceResult<Vec<String>> {
        let stored = self.with_drafts(actor, uid, None, req).await?;
        options_of(&stored, actor, name, req, datasources, masker).await
    }
}

/// Data-source names → ids (every logged-in user sees the names).
async fn ids_of(datasources: &DataSourceService) -> ServiceResult<impl Fn(&str) -> Option<i64>> {
    let sources = datasources.names().await?;
    Ok(move |name: &str| {
        sources
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, id)| *id)
    })
}

/// Runs panel `panel` of dashboard `d` as stored there (a shared view runs
/// a dashboard it was given, not one it loaded by uid).
pub async fn run_stored(
    d: &Dashboard,
    actor: &CurrentUser,
    panel: &str,
    req: &panel_query::PanelRequest,
    datasources: Arc<DataSourceService>,
    masker: Arc<Masker>,
) -> ServiceResult<Vec<QueryAnswer>> {
    let id_of = ids_of(&datasources).await?;
    let queries = panel_query::build(d, panel, req, id_of)
        .map_err(|e| AppError::Invalid(format!("Panel {panel:?}: {e}.")))?;
    if let Some(p) = d.spec.panels.get(panel).filter(|p| p.kind == "logvolume") {
        let bad = |e: String| AppError::Invalid(format!("Panel {panel:?}: {e}."));
        if let Some(field) = split::field(&p.spec.options).map_err(bad)? {
            return Ok(split::volumes(datasources, masker, actor, queries, &field).await?);
        }
    }
    Ok(crate::query::batch::run(datasources, masker, actor, queries).await?)
}

/// Variable `name`'s options in dashboard `d`.
pub async fn options_of(
    d: &Dashboard,
    actor: &CurrentUser,
    name: &str,
    req: &panel_query::PanelRequest,
    datasources: Arc<DataSourceService>,
    masker: Arc<Masker>,
) -> ServiceResult<Vec<String>> {
    let bad = |e: String| AppError::Invalid(format!("Variable {name:?}: {e}."));
    let regex = variables::regex_of(d, name).map_err(bad)?;
    let id_of = ids_of(&datasources).await?;
    let (query, label) = match variables::plan(d, name, req, id_of).map_err(bad)? {
        variables::Plan::Fixed(list) => return Ok(variables::options_of(list, regex.as_ref())),
        variables::Plan::Ask { query, label } => (query, label),
    };
    let answer = crate::query::batch::run(datasources, masker, actor, vec![("A".into(), query)])
        .await?
        .pop();
    match answer.map(|a| a.outcome) {
        Some(QueryOutcome::Data { data, .. }) => {
            Ok(variables::options(data, label.as_deref(), regex.as_ref()))
        }
        Some(QueryOutcome::Error { error }) => Err(bad(error.to_string()).into()),
        None => Ok(Vec::new()),
    }
}
