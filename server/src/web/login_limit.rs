//! The per-address half of the brute-force guard: failed logins are counted
//! per client address too, so trying many made-up usernames from one place
//! is bounded as well as many passwords for one name. In memory (a replica
//! counts its own), with a bounded number of addresses.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use app::error::AppError;
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::status::ApiError;
use crate::state::AppState;

/// Most addresses remembered; past it, expired entries are dropped first,
/// then the whole table (an attacker with that many addresses is not slowed
/// by this guard anyway; the per-name guard still holds).
const MAX_ADDRESSES: usize = 10_000;

/// Failed logins per address within a window.
#[derive(Default)]
pub struct AddressLedger {
    failures: Mutex<HashMap<IpAddr, Vec<Instant>>>,
}

impl AddressLedger {
    /// Seconds until `addr` may try again, if it is over `max` in `window`.
    fn blocked(&self, addr: IpAddr, max: usize, window: Duration) -> Option<u64> {
        let mut map = self.failures.lock().ok()?;
        let list = map.get_mut(&addr)?;
        list.retain(|t| t.elapsed() < window);
        (list.len() >= max).then(|| {
            let oldest = list.iter().min().map_or(Duration::ZERO, Instant::elapsed);
            window.saturating_sub(oldest).as_secs().max(1)
        })
    }

    fn record(&self, addr: IpAddr, window: Duration) {
        let Ok(mut map) = self.failures.lock() else {
            return;
        };
        if map.len() >= MAX_ADDRESSES && !map.contains_key(&addr) {
            map.retain(|_, l| l.iter().any(|t| t.elapsed() < window));
            if map.len() >= MAX_ADDRESSES {
                map.clear();
            }
        }
        map.entry(addr).or_default().push(Instant::now());
    }
}

/// Logins, requests with an API token, and share links: a wrong one
/// answers 401 and counts against the address like a wrong password.
fn is_guarded(req: &Request) -> bool {
    let login = req.method() == Method::POST
        && matches!(req.uri().path(), "/api/v1/auth/login" | "/api/fn/login");
    login
        || crate::auth::tokens::bearer(req.headers()).is_some()
        || super::gate::is_share_path(req.uri().path())
}

/// Middleware: refuses logins and token requests from an address with too
/// many recent failures, and counts each 401 among them against it.
pub async fn guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let max = state.config.login_max_failures_per_address as usize;
    let addr = super::client_ip(&req);
    let (Some(addr), true) = (addr, is_guarded(&req) && max > 0) else {
        return next.run(req).await;
    };
    let window = Duration::from_secs(state.config.login_window_secs);
    if let Some(retry_after_secs) = state.login_addresses.blocked(addr, max, window) {
        return ApiError(AppError::TooManyAttempts { retry_after_secs }).into_response();
    }
    let res = next.run(req).await;
    if res.status() == StatusCode::UNAUTHORIZED {
        state.login_addresses.record(addr, window);
    }
    res
}
