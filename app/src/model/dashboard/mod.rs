//! The dashboard model, shared by the server (storage, API, import) and the
//! browser (view, editor). In the `{kind, metadata, spec}` style: panels and
//! variables are `{kind, spec}` plugins, and the layout refers to panels by
//! id, so moving a panel never rewrites it.
//!
//! [`Dashboard::decode`] checks the whole model and names the path of the
//! first bad field (`spec.panels.cpu.spec.queries[0].expr: missing`).
//! Unknown fields are kept (`extra`) and written back on save, so a newer
//! Lookout's fields survive an older one's edit.

mod diff;
mod layout;
mod stored;
mod validate;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use diff::{diff, Change};
pub use stored::{
    DashboardSave, DashboardSummary, DashboardVersion, LibraryItem, PanelRequest, StoredDashboard,
};

/// The format version this Lookout writes; older ones are migrated on decode.
pub const SCHEMA_VERSION: u32 = 1;
/// Columns of the layout grid.
pub const GRID_COLUMNS: u32 = 24;
/// Panel kinds this Lookout draws.
pub const PANEL_KINDS: [&str; 8] = [
    "timeseries",
    "stat",
    "gauge",
    "bargauge",
    "table",
    "logs",
    "logvolume",
    "text",
];
/// Variable kinds.
pub const VARIABLE_KINDS: [&str; 5] = ["query", "custom", "constant", "textbox", "interval"];

type Extra = BTreeMap<String, Value>;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Dashboard {
    pub kind: String,
    pub schema_version: u32,
    pub metadata: Metadata,
    pub spec: Spec,
    #[serde(flatten)]
    #[cfg_attr(feature = "ssr", schema(ignore))]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Metadata {
    /// Stable id: the URL's `/d/{uid}` and the key in storage and exports.
    pub uid: String,
    pub title: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub description: String,
    #[serde(flatten)]
    #[cfg_attr(feature = "ssr", schema(ignore))]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Spec {
    #[serde(default)]
    pub time: TimeDefaults,
    #[serde(default)]
    pub variables: Vec<Variable>,
    #[serde(default)]
    pub panels: BTreeMap<String, Panel>,
    #[serde(default)]
    pub layout: Vec<Row>,
    /// Which global annotations the charts draw; the dashboard's own always show.
    #[serde(default, skip_serializing_if = "AnnotationFilter::is_empty")]
    pub annotations: AnnotationFilter,
    #[serde(flatten)]
    #[cfg_attr(feature = "ssr", schema(ignore))]
    pub extra: Extra,
}

/// Global annotations carrying any of these tags are drawn (all of them
/// when the list is empty).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AnnotationFilter {
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(flatten)]
    #[cfg_attr(feature = "ssr", schema(ignore))]
    pub extra: Extra,
}

impl AnnotationFilter {
    fn is_empty(&self) -> bool {
        self.tags.is_empty() && self.extra.is_empty()
    }
}

/// The range, refresh and zone a dashboard opens with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TimeDefaults {
    pub from: String,
    pub to: String,
    /// `""` for off, else an interval such as `30s`.
    #[serde(default)]
    pub refresh: String,
    /// `browser` or `utc`.
    #[serde(default = "browser")]
    pub timezone: String,
    #[serde(flatten)]
    #[cfg_attr(feature = "ssr", schema(ignore))]
    pub extra: Extra,
}

fn browser() -> String {
    "browser".into()
}

impl Default for TimeDefaults {
    fn default() -> Self {
        Self {
            from: "now-6h".into(),
            to: "now".into(),
            refresh: String::new(),
            timezone: browser(),
            extra: Extra::new(),
        }
    }
}

/// A template variable: `{name, kind, spec}`; the spec depends on the kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Variable {
    pub name: String,
    pub kind: String,
    #[serde(default)]
    pub spec: Value,
    #[serde(flatten)]
    #[cfg_attr(feature = "ssr", schema(ignore))]
    pub extra: Extra,
}

/// A panel: `{kind, spec}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Panel {
    pub kind: String,
    pub spec: PanelSpec,
    #[serde(flatten)]
    #[cfg_attr(feature = "ssr", schema(ignore))]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PanelSpec {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// The data source's name; a query may name its own.
    #[serde(default)]
    pub datasource: Option<String>,
    #[serde(default)]
    pub queries: Vec<PanelQuery>,
    /// Kind-specific options (unit, thresholds, legend, Markdown text, …).
    #[serde(default)]
    pub options: BTreeMap<String, Value>,
    #[serde(default)]
    pub links: Vec<Value>,
    #[serde(flatten)]
    #[cfg_attr(feature = "ssr", schema(ignore))]
    pub extra: Extra,
}

/// One query of a panel: PromQL (`expr`) or Lucene (`query`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PanelQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub datasource: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expr: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legend: Option<String>,
    #[serde(flatten)]
    #[cfg_attr(feature = "ssr", schema(ignore))]
    pub extra: Extra,
}

/// A titled, collapsible row of grid items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Row {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub collapsed: bool,
    #[serde(default)]
    pub items: Vec<GridItem>,
    #[serde(flatten)]
    #[cfg_attr(feature = "ssr", schema(ignore))]
    pub extra: Extra,
}

/// Where a panel sits on the 24-column grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct GridItem {
    pub panel: String,
    pub x: u32,
    pub y: u32,
    pub w: u32,
    pub h: u32,
}

/// What is wrong with a dashboard, at which path.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {message}")]
pub struct ModelError {
    pub path: String,
    pub message: String,
}

impl ModelError {
    pub fn at(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl Dashboard {
    /// Decodes and checks a dashboard from JSON text. Every error names the
    /// path of the bad field.
    pub fn decode(text: &str) -> Result<Self, ModelError> {
        let value: Value = serde_json::from_str(text)
            .map_err(|e| ModelError::at("(document)", format!("not valid JSON: {e}")))?;
        Self::from_value(value)
    }

    /// Like [`Self::decode`], from parsed JSON.
    pub fn from_value(value: Value) -> Result<Self, ModelError> {
        let value = migrate(value)?;
        let dashboard: Dashboard = serde_path_to_error::deserialize(value).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner().to_string();
            let message = match inner.strip_prefix("missing field `") {
                Some(rest) => {
                    let field = rest.split('`').next().unwrap_or_default();
                    return ModelError::at(join(&path, field), "missing");
                }
                None => inner,
            };
            ModelError::at(
                if path == "." {
                    "(document)".into()
                } else {
                    path
                },
                message,
            )
        })?;
        validate::check(&dashboard)?;
        Ok(dashboard)
    }

    /// Runs the checks a decode runs, on a dashboard built in memory (an
    /// editor's draft parts).
    pub fn validate(&self) -> Result<(), ModelError> {
        validate::check(self)
    }

    /// The git-stable export: keys sorted, two-space indent, a final line
    /// break. Holds no storage ids, versions or times, so two exports of one
    /// dashboard are byte-identical and a one-field change is a one-line diff.
    pub fn export(&self) -> String {
        let value = serde_json::to_value(self).unwrap_or(Value::Null);
        let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// Brings an older format up to [`SCHEMA_VERSION`]; refuses a newer one.
fn migrate(value: Value) -> Result<Value, ModelError> {
    let version = value.get("schemaVersion").and_then(Value::as_u64);
    match version {
        Some(v) if v == u64::from(SCHEMA_VERSION) => Ok(value),
        Some(v) if v > u64::from(SCHEMA_VERSION) => Err(ModelError::at(
            "schemaVersion",
            format!("{v} is newer than this Lookout reads ({SCHEMA_VERSION}): upgrade Lookout"),
        )),
        Some(v) => Err(ModelError::at(
            "schemaVersion",
            format!("{v} is not a known version: use {SCHEMA_VERSION}"),
        )),
        None => Err(ModelError::at("schemaVersion", "missing")),
    }
}

fn join(path: &str, field: &str) -> String {
    if path.is_empty() || path == "." {
        field.to_owned()
    } else {
        format!("{path}.{field}")
    }
}

#[cfg(test)]
mod tests;
