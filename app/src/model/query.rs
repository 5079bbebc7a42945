//! Queries and their normalized results. Panels and pages only ever see
//! these types, never an upstream's JSON.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Milliseconds since the Unix epoch, inclusive on both ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TimeRange {
    pub from_ms: i64,
    pub to_ms: i64,
}

/// One query. Every variant names its data source by id, never by URL.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Query {
    /// PromQL over a range. `max_data_points` is the panel's width in pixels;
    /// the step follows from it unless `step_ms` asks for a resolution (then
    /// the server decimates to the width). `min_step_ms` is a floor.
    Range {
        datasource: i64,
        expr: String,
        range: TimeRange,
        max_data_points: u32,
        #[serde(default)]
        min_step_ms: Option<i64>,
        #[serde(default)]
        step_ms: Option<i64>,
    },
    Instant {
        datasource: i64,
        expr: String,
        time_ms: i64,
    },
    /// Lucene `query_string` search, newest first; `after` continues a page.
    Logs {
        datasource: i64,
        query: String,
        range: TimeRange,
        #[serde(default)]
        index: Option<String>,
        #[serde(default = "default_size")]
        size: u32,
        #[serde(default)]
        after: Option<Cursor>,
    },
    /// The logs around one hit that share its context fields (same service
    /// and host), `newer` or older than it. Answers newest first; `next`
    /// continues further away from the anchor.
    Context {
        datasource: i64,
        #[serde(default)]
        index: Option<String>,
        /// The hit's sort values: the context starts just past it, so ties
        /// in time keep the same stable order as the search.
        anchor: Cursor,
        /// The anchor hit's fields; the data source's context fields pick
        /// which of them must match.
        fields: BTreeMap<String, serde_json::Value>,
        newer: bool,
        #[serde(default = "default_context_size")]
        size: u32,
    },
    LogHistogram {
        datasource: i64,
        query: String,
        range: TimeRange,
        #[serde(default)]
        index: Option<String>,
    },
    Fields {
        datasource: i64,
        #[serde(default)]
        index: Option<String>,
    },
    TopValues {
        datasource: i64,
        field: String,
        query: String,
        range: TimeRange,
        #[serde(default)]
        index: Option<String>,
    },
    MetricNames {
        datasource: i64,
    },
    LabelNames {
        datasource: i64,
    },
    LabelValues {
        datasource: i64,
        label: String,
    },
}

fn default_size() -> u32 {
    100
}

fn default_context_size() -> u32 {
    10
}

impl Query {
    pub fn datasource(&self) -> i64 {
        match self {
            Query::Range { datasource, .. }
            | Query::Instant { datasource, .. }
            | Query::Logs { datasource, .. }
            | Query::Context { datasource, .. }
            | Query::LogHistogram { datasource, .. }
            | Query::Fields { datasource, .. }
            | Query::TopValues { datasource, .. }
            | Query::MetricNames { datasource }
            | Query::LabelNames { datasource }
            | Query::LabelValues { datasource, .. } => *datasource,
        }
    }
}

/// Opaque position after the last hit of a page (the sort values).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Cursor(pub Vec<serde_json::Value>);

/// One time series: its labels and aligned timestamps and values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Series {
    pub labels: BTreeMap<String, String>,
    /// Sent compactly, as the first and the gaps (see [`super::timestamps`]).
    #[serde(with = "super::timestamps")]
    #[cfg_attr(feature = "ssr", schema(schema_with = super::timestamps::schema))]
    pub timestamps_ms: Vec<i64>,
    /// `NaN` and infinities are sent as `null`.
    pub values: Vec<Option<f64>>,
}

/// One log document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LogHit {
    pub id: String,
    pub index: String,
    pub timestamp_ms: Option<i64>,
    pub message: String,
    /// Every field of the document, flattened to dotted names.
    pub fields: BTreeMap<String, serde_json::Value>,
    /// Highlighted fragments per field; matches are between the markers
    /// `\u{e000}` and `\u{e001}`, never HTML.
    pub highlight: BTreeMap<String, Vec<String>>,
    pub sort: Cursor,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct HitCount {
    pub value: u64,
    /// False when the upstream stopped counting (shown as "10,000+").
    pub exact: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Bucket {
    pub start_ms: i64,
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FieldInfo {
    pub name: String,
    pub types: Vec<String>,
    pub aggregatable: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TopValue {
    pub value: serde_json::Value,
    pub count: u64,
}

/// What the query cost, for the query inspector.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct QueryStats {
    /// Method and path (with query string) sent upstream; no credentials.
    pub upstream_request: String,
    pub upstream_ms: u64,
    pub upstream_bytes: u64,
    pub points_in: u64,
    pub points_out: u64,
    /// `cache` (kept from an identical earlier request) or `shared` (an
    /// identical request was in flight); empty when fetched for this one.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub cache: String,
}

/// A normalized answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum QueryData {
    Series {
        /// Shared: a kept answer's cut goes to every viewer of the panel
        /// without a copy each (copied only where masking changes a label).
        #[cfg_attr(feature = "ssr", schema(value_type = Vec<Series>))]
        #[cfg_attr(
            feature = "ssr",
            serde(serialize_with = "crate::model::shared_json::serialize")
        )]
        series: Arc<Vec<Series>>,
        step_ms: i64,
    },
    Logs {
        /// Shared: identical searches in flight at once are parsed once,
        /// and every asker serializes that parse (copied only where
        /// masking changes a hit).
        #[cfg_attr(feature = "ssr", schema(value_type = Vec<LogHit>))]
        #[cfg_attr(
            feature = "ssr",
            serde(serialize_with = "crate::model::shared_json::serialize")
        )]
        hits: Arc<Vec<LogHit>>,
        total: HitCount,
        next: Option<Cursor>,
    },
    Histogram {
        buckets: Vec<Bucket>,
        interval_ms: i64,
    },
    Fields {
        fields: Vec<FieldInfo>,
    },
    TopValues {
        values: Vec<TopValue>,
        total: u64,
    },
    Names {
        names: Vec<String>,
    },
}

/// Why one query failed. Names the data source and keeps the upstream's reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[error("{datasource}: {message}")]
pub struct QueryError {
    pub kind: QueryErrorKind,
    pub datasource: String,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum QueryErrorKind {
    /// The query itself is wrong (bad PromQL or Lucene, limits exceeded).
    BadQuery,
    /// No such data source, or it cannot answer this kind of query.
    BadDataSource,
    Timeout,
    Unreachable,
    /// The upstream refused our credentials.
    Unauthorized,
    /// The upstream failed (5xx).
    Upstream,
    /// The upstream answered something we could not read.
    BadResponse,
}

/// One query's outcome within a batch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct QueryAnswer {
    pub ref_id: String,
    #[serde(flatten)]
    pub outcome: QueryOutcome,
}

/// On the wire: `{"data": …, "stats": …}` or `{"error": …}` beside `ref_id`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum QueryOutcome {
    Data { data: QueryData, stats: QueryStats },
    Error { error: QueryError },
}
