//! HTTP plumbing around the routes: the auth gate, security headers, the
//! status mapping, metrics, health checks and the Leptos routes.

pub mod gate;
pub mod headers;
pub mod health;
pub mod leptos_routes;
pub mod login_limit;
pub mod metrics;
pub mod panic;
pub mod status;
