//! Server-function declarations, one per file, grouped by domain. Each body
//! reads the request context, calls one method of the server's `Services`,
//! and returns its result; the logic lives on the server.

pub mod annotations;
pub mod audit;
pub mod auth;
pub mod dashboards;
pub mod datasources;
pub mod query;
pub mod saved;
pub mod shares;
pub mod tokens;
pub mod users;

/// All server functions live under this prefix; the server's auth gate lets
/// only `login` through without a session.
pub const PREFIX: &str = "/api/fn";
