//! What every handler can reach.

use std::sync::Arc;

use app::services::Services;
use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use sqlx::SqlitePool;

use crate::auth::AuthService;
use crate::config::Config;
use crate::datasources::service::DataSourceService;
use crate::web::metrics::HttpMetrics;

/// A handle to [`Shared`]. axum clones the state for every request (each
/// `State` extractor and `from_fn_with_state` layer), so it is one `Arc`.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl AppState {
    pub fn new(shared: Shared) -> Self {
        Self(Arc::new(shared))
    }
}

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

pub struct Shared {
    pub leptos_options: LeptosOptions,
    /// The site's files and their build id (`web::assets`).
    pub assets: crate::web::assets::Assets,
    pub config: Arc<Config>,
    pub pool: SqlitePool,
    pub auth: AuthService,
    pub metrics: Arc<HttpMetrics>,
    /// How many requests work at once (see `web::admission`).
    pub admission: crate::web::admission::Admission,
    pub datasources: Arc<DataSourceService>,
    pub masker: Arc<crate::masking::Masker>,
    /// Failed logins per client address (see `web::login_limit`).
    pub login_addresses: crate::web::login_limit::AddressLedger,
    pub saved: crate::saved::SavedQueryService,
    pub dashboards: crate::dashboards::DashboardService,
    pub annotations: crate::annotations::AnnotationService,
    pub audit: crate::audit::AuditService,
    pub shares: crate::shares::ShareService,
    /// The same services, as the Leptos server functions see them.
    pub services: Arc<dyn Services>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
