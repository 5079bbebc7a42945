//! The server's side of the seam: implements `app::services::Services`, which
//! the server functions reach through Leptos context.

use app::error::AppError;
use std::sync::Arc;

use app::model::annotation::{Annotation, AnnotationQuery};
use app::model::audit::{AuditEntry, AuditFilter};
use app::model::dashboard::{
    Change, DashboardSave, DashboardSummary, DashboardVersion, LibraryItem, PanelRequest,
    StoredDashboard,
};
use app::model::share::{
    CreatedShare, NewShare, ShareLink, SharedAnswer, SharedRequest, SharedView,
};
use app::model::token::{ApiToken, CreatedToken, NewToken};
use app::model::{
    CurrentUser, DataSource, DataSourceInput, NewUser, Query, QueryAnswer, SavedQuery,
    SavedQuerySpec, TestOutcome, UserInfo, UserUpdate,
};
use app::services::{Services, SetCookie};

use crate::auth::{cookie, AuthService};
use crate::datasources::service::DataSourceService;
use crate::query::batch;

pub struct Seam {
    pub auth: AuthService,
    pub datasources: Arc<DataSourceService>,
    pub masker: Arc<crate::masking::Masker>,
    pub saved: crate::saved::SavedQueryService,
    pub dashboards: crate::dashboards::DashboardService,
    pub annotations: crate::annotations::AnnotationService,
    pub audit: crate::audit::AuditService,
    pub shares: crate::shares::ShareService,
}

impl Seam {
    fn session_cookie(&self, token: &str, secure: bool) -> SetCookie {
        SetCookie(cookie::set(token, self.auth.cfg.max_secs as u64, secure))
    }
}

#[async_trait::async_trait]
impl Services for Seam {
    async fn login(
        &self,
        username: &str,
        password: &str,
        secure: bool,
    ) -> Result<SetCookie, AppError> {
        let session = self.auth.login(username, password).await?;
        Ok(self.session_cookie(&session.token, secure))
    }

    async fn logout(&self, token: Option<&str>, secure: bool) -> Result<SetCookie, AppError> {
        self.auth.logout(token).await?;
        Ok(SetCookie(cookie::clear(secure)))
    }

    async fn change_password(
        &self,
        actor: &CurrentUser,
        current: &str,
        new: &str,
        secure: bool,
    ) -> Result<SetCookie, AppError> {
        let session = self.auth.change_password(actor, current, new).await?;
        Ok(self.session_cookie(&session.token, secure))
    }

    async fn list_users(&self, actor: &CurrentUser) -> Result<Vec<UserInfo>, AppError> {
        Ok(self.auth.list_users(actor).await?)
    }

    async fn create_user(&self, actor: &CurrentUser, user: NewUser) -> Result<UserInfo, AppError> {
        Ok(self.auth.create_user(actor, user).await?)
    }

    async fn update_user(
        &self,
        actor: &CurrentUser,
        id: i64,
        update: UserUpdate,
    ) -> Result<UserInfo, AppError> {
        Ok(self.auth.update_user(actor, id, update).await?)
    }

    async fn reset_password(
        &self,
        actor: &CurrentUser,
        id: i64,
        password: &str,
    ) -> Result<(), AppError> {
        Ok(self.auth.reset_password(actor, id, password).await?)
    }

    async fn list_annotations(
        &self,
        actor: &CurrentUser,
        query: AnnotationQuery,
    ) -> Result<Vec<Annotation>, AppError> {
        Ok(self.annotations.list(actor, &query).await?)
    }

    async fn list_audit(
        &self,
        actor: &CurrentUser,
        filter: AuditFilter,
    ) -> Result<Vec<AuditEntry>, AppError> {
        Ok(self.audit.list(actor, &filter).await?)
    }

    async fn list_tokens(&self, actor: &CurrentUser) -> Result<Vec<ApiToken>, AppError> {
        Ok(self.auth.list_tokens(actor).await?)
    }

    async fn create_token(
        &self,
        actor: &CurrentUser,
        via_token: bool,
        new: NewToken,
    ) -> Result<CreatedToken, AppError> {
        Ok(self.auth.create_token(actor, via_token, new).await?)
    }

    async fn revoke_token(&self, actor: &CurrentUser, id: i64) -> Result<(), AppError> {
        Ok(self.auth.revoke_token(actor, id).await?)
    }

    async fn list_shares(&self, actor: &CurrentUser) -> Result<Vec<ShareLink>, AppError> {
        Ok(self.shares.list(actor).await?)
    }

    async fn create_share(
        &self,
        actor: &CurrentUser,
        new: NewShare,
    ) -> Result<CreatedShare, AppError> {
        Ok(self.shares.create(actor, new).await?)
    }

    async fn revoke_share(&self, actor: &CurrentUser, id: i64) -> Result<(), AppError> {
        Ok(self.shares.revoke(actor, id).await?)
    }

    async fn shared_view(
        &self,
        link: &str,
        viewer: Option<&CurrentUser>,
    ) -> Result<SharedView, AppError> {
        Ok(self.shares.view(link, viewer).await?)
    }

    async fn shared_panel(
        &self,
        link: &str,
        viewer: Option<&CurrentUser>,
        panel: &str,
        req: SharedRequest,
    ) -> Result<SharedAnswer, AppError> {
        Ok(self.shares.run(link, viewer, panel, req).await?)
    }

    async fn shared_options(
        &self,
        link: &str,
        viewer: Option<&CurrentUser>,
        name: &str,
        req: SharedRequest,
    ) -> Result<Vec<String>, AppError> {
        Ok(self.shares.options(link, viewer, name, req).await?)
    }

    async fn list_datasources(&self, actor: &CurrentUser) -> Result<Vec<DataSource>, AppError> {
        Ok(self.datasources.list(actor).await?)
    }

    async fn save_datasource(
        &self,
        actor: &CurrentUser,
        id: Option<i64>,
        input: DataSourceInput,
    ) -> Result<DataSource, AppError> {
        Ok(match id {
            Some(id) => self.datasources.update(actor, id, input).await?,
            None => self.datasources.create(actor, input).await?,
        })
    }

    async fn delete_datasource(&self, actor: &CurrentUser, id: i64) -> Result<(), AppError> {
        Ok(self.datasources.delete(actor, id).await?)
    }

    async fn test_datasource(&self, actor: &CurrentUser, id: i64) -> Result<TestOutcome, AppError> {
        Ok(self.datasources.test(actor, id).await?)
    }

    async fn run_queries(
        &self,
        actor: &CurrentUser,
        queries: Vec<(String, Query)>,
    ) -> Result<Vec<QueryAnswer>, AppError> {
        batch::run(
            self.datasources.clone(),
            self.masker.clone(),
            actor,
            queries,
        )
        .await
    }

    async fn list_saved_queries(&self, actor: &CurrentUser) -> Result<Vec<SavedQuery>, AppError> {
        Ok(self.saved.list(actor).await?)
    }

    async fn save_query(
        &self,
        actor: &CurrentUser,
        spec: SavedQuerySpec,
    ) -> Result<SavedQuery, AppError> {
        Ok(self.saved.create(actor, spec).await?)
    }

    async fn delete_saved_query(&self, actor: &CurrentUser, id: i64) -> Result<(), AppError> {
        Ok(self.saved.delete(actor, id).await?)
    }

    async fn list_dashboards(
        &self,
        actor: &CurrentUser,
    ) -> Result<Vec<DashboardSummary>, AppError> {
        Ok(self.dashboards.list(actor, false).await?)
    }

    async fn get_dashboard(
        &self,
        actor: &CurrentUser,
        uid: &str,
    ) -> Result<StoredDashboard, AppError> {
        Ok(self.dashboards.open(actor, uid).await?)
    }

    async fn save_dashboard(
        &self,
        actor: &CurrentUser,
        uid: Option<&str>,
        input: DashboardSave,
    ) -> Result<StoredDashboard, AppError> {
        Ok(self.dashboards.save(actor, uid, input).await?)
    }

    async fn delete_dashboard(&self, actor: &CurrentUser, uid: &str) -> Result<(), AppError> {
        Ok(self.dashboards.delete(actor, uid).await?)
    }

    async fn run_panel(
        &self,
        actor: &CurrentUser,
        uid: &str,
        panel: &str,
        req: PanelRequest,
    ) -> Result<Vec<QueryAnswer>, AppError> {
        let (ds, masker) = (self.datasources.clone(), self.masker.clone());
        Ok(self
            .dashboards
            .run_panel(actor, uid, panel, &req, ds, masker)
            .await?)
    }

    async fn variable_options(
        &self,
        actor: &CurrentUser,
        uid: &str,
        name: &str,
        req: PanelRequest,
    ) -> Result<Vec<String>, AppError> {
        let (ds, masker) = (self.datasources.clone(), self.masker.clone());
        Ok(self
            .dashboards
            .variable_options(actor, uid, name, &req, ds, masker)
            .await?)
    }

    async fn star_dashboard(
        &self,
        actor: &CurrentUser,
        uid: &str,
        on: bool,
    ) -> Result<(), AppError> {
        Ok(self.dashboards.star(actor, uid, on).await?)
    }

    async fn dashboard_versions(
        &self,
        actor: &CurrentUser,
        uid: &str,
    ) -> Result<Vec<DashboardVersion>, AppError> {
        Ok(self.dashboards.versions(actor, uid).await?)
    }

    async fn diff_dashboard(
        &self,
        actor: &CurrentUser,
        uid: &str,
        from: i64,
        to: i64,
    ) -> Result<Vec<Change>, AppError> {
        Ok(self.dashboards.diff(actor, uid, from, to).await?)
    }

    async fn restore_dashboard(
        &self,
        actor: &CurrentUser,
        uid: &str,
        version: i64,
        base: i64,
    ) -> Result<StoredDashboard, AppError> {
        Ok(self.dashboards.restore(actor, uid, version, base).await?)
    }

    fn render_markdown(&self, text: &str) -> Result<String, AppError> {
        crate::dashboards::markdown::render(text).map_err(AppError::Invalid)
    }

    fn library(&self) -> Vec<LibraryItem> {
        crate::dashboards::library::list()
    }

    async fn import_library(
        &self,
        actor: &CurrentUser,
        id: &str,
        datasources: std::collections::BTreeMap<String, String>,
    ) -> Result<StoredDashboard, AppError> {
        Ok(self
            .dashboards
            .import_library(actor, id, &datasources)
            .await?)
    }
}
