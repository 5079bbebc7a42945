//! Dashboards as the API stores and lists them.

use serde::{Deserialize, Serialize};

use super::Dashboard;

/// One row of the dashboard list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DashboardSummary {
    pub uid: String,
    pub title: String,
    pub tags: Vec<String>,
    pub version: i64,
    pub updated_at_ms: i64,
    /// Set for a deleted dashboard (admins list these to restore them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted_at_ms: Option<i64>,
}

/// A dashboard at one version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredDashboard {
    pub version: i64,
    pub dashboard: Dashboard,
}

/// One entry of a dashboard's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DashboardVersion {
    pub version: i64,
    pub author: String,
    pub message: String,
    pub created_at_ms: i64,
}

/// A save: the whole model, the version the editor started from (none for
/// a new dashboard) and an optional message for the history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DashboardSave {
    pub dashboard: serde_json::Value,
    #[serde(default)]
    pub base_version: Option<i64>,
    #[serde(default)]
    pub message: String,
}
