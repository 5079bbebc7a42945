//! Share links: a read-only view of one dashboard or one saved log search
//! at `/s/{token}`. The holder's browser sends only a panel id, a range and
//! variable values; the server checks them against the link's options and
//! runs the stored queries. The token is shown once ([`CreatedShare`]); the
//! server keeps only its SHA-256.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::dashboard::Dashboard;
use super::{QueryAnswer, TimeRange};

/// Longest lifetime a link may be given, in days (none: until revoked).
pub const SHARE_DAYS_MAX: u32 = 365;
/// Widest range a link may let its holder pick, in days.
pub const SHARE_SPAN_DAYS_MAX: u32 = 366;
/// The default for [`ShareOptions::max_span_days`].
pub const SHARE_SPAN_DAYS_DEFAULT: u32 = 30;
/// Every link's token starts with this, so a leaked one is easy to spot.
pub const SHARE_PREFIX: &str = "lks_";

/// What a link shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum ShareKind {
    /// A dashboard, by uid.
    Dashboard,
    /// A saved query (a log search or a metric query), by id.
    Search,
}

impl ShareKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ShareKind::Dashboard => "dashboard",
            ShareKind::Search => "search",
        }
    }
}

/// What the holder may change. Everything else is as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ShareOptions {
    /// Usable without a Lookout login. Only an admin may set it, and it
    /// counts only while the link's creator is an admin.
    #[serde(default)]
    pub anonymous: bool,
    /// The holder may pick another range, up to `max_span_days` wide.
    #[serde(default)]
    pub allow_time: bool,
    #[serde(default = "span_default")]
    pub max_span_days: u32,
    /// The holder may pick variable values, each from the variable's own
    /// option list (a value outside it is refused).
    #[serde(default)]
    pub allow_vars: bool,
}

fn span_default() -> u32 {
    SHARE_SPAN_DAYS_DEFAULT
}

impl Default for ShareOptions {
    fn default() -> Self {
        Self {
            anonymous: false,
            allow_time: false,
            max_span_days: SHARE_SPAN_DAYS_DEFAULT,
            allow_vars: false,
        }
    }
}

/// What a create asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewShare {
    pub kind: ShareKind,
    /// The dashboard's uid, or the saved query's id as text.
    pub target: String,
    /// Lifetime in days, 1 to [`SHARE_DAYS_MAX`]; none: until revoked.
    #[serde(default)]
    pub expires_days: Option<u32>,
    #[serde(default)]
    pub options: ShareOptions,
}

/// One link as the list shows it: never the token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ShareLink {
    pub id: i64,
    pub kind: ShareKind,
    pub target: String,
    /// What it shares, titled as when the link was made.
    pub title: String,
    /// The first characters of the token, to tell links apart.
    pub prefix: String,
    pub creator: String,
    pub options: ShareOptions,
    /// Unix seconds.
    pub created_at: i64,
    pub expires_at: Option<i64>,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

impl ShareLink {
    /// Usable now: neither revoked nor expired.
    pub fn active(&self, now_secs: i64) -> bool {
        self.revoked_at.is_none() && self.expires_at.is_none_or(|e| now_secs < e)
    }
}

/// A link just made: its path (with the token, shown this once) and its
/// list entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CreatedShare {
    /// `/s/{token}`, relative to this Lookout's address.
    pub path: String,
    pub info: ShareLink,
}

/// What a shared view opens with: the dashboard as stored (a saved search
/// comes as a one-panel dashboard) and what the holder may change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SharedView {
    pub kind: ShareKind,
    pub dashboard: Dashboard,
    pub options: ShareOptions,
    /// Each text panel's Markdown, rendered and sanitised by the server.
    #[serde(default)]
    pub markdown: BTreeMap<String, String>,
}

/// One panel's run from a shared view. Holds no query text: the server
/// runs the stored queries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SharedRequest {
    /// `None`: the dashboard's own default range, resolved by the server.
    /// Another range needs a link that allows it.
    #[serde(default)]
    pub range: Option<TimeRange>,
    /// The panel's width in pixels.
    #[serde(default = "width_default")]
    pub width: u32,
    /// Picked values; each needs a link that allows it and must be one of
    /// the variable's options.
    #[serde(default)]
    pub vars: BTreeMap<String, Vec<String>>,
}

fn width_default() -> u32 {
    1000
}

/// A shared panel's answers, with the range they cover.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SharedAnswer {
    pub range: TimeRange,
    pub answers: Vec<QueryAnswer>,
}
