//! The auth gate in front of every route. It resolves the session cookie
//! once per request, puts the result in the request as a `RequestContext`,
//! and applies the route policy: anonymous page loads go to the login page,
//! anonymous API and server-function calls get 401, admin pages need admin.
//! Handlers and server functions check roles again themselves.

use app::error::AppError;
use app::model::Role;
use app::services::RequestContext;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};

use super::status::ApiError;
use crate::auth::{cookie, tokens};
use crate::error::ServiceError;
use crate::state::AppState;

/// What a path needs before the request reaches its handler.
#[derive(Debug, PartialEq, Eq)]
pub enum Policy {
    /// Assets, health and the login endpoints.
    Public,
    /// JSON and server functions: 401/403 as JSON.
    Api(Role),
    /// HTML pages: redirect to login, or a 403 page.
    Page(Role),
    /// A share link's view (`/s/{token}`) and its server functions: the
    /// session is read if there is one, and the link decides the rest.
    Share,
}

/// Whether `path` is one a share link's holder uses.
pub fn is_share_path(path: &str) -> bool {
    path.starts_with("/s/")
        || path.starts_with("/render/s/")
        || path
            .strip_prefix("/api/fn/")
            .is_some_and(|f| app::server_fns::shares::HOLDER_FNS.contains(&f))
}

pub fn policy(path: &str) -> Policy {
    const PUBLIC: [&str; 8] = [
        "/healthz",
        "/readyz",
        "/metrics",
        "/login",
        "/favicon.svg",
        "/api/fn/login",
        "/api/fn/logout",
        "/api/v1/auth/login",
    ];
    if PUBLIC.contains(&path) || path.starts_with("/pkg/") {
        Policy::Public
    } else if is_share_path(path) {
        Policy::Share
    } else if path.starts_with("/api/") || path.starts_with("/render/") {
        Policy::Api(Role::Viewer)
    } else if path == "/admin" || path.starts_with("/admin/") {
        Policy::Page(Role::Admin)
    } else {
        Policy::Page(Role::Viewer)
    }
}

pub async fn gate(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let public = policy(req.uri().path()) == Policy::Public;
    // The client's address, for the audit log of whatever this request does.
    let source = super::client_ip(&req);
    let mut res = crate::audit::with_source(source, admit(state, req, next)).await;
    if !public {
        // Pages and API answers (refusals included) may carry user data: never cache them.
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

async fn admit(state: AppState, mut req: Request, next: Next) -> Response {
    if let Some(refusal) = cross_site_refusal(&req) {
        return refusal;
    }
    let path = req.uri().path().to_owned();
    let policy = policy(&path);
    // An API token counts for the API only: pages need a session, and
    // public paths (`/metrics` has its own token) never read one.
    let bearer = matches!(policy, Policy::Api(_))
        .then(|| tokens::bearer(req.headers()))
        .flatten();
    let (token, mut token_id) = (cookie::token_from(req.headers()), None);
    let user = match (bearer, &token) {
        (Some(b), _) => match state.auth.authenticate_token(b).await {
            Ok(Some((user, id))) => {
                token_id = Some(id);
                Some(user)
            }
            Ok(None) => return ApiError(AppError::BadToken).into_response(),
            Err(e) => return ApiError::from(e).into_response(),
        },
        (None, Some(t)) => match state.auth.authenticate(t).await {
            Ok(user) => user,
            Err(e) => return ApiError::from(e).into_response(),
        },
        (None, None) => None,
    };
    if path == "/login" && user.is_some() && req.method() == Method::GET {
        return Redirect::to("/").into_response();
    }
    if path.starts_with("/s/") {
        let login = login_redirect(&req);
        if let Some(refusal) = share_page_refusal(&state, &path, user.is_some(), login).await {
            return refusal;
        }
    }
    match (policy, &user) {
        (Policy::Api(_), None) => return ApiError(AppError::Unauthenticated).into_response(),
        (Policy::Page(_), None) => return login_redirect(&req),
        (Policy::Api(role), Some(u)) if !u.role.allows(role) => {
            return ApiError(AppError::forbidden_role(role)).into_response()
        }
        (Policy::Page(role), Some(u)) if !u.role.allows(role) => return forbidden_page(role),
        _ => {}
    }
    let secure = cookie::is_https(req.headers());
    req.extensions_mut().insert(RequestContext {
        user,
        // A token's request never acts on the browser's session.
        session_token: token.filter(|_| token_id.is_none()),
        secure,
        token_id,
    });
    next.run(req).await
}

/// Refuses state-changing requests sent from another site's page. SameSite
/// cookies already stop most; this also covers same-site subdomains, an
/// opaque `Origin: null` (sandboxed frames), and a browser request that
/// leaves `Origin` out (its fetch metadata says it is a browser, and
/// browsers send `Origin` with every same-origin write).
fn cross_site_refusal(req: &Request) -> Option<Response> {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return None;
    }
    let headers = req.headers();
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let foreign = match headers.get(header::ORIGIN) {
        Some(origin) => {
            let origin = origin.to_str().unwrap_or_default();
            let origin_host = origin.split_once("://").map_or(origin, |(_, h)| h);
            Some(origin_host) != host
        }
        None => headers
            .get("sec-fetch-site")
            .is_some_and(|s| s.as_bytes() != b"same-origin"),
    };
    foreign.then(|| {
        ApiError(AppError::Forbidden(
            "Cross-site request refused: use Lookout from its own address.".into(),
        ))
        .into_response()
    })
}

/// A share page whose link is dead answers 401; one that needs an account
/// sends a caller without a session to log in first.
async fn share_page_refusal(
    state: &AppState,
    path: &str,
    logged_in: bool,
    login: Response,
) -> Option<Response> {
    let token = path.strip_prefix("/s/")?.trim_end_matches('/');
    // (The page's own `shared_view` looks the link up again; one indexed
    // read by hash, so the gate can answer with the right status first.)
    match state.shares.link(token).await {
        Ok(row) if !logged_in && crate::shares::needs_account(&row) => Some(login),
        Ok(_) => None,
        Err(ServiceError::App(AppError::BadLink)) => Some(dead_link_page()),
        Err(e) => Some(ApiError::from(e).into_response()),
    }
}

fn dead_link_page() -> Response {
    let body = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Link not valid · Lookout</title>\
         <link rel=\"stylesheet\" href=\"/pkg/lookout.css\"></head><body><main class=\"page\">\
         <h1>This link does not work</h1><p data-test=\"dead-link\">The share link is unknown, expired or revoked. \
         Ask whoever shared it for a new one.</p></main></body></html>";
    (StatusCode::UNAUTHORIZED, Html(body)).into_response()
}

fn login_redirect(req: &Request) -> Response {
    let target = req.uri().path_and_query().map_or("/", |p| p.as_str());
    if target == "/" {
        return Redirect::to("/login").into_response();
    }
    Redirect::to(&format!("/login?next={}", percent_encode(target))).into_response()
}

fn forbidden_page(role: Role) -> Response {
    let body = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Forbidden · Lookout</title>\
         <link rel=\"stylesheet\" href=\"/pkg/lookout.css\"></head><body><main class=\"page\">\
         <h1>Forbidden</h1><p>This page needs the {role} role. Ask an admin if you need access.</p>\
         <p><a href=\"/\">Go to the home page.</a></p></main></body></html>"
    );
    (StatusCode::FORBIDDEN, Html(body)).into_response()
}

fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policies() {
        assert_eq!(policy("/login"), Policy::Public);
        assert_eq!(policy("/pkg/lookout.wasm"), Policy::Public);
        assert_eq!(policy("/api/fn/login"), Policy::Public);
        assert_eq!(policy("/api/fn/list_users"), Policy::Api(Role::Viewer));
        assert_eq!(policy("/api/v1/users"), Policy::Api(Role::Viewer));
        assert_eq!(policy("/admin/users"), Policy::Page(Role::Admin));
        assert_eq!(policy("/administrator"), Policy::Page(Role::Viewer));
        assert_eq!(policy("/"), Policy::Page(Role::Viewer));
        assert_eq!(policy("/s/lks_abc"), Policy::Share);
        assert_eq!(policy("/api/fn/shared_panel"), Policy::Share);
        assert_eq!(policy("/api/fn/shared_panelx"), Policy::Api(Role::Viewer));
        assert_eq!(policy("/share"), Policy::Page(Role::Viewer));
        assert_eq!(policy("/render/d/a/panel/b.svg"), Policy::Api(Role::Viewer));
        assert_eq!(policy("/render/s/lks_a/panel/b.svg"), Policy::Share);
    }

    #[test]
    fn next_is_encoded() {
        assert_eq!(percent_encode("/a b?x=1&y"), "/a%20b%3Fx%3D1%26y");
    }
}
