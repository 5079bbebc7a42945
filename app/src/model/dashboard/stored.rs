//! Dashboards as the API stores and lists them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Dashboard;
use crate::model::TimeRange;

/// What a browser sends to run one panel: never query text, only the
/// range, the panel's width and the variable values (`["$__all"]` is All).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PanelRequest {
    pub range: TimeRange,
    /// The panel's width in pixels (the points a series needs).
    #[serde(default = "default_width")]
    pub width: u32,
    #[serde(default)]
    pub vars: BTreeMap<String, Vec<String>>,
    /// An editor's unsaved version of the panel, for the editor's live
    /// preview. Only editors may send one; everyone else runs stored queries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft: Option<super::Panel>,
    /// An editor's unsaved variables, for the settings' option preview and
    /// a preview run with them. Editors only, like `draft`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variables: Option<Vec<super::Variable>>,
}

fn default_width() -> u32 {
    1000
}

/// One row of the dashboard list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DashboardSummary {
    pub uid: String,
    pub title: String,
    pub tags: Vec<String>,
    pub version: i64,
    pub updated_at_ms: i64,
    /// Set for a deleted dashboard (admins list these to restore them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted_at_ms: Option<i64>,
    /// The asking user starred it.
    #[serde(default)]
    pub starred: bool,
    /// When the asking user last opened it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub viewed_at_ms: Option<i64>,
}

/// A dashboard at one version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct StoredDashboard {
    pub version: i64,
    pub dashboard: Dashboard,
}

/// One entry of a dashboard's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DashboardVersion {
    pub version: i64,
    pub author: String,
    pub message: String,
    pub created_at_ms: i64,
}

/// A save: the whole model, the version the editor started from (none for
/// a new dashboard) and an optional message for the history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DashboardSave {
    /// Decoded on the server, so an older schema version is migrated and a
    /// bad field is named by its path.
    #[cfg_attr(feature = "ssr", schema(value_type = super::Dashboard))]
    pub dashboard: serde_json::Value,
    #[serde(default)]
    pub base_version: Option<i64>,
    #[serde(default)]
    pub message: String,
}

/// One ready-made dashboard, as the list offers it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LibraryItem {
    pub id: String,
    pub title: String,
    pub description: String,
    /// The data-source names it uses, mapped on import.
    pub datasources: Vec<String>,
}
