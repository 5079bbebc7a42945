//! Reads Elasticsearch/OpenSearch answers into Lookout's normalized types.

use std::collections::BTreeMap;

use app::model::{Bucket, Cursor, FieldInfo, HitCount, LogHit, TopValue};
use serde::Deserialize;
use serde_json::Value;

use super::super::prometheus::parse::snippet;
use super::super::UpstreamError;
use super::flat::Flat;

#[derive(Deserialize)]
struct ErrorBody {
    error: Value,
}

/// Non-2xx answers keep Elasticsearch's own reason (and its cause).
fn check(status: u16, body: &[u8]) -> Result<(), UpstreamError> {
    if (200..300).contains(&status) {
        return Ok(());
    }
    let reason = serde_json::from_slice::<ErrorBody>(body)
        .ok()
        .map(|e| describe(&e.error))
        .unwrap_or_else(|| snippet(body));
    Err(match status {
        400 | 404 => UpstreamError::BadQuery(reason),
        _ => UpstreamError::Upstream { status, reason },
    })
}

/// The root reason, plus the first cause that adds detail. OpenSearch nests
/// the cause under `caused_by`; Elasticsearch 8 under `failed_shards[].reason`.
fn describe(error: &Value) -> String {
    let root = error
        .get("root_cause")
        .and_then(|r| r.get(0))
        .unwrap_or(error);
    let mut text = root
        .get("reason")
        .and_then(Value::as_str)
        .or_else(|| error.as_str())
        .unwrap_or("unknown error")
        .to_owned();
    let detail = [
        error.pointer("/caused_by/reason"),
        error.pointer("/failed_shards/0/reason/caused_by/reason"),
        error.pointer("/failed_shards/0/reason/reason"),
    ]
    .into_iter()
    .flatten()
    .filter_map(Value::as_str)
    .find(|d| !text.contains(*d));
    if let Some(d) = detail {
        text = format!("{text}: {d}");
    }
    text
}

fn bad(e: serde_json::Error) -> UpstreamError {
    UpstreamError::BadResponse(e.to_string())
}

#[derive(Deserialize)]
struct SearchBody {
    hits: Hits,
    #[serde(default)]
    aggregations: Option<Value>,
}

#[derive(Deserialize)]
struct Hits {
    #[serde(default)]
    total: Option<Total>,
    #[serde(default)]
    hits: Vec<Hit>,
}

/// ES 7+: `{value, relation}`; ES 6: a number.
#[derive(Deserialize)]
#[serde(untagged)]
enum Total {
    Object { value: u64, relation: String },
    Number(u64),
}

impl Total {
    fn count(t: Option<Total>) -> HitCount {
        match t {
            Some(Total::Object { value, relation }) => HitCount {
                value,
                exact: relation == "eq",
            },
            Some(Total::Number(value)) => HitCount { value, exact: true },
            None => HitCount {
                value: 0,
                exact: false,
            },
        }
    }
}

#[derive(Deserialize)]
struct Hit {
    #[serde(rename = "_id")]
    id: String,
    #[serde(rename = "_index")]
    index: String,
    #[serde(rename = "_source", default)]
    source: Flat,
    #[serde(default)]
    sort: Vec<Value>,
    #[serde(default)]
    highlight: BTreeMap<String, Vec<String>>,
}

const MESSAGE_FIELDS: [&str; 4] = ["message", "msg", "log", "event.original"];

fn hit(h: Hit) -> LogHit {
    let Flat(fields) = h.source;
    let message = MESSAGE_FIELDS
        .iter()
        .find_map(|f| fields.get(*f).and_then(Value::as_str))
        .map(str::to_owned)
        .unwrap_or_else(|| Value::Object(fields.clone().into_iter().collect()).to_string());
    LogHit {
        timestamp_ms: h.sort.first().and_then(Value::as_i64),
        id: h.id,
        index: h.index,
        message,
        fields,
        highlight: h.highlight,
        sort: Cursor(h.sort),
    }
}

/// Hits, the total, and the cursor for the next page (when the page was full).
pub fn search(
    status: u16,
    body: &[u8],
    size: u32,
) -> Result<(Vec<LogHit>, HitCount, Option<Cursor>), UpstreamError> {
    check(status, body)?;
    let parsed: SearchBody = serde_json::from_slice(body).map_err(bad)?;
    let hits: Vec<LogHit> = parsed.hits.hits.into_iter().map(hit).collect();
    let next = (hits.len() as u32 >= size.clamp(1, 1000))
        .then(|| hits.last().map(|h| h.sort.clone()))
        .flatten();
    Ok((hits, Total::count(parsed.hits.total), next))
}

fn buckets(body: &[u8], agg: &str) -> Result<(Vec<Value>, HitCount), UpstreamError> {
    let parsed: SearchBody = serde_json::from_slice(body).map_err(bad)?;
    let list = parsed
        .aggregations
        .as_ref()
        .and_then(|a| a.get(agg))
        .and_then(|a| a.get("buckets"))
        .and_then(Value::as_array)
        .cloned()
        .ok_or_else(|| UpstreamError::BadResponse(format!("no {agg} aggregation in the answer")))?;
    Ok((list, Total::count(parsed.hits.total)))
}

pub fn histogram(status: u16, body: &[u8]) -> Result<(Vec<Bucket>, HitCount), UpstreamError> {
    check(status, body)?;
    let (list, total) = buckets(body, "histogram")?;
    let out = list
        .iter()
        .map(|b| Bucket {
            start_ms: b.get("key").and_then(Value::as_i64).unwrap_or_default(),
            count: b
                .get("doc_count")
                .and_then(Value::as_u64)
                .unwrap_or_default(),
        })
        .collect();
    Ok((out, total))
}

pub fn top_values(status: u16, body: &[u8]) -> Result<(Vec<TopValue>, HitCount), UpstreamError> {
    check(status, body)?;
    let (list, total) = buckets(body, "top")?;
    let out = list
        .iter()
        .map(|b| TopValue {
            count: b
                .get("doc_count")
                .and_then(Value::as_u64)
                .unwrap_or_default(),
            value: b
                .get("key_as_string")
                .or_else(|| b.get("key"))
                .cloned()
                .unwrap_or(Value::Null),
        })
        .collect();
    Ok((out, total))
}

pub fn field_caps(status: u16, body: &[u8]) -> Result<Vec<FieldInfo>, UpstreamError> {
    check(status, body)?;
    #[derive(Deserialize)]
    struct Caps {
        fields: BTreeMap<String, BTreeMap<String, Value>>,
    }
    let caps: Caps = serde_json::from_slice(body).map_err(bad)?;
    Ok(caps
        .fields
        .into_iter()
        .filter(|(name, _)| !name.starts_with('_'))
        .map(|(name, types)| FieldInfo {
            aggregatable: types.values().any(|t| {
                t.get("aggregatable")
                    .and_then(Value::as_bool)
                    .unwrap_or(false)
            }),
            types: types.into_keys().collect(),
            name,
        })
        .filter(|f| f.types.iter().all(|t| t != "object" && t != "nested"))
        .collect())
}

/// "Elasticsearch 8.12.0" or "OpenSearch 2.11.0", from `GET /`.
pub fn info(status: u16, body: &[u8]) -> Result<String, UpstreamError> {
    let not_es = || {
        UpstreamError::BadResponse(format!(
        "this URL does not answer like Elasticsearch or OpenSearch (HTTP {status}: {}); check the URL",
        snippet(&body[..body.len().min(80)])
    ))
    };
    if !(200..300).contains(&status) {
        return Err(not_es());
    }
    let v: Value = serde_json::from_slice(body).map_err(|_| not_es())?;
    let version = v
        .pointer("/version/number")
        .and_then(Value::as_str)
        .ok_or_else(not_es)?;
    let product = match v.pointer("/version/distribution").and_then(Value::as_str) {
        Some("opensearch") => "OpenSearch",
        _ => "Elasticsearch",
    };
    Ok(format!("{product} {version}"))
}
