//! Saved queries: named log searches and metric queries, kept for reuse and,
//! later, as dashboard panels.

use serde::{Deserialize, Serialize};

/// Which Explore mode a saved query opens in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum ExploreMode {
    Logs,
    Metrics,
}

impl ExploreMode {
    pub fn as_str(self) -> &'static str {
        match self {
            ExploreMode::Logs => "logs",
            ExploreMode::Metrics => "metrics",
        }
    }
}

/// What is saved: the query as Explore holds it in the URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SavedQuerySpec {
    pub name: String,
    pub mode: ExploreMode,
    pub datasource: i64,
    /// Lucene for logs, PromQL for metrics.
    pub query: String,
    pub from: String,
    pub to: String,
    /// Metrics: the legend format, e.g. `{{instance}}`.
    #[serde(default)]
    pub legend: Option<String>,
}

impl SavedQuerySpec {
    /// What is wrong with it, in words a person can act on.
    pub fn validate(&self) -> Result<(), String> {
        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err("Give the query a name of 1 to 100 characters.".into());
        }
        if self.query.len() > 10_000 {
            return Err("The query is longer than 10,000 characters.".into());
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SavedQuery {
    pub id: i64,
    #[serde(flatten)]
    pub spec: SavedQuerySpec,
    /// Who saved it; editors may delete only their own, admins any.
    pub owner: String,
    pub updated_at_ms: i64,
}
