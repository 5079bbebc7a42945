//! The one error type that crosses from server to browser. The server maps
//! each variant to an HTTP status in one place (`server::web::status`).

use serde::{Deserialize, Serialize};
use server_fn_codec::JsonEncoding;

use leptos::server_fn::codec as server_fn_codec;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};

/// Every message says what was wrong and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", content = "detail", rename_all = "snake_case")]
pub enum AppError {
    /// The input was malformed or out of range; the text names the field.
    #[error("{0}")]
    Invalid(String),
    /// No valid session: the caller must log in.
    #[error("You are not logged in, or your session expired. Log in and try again.")]
    Unauthenticated,
    /// An API token (`Authorization: Bearer`) that is unknown, expired or
    /// revoked, or whose owner is disabled.
    #[error("The API token is unknown, expired or revoked: make a new one under API tokens.")]
    BadToken,
    /// A share link that is unknown, expired or revoked, or whose creator
    /// may no longer share.
    #[error(
        "This share link is unknown, expired or revoked: ask whoever shared it for a new one."
    )]
    BadLink,
    /// Wrong username or password. Deliberately does not say which.
    #[error("Wrong username or password.")]
    BadCredentials,
    /// Logged in, but the role does not allow this.
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    /// The request clashes with what is stored (a taken name, the last admin).
    #[error("{0}")]
    Conflict(String),
    /// The brute-force guard is holding this username.
    #[error(
        "Too many failed logins for this user. Wait {retry_after_secs} seconds, then try again. (A locked-out admin can also run `lookout admin reset-password NAME` on the server.)"
    )]
    TooManyAttempts { retry_after_secs: u64 },
    /// Lookout cannot do this now (its database is read-only or locked);
    /// nothing was changed.
    #[error("{0}")]
    Unavailable(String),
    /// A server fault. The detail is a reference to the server log, never internals.
    #[error("The server failed ({0}). Try again; if it persists, check the server log.")]
    Internal(String),
    /// The browser could not reach the server or read its answer.
    #[error("Could not talk to the server: {0}")]
    Transport(String),
}

impl AppError {
    pub fn invalid(msg: impl Into<String>) -> Self {
        AppError::Invalid(msg.into())
    }

    /// For what only a logged-in browser session may do (change the
    /// password): an API token is refused, whatever its role.
    pub fn session_only(what: &str) -> Self {
        AppError::Forbidden(format!(
            "{what} needs a logged-in browser session, not an API token."
        ))
    }

    pub fn forbidden_role(needed: crate::model::Role) -> Self {
        AppError::Forbidden(format!(
            "This needs the {needed} role. Ask an admin if you need access."
        ))
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(m) | ServerFnErrorErr::MissingArg(m) => {
                AppError::Invalid(format!("The form was incomplete or malformed: {m}"))
            }
            // On the server, only a request's body is ever decoded: a bad
            // one is the caller's mistake (400), not a transport fault.
            ServerFnErrorErr::Deserialization(m) if cfg!(feature = "ssr") => {
                AppError::Invalid(format!("The request was malformed: {m}"))
            }
            ServerFnErrorErr::Request(m) | ServerFnErrorErr::Deserialization(m) => {
                AppError::Transport(m)
            }
            other => AppError::Internal(other.to_string()),
        }
    }
}
