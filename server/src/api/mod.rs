//! The REST API under `/api/v1`, for scripts and automation. It calls the
//! same services as the server functions; the auth gate has already
//! rejected anonymous callers, and each handler checks the role it needs.

mod annotations;
mod audit;
mod auth;
mod dashboards;
mod datasources;
mod export;
mod extract;
mod query;
mod saved;
mod shares;
mod tokens;
mod users;

use axum::routing::{delete, get, patch, post, put};
use axum::Router;

use crate::state::AppState;

pub use extract::{Actor, ApiJson, ApiQuery};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/auth/login", post(auth::login))
        .route("/api/v1/auth/logout", post(auth::logout))
        .route("/api/v1/auth/me", get(auth::me))
        .route("/api/v1/auth/password", post(auth::change_password))
        .route("/api/v1/users", get(users::list).post(users::create))
        .route("/api/v1/tokens", get(tokens::list).post(tokens::create))
        .route("/api/v1/audit", get(audit::list))
        .route(
            "/api/v1/annotations",
            get(annotations::list).post(annotations::create),
        )
        .route("/api/v1/annotations/{id}", delete(annotations::delete))
        .route("/api/v1/tokens/{id}", delete(tokens::revoke))
        .route("/api/v1/shares", get(shares::list).post(shares::create))
        .route("/api/v1/shares/{id}", delete(shares::revoke))
        .route("/api/v1/users/{id}", patch(users::update))
        .route("/api/v1/users/{id}/password", post(users::reset_password))
        .route(
            "/api/v1/datasources",
            get(datasources::list).post(datasources::create),
        )
        .route(
            "/api/v1/datasources/{id}",
            put(datasources::update).delete(datasources::delete),
        )
        .route("/api/v1/datasources/{id}/test", post(datasources::test))
        .route("/api/v1/query", post(query::run))
        .route("/api/v1/export", get(export::run))
        .route(
            "/api/v1/saved-queries",
            get(saved::list).post(saved::create),
        )
        .route("/api/v1/saved-queries/{id}", delete(saved::delete))
        .route(
            "/api/v1/dashboards",
            get(dashboards::list).post(dashboards::create),
        )
        .route(
            "/api/v1/dashboards/{uid}",
            get(dashboards::get)
                .put(dashboards::save)
                .delete(dashboards::delete),
        )
        .route(
            "/api/v1/dashboards/{uid}/versions",
            get(dashboards::versions),
        )
        .route(
            "/api/v1/dashboards/{uid}/versions/{n}",
            get(dashboards::version),
        )
        .route("/api/v1/dashboards/{uid}/diff", get(dashboards::diff))
        .route(
            "/api/v1/dashboards/{uid}/restore",
            post(dashboards::restore),
        )
        .route("/api/v1/dashboards/{uid}/export", get(dashboards::export))
        .route(
            "/api/v1/dashboards/{uid}/variables/{name}/options",
            post(dashboards::variable_options),
        )
        .route(
            "/api/v1/dashboards/{uid}/star",
            put(dashboards::star).delete(dashboards::star),
        )
        .route("/api/v1/dashboard-library", get(dashboards::library))
        .route("/api/v1/dashboard-library/{id}", post(dashboards::import))
        .route(
            "/api/v1/dashboards/{uid}/panels/{panel}/query",
            post(dashboards::panel_query),
        )
        .route(
            "/api/v1/dashboards/{uid}/undelete",
            post(dashboards::undelete),
        )
}
