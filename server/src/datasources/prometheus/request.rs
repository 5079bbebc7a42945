//! Builds Prometheus HTTP API requests. Pure: golden tests pin the output.
//! Range and instant queries are form POSTs, so long expressions fit.

use super::super::cache::Freshness;
use super::super::http::{encode, Streamed, UpstreamRequest};
use super::super::UpstreamError;
use super::thinned::Cut;
use crate::query::step::Step;

const FORM: Option<&str> = Some("application/x-www-form-urlencoded");

/// Seconds with millisecond precision, as Prometheus reads times.
pub fn secs(ms: i64) -> String {
    format!("{}.{:03}", ms.div_euclid(1000), ms.rem_euclid(1000))
}

/// A range query; its matrix answer is read while it downloads.
pub fn range(expr: &str, step: &Step) -> UpstreamRequest {
    read_as(expr, step, None)
}

/// A range query whose answer is also thinned for `cut` as it downloads
/// (see `parse::matrix_reader`); the same request upstream.
pub fn range_thinned(expr: &str, step: &Step, cut: Cut) -> UpstreamRequest {
    read_as(expr, step, Some(cut))
}

/// The range request, its answer thinned for `cut` (if any) as it downloads.
fn read_as(expr: &str, step: &Step, cut: Option<Cut>) -> UpstreamRequest {
    UpstreamRequest {
        method: "POST",
        segments: segments(&["api", "v1", "query_range"]),
        query: Vec::new(),
        content_type: FORM,
        body: Some(format!(
            "query={}&start={}&end={}&step={}",
            encode(expr),
            secs(step.start_ms),
            secs(step.end_ms),
            secs(step.step_ms)
        )),
        fresh: Freshness::Range {
            end_ms: step.end_ms,
            step_ms: step.step_ms,
        },
        stream: Some(Streamed::new(move || super::parse::matrix_reader(cut))),
    }
}

pub fn instant(expr: &str, time_ms: i64) -> UpstreamRequest {
    UpstreamRequest {
        method: "POST",
        segments: segments(&["api", "v1", "query"]),
        query: Vec::new(),
        content_type: FORM,
        body: Some(format!("query={}&time={}", encode(expr), secs(time_ms))),
        fresh: Freshness::InFlight,
        stream: None,
    }
}

fn segments(parts: &[&str]) -> Vec<String> {
    parts.iter().map(|p| p.to_string()).collect()
}

pub fn metric_names() -> UpstreamRequest {
    UpstreamRequest::get(&["api", "v1", "label", "__name__", "values"])
}

pub fn label_names() -> UpstreamRequest {
    UpstreamRequest::get(&["api", "v1", "labels"])
}

/// Label names are checked, so nothing but a label name reaches the path.
pub fn label_values(label: &str) -> Result<UpstreamRequest, UpstreamError> {
    let valid = label
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !valid {
        return Err(UpstreamError::BadQuery(format!(
            "{label:?} is not a label name: use letters, digits and '_'"
        )));
    }
    Ok(UpstreamRequest::get(&[
        "api", "v1", "label", label, "values",
    ]))
}

pub fn buildinfo() -> UpstreamRequest {
    UpstreamRequest::get(&["api", "v1", "status", "buildinfo"])
}
