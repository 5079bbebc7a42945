//! HTTP plumbing around the routes: the auth gate, security headers, the
//! status mapping, metrics, health checks and the Leptos routes.

pub mod admission;
pub mod assets;
pub mod gate;
pub mod headers;
pub mod health;
pub mod leptos_routes;
pub mod login_limit;
pub mod metrics;
pub mod panic;
pub mod status;

/// The client's address as the listener saw it (the login limit and the
/// audit log use it; forwarded headers are not trusted).
pub fn client_ip(req: &axum::extract::Request) -> Option<std::net::IpAddr> {
    req.extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip())
}
