//! Builds the application from its config and runs it until SIGTERM/Ctrl-C.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::middleware::{from_fn_with_state, map_response};
use axum::routing::{get, MethodRouter};
use axum::Router;
use leptos::prelude::LeptosOptions;
use tokio::net::TcpListener;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

use crate::auth::{AuthConfig, AuthService};
use crate::config::Config;
use crate::datasources::service::DataSourceService;
use crate::masking::Masker;
use crate::seam::Seam;
use crate::secrets::SecretBox;
use crate::state::{AppState, Shared};
use crate::web::admission::{self, Admission};
use crate::web::{
    assets, gate, headers, health, leptos_routes, login_limit, metrics, panic, status,
};
use crate::{api, storage};

pub struct Application {
    listener: TcpListener,
    router: Router,
    state: AppState,
}

impl Application {
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        // The site's build id reads a few MB: off the runtime, beside the
        // database's opening.
        let site_root = config.site_root.clone();
        let assets = tokio::task::spawn_blocking(move || assets::Assets::load(&site_root));
        let pool = storage::open(&config.database).await?;
        let auth = AuthService::new(
            pool.clone(),
            AuthConfig {
                idle_secs: config.session_idle_secs as i64,
                max_secs: config.session_max_secs as i64,
                max_failures: config.login_max_failures as i64,
                window_secs: config.login_window_secs as i64,
            },
        )
        .await?;
        if let Some(generated) = auth
            .bootstrap_admin(config.admin_password.as_deref())
            .await?
        {
            tracing::warn!(
                username = "admin",
                password = %generated,
                "created the first user; this password is shown only once: log in and change it"
            );
        }
        let key_file = config.database.with_file_name("secret.key");
        let secrets = SecretBox::load(config.secret_key.as_deref(), &key_file)?;
        let limits = crate::datasources::shared::ServiceLimits {
            max_response_bytes: config.max_upstream_response_mb.saturating_mul(1 << 20),
            concurrency: config.max_upstream_concurrency,
            cache_bytes: config.query_cache_mb.saturating_mul(1 << 20),
        };
        let query_limits =
            crate::query::limits::QueryLimits::new(config.max_range_days, config.max_query_points);
        let datasources = Arc::new(DataSourceService::new(
            pool.clone(),
            secrets,
            limits,
            query_limits,
        ));
        if let Some(file) = &config.provision_datasources {
            let n = datasources.provision(file).await?;
            tracing::info!(file = %file.display(), count = n, "provisioned data sources");
        }
        let masker = Arc::new(Masker::with_names(
            &config.mask_patterns,
            &config.mask_fields,
        )?);
        let saved = crate::saved::SavedQueryService::new(pool.clone());
        let dashboards = crate::dashboards::DashboardService::new(pool.clone());
        let annotations =
            crate::annotations::AnnotationService::new(pool.clone(), dashboards.clone());
        let audit = crate::audit::AuditService::new(pool.clone(), config.audit_keep_days);
        let shares = crate::shares::ShareService::new(
            pool.clone(),
            dashboards.clone(),
            saved.clone(),
            datasources.clone(),
            masker.clone(),
        );
        if let Some(file) = &config.provision_dashboards {
            let n = dashboards.provision(file).await?;
            tracing::info!(file = %file.display(), created = n, "provisioned dashboards");
        }
        let listener = TcpListener::bind(config.listen)
            .await
            .with_context(|| format!("binding {}", config.listen))?;
        let addr = listener.local_addr()?;
        let leptos_options = LeptosOptions::builder()
            .output_name("lookout")
            .site_root(config.site_root.clone())
            .site_pkg_dir("pkg")
            .site_addr(addr)
            .build();
        let limits = admission::Limits {
            work: Admission::default_limit(config.max_requests_at_work),
            pages: Admission::default_page_limit(config.max_pages_at_work),
            waiting: config.max_requests_waiting,
        };
        let timeout = Duration::from_secs(config.request_timeout_secs);
        let admission = Admission::new(limits, timeout);
        let state = AppState::new(Shared {
            leptos_options,
            assets: assets.await.context("reading the site's files")?,
            config: Arc::new(config),
            pool,
            services: Arc::new(Seam {
                auth: auth.clone(),
                datasources: datasources.clone(),
                masker: masker.clone(),
                saved: saved.clone(),
                dashboards: dashboards.clone(),
                annotations: annotations.clone(),
                audit: audit.clone(),
                shares: shares.clone(),
            }),
            shares,
            audit,
            annotations,
            saved,
            datasources,
            masker,
            login_addresses: Default::default(),
            dashboards,
            auth,
            metrics: Arc::default(),
            admission,
        });
        let router = router(state.clone());
        Ok(Self {
            listener,
            router,
            state,
        })
    }

    pub fn port(&self) -> u16 {
        self.listener.local_addr().map(|a| a.port()).unwrap_or(0)
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let addr = self.listener.local_addr()?;
        tracing::info!(url = %format!("http://{addr}"), "Lookout is listening; log in as admin");
        spawn_sweeper(self.state.clone());
        let service = self
            .router
            .into_make_service_with_connect_info::<std::net::SocketAddr>();
        // After the signal, in-flight requests get `grace` to finish; then
        // whatever is still open (a long export, say) is cut.
        let grace = Duration::from_secs(self.state.config.shutdown_grace_secs);
        let (signalled, on_signal) = tokio::sync::oneshot::channel::<()>();
        let server = axum::serve(self.listener, service).with_graceful_shutdown(async move {
            shutdown_signal().await;
            let _ = signalled.send(());
        });
        let deadline = async move {
            if on_signal.await.is_ok() {
                tokio::time::sleep(grace).await;
            } else {
                std::future::pending::<()>().await;
            }
        };
        tokio::select! {
            done = server => done?,
            () = deadline => tracing::warn!(
                grace_secs = grace.as_secs(),
                "shutdown deadline passed: cutting the requests still open"
            ),
        }
        self.state.pool.close().await;
        tracing::info!("stopped");
        Ok(())
    }
}

/// The routes outside the REST API and the Leptos app.
fn own_routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![
        ("/healthz", get(health::healthz)),
        ("/pkg/{file}", get(assets::plain)),
        ("/pkg/v/{id}/pkg/{file}", get(assets::versioned)),
        ("/readyz", get(health::readyz)),
        ("/metrics", get(health::metrics)),
        (
            "/render/d/{uid}/panel/{file}",
            get(crate::render::dashboard_panel),
        ),
        (
            "/render/s/{token}/panel/{file}",
            get(crate::render::shared_panel),
        ),
    ]
}

/// Every axum route's path (the Leptos pages and server functions are
/// listed by Leptos itself), for the route × identity test.
pub fn route_paths() -> Vec<&'static str> {
    let own = own_routes().into_iter().map(|(path, _)| path);
    own.chain(api::paths()).collect()
}

fn router(state: AppState) -> Router {
    let cfg = state.config.clone();
    let [frame, sniff, referrer, csp] = headers::layers();
    own_routes()
        .into_iter()
        .fold(Router::new(), |r, (path, handlers)| r.route(path, handlers))
        .merge(api::router())
        .merge(leptos_routes::router(&state))
        .layer(map_response(status::fix_server_fn_status))
        .layer(from_fn_with_state(state.clone(), gate::gate))
        .layer(from_fn_with_state(state.clone(), login_limit::guard))
        .layer(DefaultBodyLimit::disable())
        .layer(RequestBodyLimitLayer::new(cfg.body_limit_bytes))
        // Inside the timeout: a turn waited for counts against it.
        .layer(from_fn_with_state(state.clone(), admission::admit))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(cfg.request_timeout_secs),
        ))
        .layer(CompressionLayer::new())
        .layer(csp)
        .layer(referrer)
        .layer(sniff)
        .layer(frame)
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            panic::answer,
        ))
        .layer(from_fn_with_state(state.clone(), metrics::track))
        .with_state(state)
}

/// Sweeps expired sessions and old login failures every few minutes.
fn spawn_sweeper(state: AppState) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(300));
        loop {
            tick.tick().await;
            if let Err(e) = state.dashboards.purge().await {
                tracing::warn!(error = %e, "purging long-deleted dashboards failed");
            }
            if let Err(e) = state.auth.sweep().await {
                tracing::warn!(error = %e, "session sweep failed");
            }
            if let Err(e) = state.shares.sweep().await {
                tracing::warn!(error = %e, "share link sweep failed");
            }
            if let Err(e) = state.audit.prune().await {
                tracing::warn!(error = %e, "pruning the audit log failed");
            }
        }
    });
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down: finishing in-flight requests");
}
