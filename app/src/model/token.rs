//! API tokens for automation (`Authorization: Bearer lk_…`): what the list
//! shows and what a create asks for. The token itself is shown once, in
//! [`CreatedToken`]; the server keeps only its SHA-256.

use serde::{Deserialize, Serialize};

use super::Role;

/// Longest token name accepted.
pub const TOKEN_NAME_MAX: usize = 100;
/// Longest lifetime a token may be given, in days.
pub const TOKEN_DAYS_MAX: u32 = 365;

/// One token as its owner (or an admin) sees it: never the secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ApiToken {
    pub id: i64,
    pub name: String,
    /// The first characters of the token, to tell tokens apart.
    pub prefix: String,
    pub owner: String,
    pub role: Role,
    /// Unix seconds.
    pub created_at: i64,
    pub expires_at: i64,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

impl ApiToken {
    /// Usable now: neither revoked nor expired.
    pub fn active(&self, now_secs: i64) -> bool {
        self.revoked_at.is_none() && now_secs < self.expires_at
    }
}

/// What a create asks for: the role may not be above the creator's own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct NewToken {
    pub name: String,
    pub role: Role,
    /// Lifetime in days, 1 to [`TOKEN_DAYS_MAX`].
    pub expires_days: u32,
}

/// A token just made: the secret, shown this once, and its list entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CreatedToken {
    pub token: String,
    pub info: ApiToken,
}
