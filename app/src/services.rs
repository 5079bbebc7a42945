//! The seam between server functions and the server's services.
//!
//! `app` has no database or HTTP-client dependency: the server implements
//! [`Services`] and provides it, with the request's [`RequestContext`], in
//! the Leptos context of every server-function call and page render.

use std::sync::Arc;

use crate::error::AppError;
use crate::model::annotation::{Annotation, AnnotationQuery};
use crate::model::audit::{AuditEntry, AuditFilter};
use crate::model::dashboard::{
    Change, DashboardSave, DashboardSummary, DashboardVersion, LibraryItem, PanelRequest,
    StoredDashboard,
};
use crate::model::share::{
    CreatedShare, NewShare, ShareLink, SharedAnswer, SharedRequest, SharedView,
};
use crate::model::token::{ApiToken, CreatedToken, NewToken};
use crate::model::{
    CurrentUser, DataSource, DataSourceInput, NewUser, Query, QueryAnswer, Role, SavedQuery,
    SavedQuerySpec, TestOutcome, UserInfo, UserUpdate,
};

/// A `Set-Cookie` header value the server function must send.
#[derive(Debug, Clone)]
pub struct SetCookie(pub String);

/// Everything server functions may ask of the server. Each method checks the
/// actor's role itself, whatever the caller checked.
#[async_trait::async_trait]
pub trait Services: Send + Sync + 'static {
    async fn login(
        &self,
        username: &str,
        password: &str,
        secure: bool,
    ) -> Result<SetCookie, AppError>;
    async fn logout(
        &self,
        session_token: Option<&str>,
        secure: bool,
    ) -> Result<SetCookie, AppError>;
    async fn change_password(
        &self,
        actor: &CurrentUser,
        current: &str,
        new: &str,
        secure: bool,
    ) -> Result<SetCookie, AppError>;
    async fn list_users(&self, actor: &CurrentUser) -> Result<Vec<UserInfo>, AppError>;
    async fn create_user(&self, actor: &CurrentUser, user: NewUser) -> Result<UserInfo, AppError>;
    async fn update_user(
        &self,
        actor: &CurrentUser,
        id: i64,
        update: UserUpdate,
    ) -> Result<UserInfo, AppError>;
    async fn reset_password(
        &self,
        actor: &CurrentUser,
        id: i64,
        password: &str,
    ) -> Result<(), AppError>;
    async fn list_annotations(
        &self,
        actor: &CurrentUser,
        query: AnnotationQuery,
    ) -> Result<Vec<Annotation>, AppError>;
    async fn list_audit(
        &self,
        actor: &CurrentUser,
        filter: AuditFilter,
    ) -> Result<Vec<AuditEntry>, AppError>;
    async fn list_tokens(&self, actor: &CurrentUser) -> Result<Vec<ApiToken>, AppError>;
    async fn create_token(
        &self,
        actor: &CurrentUser,
        via_token: bool,
        new: NewToken,
    ) -> Result<CreatedToken, AppError>;
    async fn revoke_token(&self, actor: &CurrentUser, id: i64) -> Result<(), AppError>;
    async fn list_shares(&self, actor: &CurrentUser) -> Result<Vec<ShareLink>, AppError>;
    /// Makes a share link; the answer's path holds the token, this once.
    async fn create_share(
        &self,
        actor: &CurrentUser,
        new: NewShare,
    ) -> Result<CreatedShare, AppError>;
    async fn revoke_share(&self, actor: &CurrentUser, id: i64) -> Result<(), AppError>;
    /// What share link `link` shows; `viewer` is the caller's login, if any.
    async fn shared_view(
        &self,
        link: &str,
        viewer: Option<&CurrentUser>,
    ) -> Result<SharedView, AppError>;
    /// Runs one panel of what `link` shares, as the link allows.
    async fn shared_panel(
        &self,
        link: &str,
        viewer: Option<&CurrentUser>,
        panel: &str,
        req: SharedRequest,
    ) -> Result<SharedAnswer, AppError>;
    /// A variable's options in what `link` shares (links that allow picking).
    async fn shared_options(
        &self,
        link: &str,
        viewer: Option<&CurrentUser>,
        name: &str,
        req: SharedRequest,
    ) -> Result<Vec<String>, AppError>;
    async fn list_datasources(&self, actor: &CurrentUser) -> Result<Vec<DataSource>, AppError>;
    /// Creates (`id: None`) or updates a data source.
    async fn save_datasource(
        &self,
        actor: &CurrentUser,
        id: Option<i64>,
        input: DataSourceInput,
    ) -> Result<DataSource, AppError>;
    async fn delete_datasource(&self, actor: &CurrentUser, id: i64) -> Result<(), AppError>;
    async fn test_datasource(&self, actor: &CurrentUser, id: i64) -> Result<TestOutcome, AppError>;
    /// Runs queries by data-source id; each answers alone.
    async fn run_queries(
        &self,
        actor: &CurrentUser,
        queries: Vec<(String, Query)>,
    ) -> Result<Vec<QueryAnswer>, AppError>;
    async fn list_saved_queries(&self, actor: &CurrentUser) -> Result<Vec<SavedQuery>, AppError>;
    async fn save_query(
        &self,
        actor: &CurrentUser,
        spec: SavedQuerySpec,
    ) -> Result<SavedQuery, AppError>;
    async fn delete_saved_query(&self, actor: &CurrentUser, id: i64) -> Result<(), AppError>;
    async fn list_dashboards(&self, actor: &CurrentUser)
        -> Result<Vec<DashboardSummary>, AppError>;
    async fn get_dashboard(
        &self,
        actor: &CurrentUser,
        uid: &str,
    ) -> Result<StoredDashboard, AppError>;
    /// Creates (`uid: None`) or saves on top of the input's base version.
    async fn save_dashboard(
        &self,
        actor: &CurrentUser,
        uid: Option<&str>,
        input: DashboardSave,
    ) -> Result<StoredDashboard, AppError>;
    async fn delete_dashboard(&self, actor: &CurrentUser, uid: &str) -> Result<(), AppError>;
    /// Runs one panel's stored queries with the asked range and variables.
    async fn run_panel(
        &self,
        actor: &CurrentUser,
        uid: &str,
        panel: &str,
        req: PanelRequest,
    ) -> Result<Vec<QueryAnswer>, AppError>;
    /// A variable's options for the range and the other variables' values.
    async fn variable_options(
        &self,
        actor: &CurrentUser,
        uid: &str,
        name: &str,
        req: PanelRequest,
    ) -> Result<Vec<String>, AppError>;
    /// Stars (`on`) or unstars a dashboard for the actor.
    async fn star_dashboard(
        &self,
        actor: &CurrentUser,
        uid: &str,
        on: bool,
    ) -> Result<(), AppError>;
    /// A dashboard's history, newest first.
    async fn dashboard_versions(
        &self,
        actor: &CurrentUser,
        uid: &str,
    ) -> Result<Vec<DashboardVersion>, AppError>;
    /// The changed paths from version `from` to version `to`.
    async fn diff_dashboard(
        &self,
        actor: &CurrentUser,
        uid: &str,
        from: i64,
        to: i64,
    ) -> Result<Vec<Change>, AppError>;
    /// Saves old `version` again as a new version on top of `base`.
    async fn restore_dashboard(
        &self,
        actor: &CurrentUser,
        uid: &str,
        version: i64,
        base: i64,
    ) -> Result<StoredDashboard, AppError>;
    /// Markdown as sanitised HTML (text panels).
    fn render_markdown(&self, text: &str) -> Result<String, AppError>;
    /// The ready-made dashboards.
    fn library(&self) -> Vec<LibraryItem>;
    /// Imports a ready-made dashboard, mapping its data-source names.
    async fn import_library(
        &self,
        actor: &CurrentUser,
        id: &str,
        datasources: std::collections::BTreeMap<String, String>,
    ) -> Result<StoredDashboard, AppError>;
}

/// Who is calling, as the server's auth gate found it for this request.
#[derive(Debug, Clone, Default)]
pub struct RequestContext {
    pub user: Option<CurrentUser>,
    pub session_token: Option<String>,
    /// The request came over https, so cookies get `Secure`.
    pub secure: bool,
    /// Set when the caller came with an API token instead of a session.
    pub token_id: Option<i64>,
}

/// The services and request context for the current server function.
pub fn seam() -> Result<(Arc<dyn Services>, RequestContext), AppError> {
    let services = leptos::prelude::use_context::<Arc<dyn Services>>()
        .ok_or_else(|| AppError::Internal("services missing from context".into()))?;
    let ctx = leptos::prelude::use_context::<RequestContext>().unwrap_or_default();
    Ok((services, ctx))
}

/// The logged-in user, or `Unauthenticated`.
pub fn require_user(ctx: &RequestContext) -> Result<CurrentUser, AppError> {
    ctx.user.clone().ok_or(AppError::Unauthenticated)
}

/// The user of a browser session (not an API token).
pub fn require_session(ctx: &RequestContext, what: &str) -> Result<CurrentUser, AppError> {
    let user = require_user(ctx)?;
    match ctx.token_id {
        Some(_) => Err(AppError::session_only(what)),
        None => Ok(user),
    }
}

/// The logged-in user if their role includes `needed`.
pub fn require_role(ctx: &RequestContext, needed: Role) -> Result<CurrentUser, AppError> {
    let user = require_user(ctx)?;
    user.require(needed)?;
    Ok(user)
}

/// Sends a cookie with the server function's response.
pub fn send_cookie(cookie: SetCookie) {
    if let Some(res) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(value) = cookie.0.parse() {
            res.append_header(http::header::SET_COOKIE, value);
        }
    }
}
