//! Builds Elasticsearch/OpenSearch requests. Pure: golden tests pin them.
//! Everything is plain Query DSL that Elasticsearch 7/8 and OpenSearch share.

use app::model::{Cursor, TimeRange};
use serde_json::{json, Value};

use super::super::http::UpstreamRequest;
use super::super::UpstreamError;
use crate::query::step::es_interval;

/// Highlight markers: private-use characters, so a match is marked without
/// the message ever being treated as HTML.
pub const HL_START: &str = "\u{e000}";
pub const HL_END: &str = "\u{e001}";
/// Exact counts up to here; beyond it the UI says "10,000+".
pub const TRACK_TOTAL: u64 = 10_000;

/// Where to search: an index pattern and its time field.
#[derive(Debug, Clone)]
pub struct Target {
    pub index: String,
    pub time_field: String,
    /// Field-name patterns a search must not match in (secret fields, for
    /// non-admins): a hit found only there would reveal the masked value.
    pub hidden_fields: Vec<String>,
}

impl Target {
    /// The pattern must pass [`super::index::check`]: nothing that could
    /// change the request path or reach a system index.
    pub fn new(index: &str, time_field: &str) -> Result<Self, UpstreamError> {
        super::index::check(index).map_err(UpstreamError::BadQuery)?;
        Ok(Self {
            index: index.to_owned(),
            time_field: time_field.to_owned(),
            hidden_fields: Vec::new(),
        })
    }
}

/// `POST {index}/_search`: the index is one path segment, encoded alone.
fn search_request(t: &Target, body: Value) -> UpstreamRequest {
    UpstreamRequest {
        method: "POST",
        segments: vec![t.index.clone(), "_search".into()],
        query: Vec::new(),
        content_type: Some("application/json"),
        body: Some(body.to_string()),
        fresh: Default::default(),
        stream: None,
    }
}

/// The Lucene query, scoped to the time range.
pub fn scoped(t: &Target, query: &str, range: TimeRange) -> Value {
    let filter = json!([{ "range": { &t.time_field: {
        "gte": range.from_ms, "lte": range.to_ms, "format": "epoch_millis" } } }]);
    match query.trim() {
        "" | "*" => json!({ "bool": { "filter": filter } }),
        q if t.hidden_fields.is_empty() => json!({ "bool": {
            "must": [{ "query_string": { "query": q, "analyze_wildcard": true } }],
            "filter": filter,
        } }),
        // The query's free terms, asked only of the hidden fields, exclude
        // what they find there: as if those fields were not searchable.
        // (Fielded terms name visible fields: non-admins may not name others.)
        q => {
            let free = crate::masking::fields::free_terms(q);
            let mut b = json!({ "bool": {
                "must": [{ "query_string": { "query": q, "analyze_wildcard": true } }],
                "filter": filter,
            } });
            if !free.is_empty() {
                b["bool"]["must_not"] = json!([{ "query_string": {
                    "query": free.join(" OR "), "analyze_wildcard": true,
                    "fields": t.hidden_fields, "lenient": true } }]);
            }
            b
        }
    }
}

/// Hits newest first; ties broken by index order so pages never overlap.
pub fn search(
    t: &Target,
    query: &str,
    range: TimeRange,
    size: u32,
    after: Option<&Cursor>,
) -> UpstreamRequest {
    let mut body = json!({
        "size": size.clamp(1, 1000),
        "track_total_hits": TRACK_TOTAL,
        "query": scoped(t, query, range),
        "sort": [
            { &t.time_field: { "order": "desc", "unmapped_type": "date" } },
            { "_doc": { "order": "desc" } },
        ],
        "highlight": {
            "pre_tags": [HL_START], "post_tags": [HL_END],
            "fields": { "*": {} }, "number_of_fragments": 0,
        },
    });
    if let Some(Cursor(values)) = after {
        body["search_after"] = Value::Array(values.clone());
    }
    search_request(t, body)
}

/// The hits beside an anchor hit that share its `filters` (field → value),
/// closest first: older ones newest-first, or newer ones oldest-first. The
/// same (time, `_doc`) sort as [`search`] keeps ties in a stable order.
pub fn context(
    t: &Target,
    filters: &[(String, Value)],
    anchor: &Cursor,
    newer: bool,
    size: u32,
) -> UpstreamRequest {
    let order = if newer { "asc" } else { "desc" };
    let terms: Vec<Value> = filters
        .iter()
        .map(|(field, value)| json!({ "term": { field: value } }))
        .collect();
    let body = json!({
        "size": size.clamp(1, 500),
        "track_total_hits": false,
        "query": { "bool": { "filter": terms } },
        "sort": [
            { &t.time_field: { "order": order, "unmapped_type": "date" } },
            { "_doc": { "order": order } },
        ],
        "search_after": anchor.0,
    });
    search_request(t, body)
}

/// An aggregation over the matching hits, without the hits themselves.
fn aggregate(t: &Target, query: &str, range: TimeRange, aggs: Value) -> UpstreamRequest {
    let body = json!({
        "size": 0,
        "track_total_hits": TRACK_TOTAL,
        "query": scoped(t, query, range),
        "aggs": aggs,
    });
    search_request(t, body)
}

/// Hit counts per interval across the whole range (empty buckets included).
pub fn histogram(t: &Target, query: &str, range: TimeRange, interval_ms: i64) -> UpstreamRequest {
    let bounds = json!({ "min": range.from_ms, "max": range.to_ms });
    let histogram = json!({ "field": t.time_field, "fixed_interval": es_interval(interval_ms),
        "min_doc_count": 0, "extended_bounds": bounds });
    aggregate(
        t,
        query,
        range,
        json!({ "histogram": { "date_histogram": histogram } }),
    )
}

/// The 5 most common values of `field` among the matching hits.
pub fn top_values(t: &Target, field: &str, query: &str, range: TimeRange) -> UpstreamRequest {
    aggregate(
        t,
        query,
        range,
        json!({ "top": { "terms": { "field": field, "size": 5 } } }),
    )
}

pub fn field_caps(t: &Target) -> UpstreamRequest {
    let mut req = UpstreamRequest::get(&[&t.index, "_field_caps"]);
    req.query.push(("fields", "*".into()));
    req
}

pub fn info() -> UpstreamRequest {
    UpstreamRequest::get(&[])
}
