//! Running a dashboard's stored queries: one panel's (with an editor's
//! unsaved draft for the live preview), and a variable's options.

use std::sync::Arc;

use app::error::AppError;
use app::model::{CurrentUser, QueryAnswer, QueryOutcome, Role};

use super::{panel_query, split, variables, DashboardService};
use crate::datasources::service::DataSourceService;
use crate::error::ServiceResult;
use crate::masking::Masker;

impl DashboardService {
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
        let mut stored = self.get(actor, uid).await?;
        if let Some(draft) = &req.draft {
            actor.require(Role::Editor)?;
            stored
                .dashboard
                .spec
                .panels
                .insert(panel.to_owned(), draft.clone());
        }
        let sources = datasources.list(actor).await?;
        let id_of = |name: &str| {
            sources
                .iter()
                .find(|d| d.settings.name.eq_ignore_ascii_case(name))
                .map(|d| d.id)
        };
        let queries = panel_query::build(&stored.dashboard, panel, req, id_of)
            .map_err(|e| AppError::Invalid(format!("Panel {panel:?}: {e}.")))?;
        let shown = stored.dashboard.spec.panels.get(panel);
        if let Some(p) = shown.filter(|p| p.kind == "logvolume") {
            let bad = |e: String| AppError::Invalid(format!("Panel {panel:?}: {e}."));
            if let Some(field) = split::field(&p.spec.options).map_err(bad)? {
                return Ok(split::volumes(datasources, masker, actor, queries, &field).await?);
            }
        }
        Ok(crate::query::batch::run(datasources, masker, actor, queries).await?)
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
        let stored = self.get(actor, uid).await?;
        let d = &stored.dashboard;
        let bad = |e: String| AppError::Invalid(format!("Variable {name:?}: {e}."));
        let regex = variables::regex_of(d, name).map_err(bad)?;
        let sources = datasources.list(actor).await?;
        let id_of = |n: &str| {
            sources
                .iter()
                .find(|s| s.settings.name.eq_ignore_ascii_case(n))
                .map(|s| s.id)
        };
        let (query, label) = match variables::plan(d, name, req, id_of).map_err(bad)? {
            variables::Plan::Fixed(list) => return Ok(variables::options_of(list, regex.as_ref())),
            variables::Plan::Ask { query, label } => (query, label),
        };
        let answer =
            crate::query::batch::run(datasources, masker, actor, vec![("A".into(), query)])
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
}
