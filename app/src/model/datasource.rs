//! Data sources as the browser sees them. Secrets never appear here: the
//! browser learns only whether one is set, and may send a new one.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The kinds Lookout can query. Each kind is one folder in `server/src/datasources/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum DataSourceKind {
    /// Anything with the Prometheus HTTP API: Prometheus, VictoriaMetrics, Thanos, Mimir.
    Prometheus,
    /// Elasticsearch 7/8 and OpenSearch.
    Elasticsearch,
}

impl DataSourceKind {
    pub const ALL: [DataSourceKind; 2] =
        [DataSourceKind::Prometheus, DataSourceKind::Elasticsearch];

    pub fn as_str(self) -> &'static str {
        match self {
            DataSourceKind::Prometheus => "prometheus",
            DataSourceKind::Elasticsearch => "elasticsearch",
        }
    }
}

impl fmt::Display for DataSourceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for DataSourceKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "prometheus" => Ok(DataSourceKind::Prometheus),
            "elasticsearch" => Ok(DataSourceKind::Elasticsearch),
            other => Err(format!(
                "unknown data source kind {other:?}: use prometheus or elasticsearch"
            )),
        }
    }
}

/// How Lookout authenticates to the upstream.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AuthKind {
    #[default]
    None,
    /// HTTP basic: `basic_username` plus the secret as password.
    Basic,
    /// `Authorization: Bearer <secret>`.
    Bearer,
    /// Elasticsearch API key: `Authorization: ApiKey <secret>`.
    ApiKey,
}

/// A stored data source, without its secret.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DataSource {
    pub id: i64,
    #[serde(flatten)]
    pub settings: DataSourceSettings,
    /// A secret is stored (it is never sent back).
    pub has_secret: bool,
    /// Increases on every save; an edit sends back the version it started from.
    pub version: i64,
}

/// Everything about a data source except its secret.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DataSourceSettings {
    pub name: String,
    pub kind: DataSourceKind,
    pub url: String,
    #[serde(default)]
    pub auth: AuthKind,
    #[serde(default)]
    pub basic_username: Option<String>,
    #[serde(default)]
    pub tls_skip_verify: bool,
    /// Lookout gives up on the upstream after this long.
    #[serde(default = "default_timeout_ms")]
    pub timeout_ms: u64,
    /// Elasticsearch: default index pattern, e.g. `logs-*`. A search may
    /// name its own index only within it (`logs-payments`), unless
    /// `allow_any_index` is set.
    #[serde(default)]
    pub index_pattern: Option<String>,
    /// Elasticsearch: searches may name any index, not only ones inside
    /// `index_pattern`. System and hidden indices stay out of reach.
    #[serde(default)]
    pub allow_any_index: bool,
    /// The largest upstream answer Lookout reads, in MiB; a bigger one is
    /// refused with "answer too large". `None`: the server's default.
    #[serde(default)]
    pub max_response_mb: Option<u64>,
    /// Elasticsearch: the time field, e.g. `@timestamp`.
    #[serde(default)]
    pub time_field: Option<String>,
    /// Prometheus: the scrape interval, the smallest useful step.
    #[serde(default)]
    pub scrape_interval_secs: Option<u64>,
    /// Elasticsearch: "surrounding logs" come from hits that share these
    /// fields' values with the chosen hit (same service, same host).
    #[serde(default = "default_context_fields")]
    pub context_fields: Vec<String>,
    /// Elasticsearch: where "Metrics at this moment" goes from a hit.
    #[serde(default)]
    pub metrics_link: Option<MetricsLink>,
}

/// A Prometheus source plus a PromQL template whose `${field}` placeholders
/// are filled (escaped) from a log hit, e.g.
/// `sum(rate(http_requests_total{service="${service}"}[5m]))`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MetricsLink {
    pub datasource: i64,
    pub template: String,
}

pub fn default_context_fields() -> Vec<String> {
    vec!["service".into(), "host".into()]
}

pub fn default_timeout_ms() -> u64 {
    30_000
}

/// What an admin submits: settings plus an optional new secret. `secret:
/// None` keeps the stored one; `Some("")` removes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DataSourceInput {
    #[serde(flatten)]
    pub settings: DataSourceSettings,
    #[serde(default)]
    pub secret: Option<String>,
    /// The version this edit started from; a newer stored one means a stale save.
    #[serde(default)]
    pub version: Option<i64>,
}

/// The outcome of "Save & test".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TestOutcome {
    pub ok: bool,
    /// The upstream's version or health on success; the reason otherwise.
    pub message: String,
}
