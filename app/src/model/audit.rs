//! The audit log as admins browse it: who did what, to what, from where.

use serde::{Deserialize, Serialize};

/// The actions recorded, as stored and as the filter names them.
pub const ACTIONS: [&str; 19] = [
    "login",
    "login_failed",
    "logout",
    "password_changed",
    "user_created",
    "user_updated",
    "password_reset",
    "datasource_saved",
    "datasource_deleted",
    "dashboard_saved",
    "dashboard_deleted",
    "dashboard_restored",
    "token_created",
    "token_used",
    "token_revoked",
    "annotation_created",
    "share_created",
    "share_used",
    "share_revoked",
];

/// Most entries one page answers.
pub const PAGE_MAX: u32 = 500;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub id: i64,
    /// Unix seconds.
    pub at: i64,
    /// The user acting, or the name tried in a failed login.
    pub user: Option<String>,
    pub action: String,
    /// What it acted on: a username, a data source, a dashboard uid, a token.
    pub target: String,
    /// A short note (a role change, a version); never a secret.
    pub detail: String,
    /// The client's address as the server saw it.
    pub source: Option<String>,
}

/// Which entries to list, newest first; all fields optional.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema, utoipa::IntoParams))]
#[cfg_attr(feature = "ssr", into_params(parameter_in = Query))]
pub struct AuditFilter {
    #[serde(default)]
    pub user: Option<String>,
    #[serde(default)]
    pub action: Option<String>,
    /// Unix seconds, inclusive.
    #[serde(default)]
    pub from: Option<i64>,
    #[serde(default)]
    pub to: Option<i64>,
    /// Entries older than this id (the next page).
    #[serde(default)]
    pub before: Option<i64>,
    #[serde(default)]
    pub limit: Option<u32>,
}
