//! Accounts and sessions: password hashing, the session cookie, login with
//! its brute-force guard, and user administration. Both the REST API and the
//! server functions (through `crate::seam`) call these services.

pub mod cookie;
pub mod password;
pub mod service;
pub mod session_cache;
pub mod tokens;
pub mod users;
pub mod validate;

pub use service::{AuthConfig, AuthService};
