//! The REST API under `/api/v1`, for scripts and automation. It calls the
//! same services as the server functions; the auth gate has already
//! rejected anonymous callers, and each handler checks the role it needs.

mod annotations;
mod answers;
mod audit;
mod auth;
mod dashboards;
mod datasources;
mod export;
mod extract;
pub mod openapi;
mod query;
mod saved;
mod shares;
mod tokens;
mod users;

use axum::routing::{delete, get, patch, post, put, MethodRouter};
use axum::Router;

use crate::state::AppState;

pub use extract::{Actor, ApiJson, ApiQuery};

/// Every REST route: its path and handlers. The router is built from this
/// list, and the route × identity test reads its paths, so no route can be
/// added without a row there.
fn routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![
        ("/api/v1/openapi.json", get(openapi::serve)),
        ("/api/v1/auth/login", post(auth::login)),
        ("/api/v1/auth/logout", post(auth::logout)),
        ("/api/v1/auth/me", get(auth::me)),
        ("/api/v1/auth/password", post(auth::change_password)),
        ("/api/v1/users", get(users::list).post(users::create)),
        ("/api/v1/tokens", get(tokens::list).post(tokens::create)),
        ("/api/v1/audit", get(audit::list)),
        (
            "/api/v1/annotations",
            get(annotations::list).post(annotations::create),
        ),
        ("/api/v1/annotations/{id}", delete(annotations::delete)),
        ("/api/v1/tokens/{id}", delete(tokens::revoke)),
        ("/api/v1/shares", get(shares::list).post(shares::create)),
        ("/api/v1/shares/{id}", delete(shares::revoke)),
        ("/api/v1/users/{id}", patch(users::update)),
        ("/api/v1/users/{id}/password", post(users::reset_password)),
        (
            "/api/v1/datasources",
            get(datasources::list).post(datasources::create),
        ),
        (
            "/api/v1/datasources/{id}",
            put(datasources::update).delete(datasources::delete),
        ),
        ("/api/v1/datasources/{id}/test", post(datasources::test)),
        ("/api/v1/query", post(query::run)),
        ("/api/v1/export", get(export::run)),
        (
            "/api/v1/saved-queries",
            get(saved::list).post(saved::create),
        ),
        ("/api/v1/saved-queries/{id}", delete(saved::delete)),
        (
            "/api/v1/dashboards",
            get(dashboards::list).post(dashboards::create),
        ),
        (
            "/api/v1/dashboards/{uid}",
            get(dashboards::get)
                .put(dashboards::save)
                .delete(dashboards::delete),
        ),
        (
            "/api/v1/dashboards/{uid}/versions",
            get(dashboards::versions::versions),
        ),
        (
            "/api/v1/dashboards/{uid}/versions/{n}",
            get(dashboards::versions::version),
        ),
        (
            "/api/v1/dashboards/{uid}/diff",
            get(dashboards::versions::diff),
        ),
        (
            "/api/v1/dashboards/{uid}/restore",
            post(dashboards::versions::restore),
        ),
        ("/api/v1/dashboards/{uid}/export", get(dashboards::export)),
        (
            "/api/v1/dashboards/{uid}/variables/{name}/options",
            post(dashboards::run::variable_options),
        ),
        (
            "/api/v1/dashboards/{uid}/star",
            put(dashboards::star).delete(dashboards::unstar),
        ),
        (
            "/api/v1/dashboard-library",
            get(dashboards::library::library),
        ),
        (
            "/api/v1/dashboard-library/{id}",
            post(dashboards::library::import),
        ),
        (
            "/api/v1/dashboards/{uid}/panels/{panel}/query",
            post(dashboards::run::panel_query),
        ),
        (
            "/api/v1/dashboards/{uid}/undelete",
            post(dashboards::undelete),
        ),
    ]
}

pub fn router() -> Router<AppState> {
    routes()
        .into_iter()
        .fold(Router::new(), |r, (path, handlers)| r.route(path, handlers))
}

/// The REST routes' paths, as declared (`/api/v1/users/{id}`).
pub fn paths() -> Vec<&'static str> {
    routes().into_iter().map(|(path, _)| path).collect()
}
