//! Reads Prometheus HTTP API answers into Lookout's normalized types. Pure:
//! golden tests feed it recorded responses.

use std::any::Any;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

use app::model::Series;
use serde::Deserialize;

use super::super::http::BodyReader;
use super::super::UpstreamError;
use super::result::{Columns, Data, Item, Parsed};
use super::thinned::{self, Cut, Matrix};

#[derive(Deserialize)]
struct ErrorBody<'a> {
    #[serde(rename = "errorType", borrow)]
    error_type: Option<Cow<'a, str>>,
    #[serde(borrow)]
    error: Option<Cow<'a, str>>,
}

/// Turns a non-2xx answer into an error that keeps Prometheus's reason.
fn check(status: u16, body: &[u8]) -> Result<(), UpstreamError> {
    if (200..300).contains(&status) {
        return Ok(());
    }
    let parsed = serde_json::from_slice::<ErrorBody>(body).ok();
    let reason = parsed
        .as_ref()
        .and_then(|e| e.error.as_deref())
        .map(str::to_owned)
        .unwrap_or_else(|| snippet(body));
    let kind = parsed
        .as_ref()
        .and_then(|e| e.error_type.as_deref())
        .unwrap_or("");
    Err(match (status, kind) {
        (400 | 422, _) => UpstreamError::BadQuery(reason),
        (503, "timeout") => UpstreamError::Upstream {
            status,
            reason: format!("query timed out in Prometheus: {reason}"),
        },
        _ => UpstreamError::Upstream { status, reason },
    })
}

/// The start of a body that is not what we expected, for the message.
pub fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(200)]);
    let text = text.trim();
    if text.is_empty() {
        "empty body".into()
    } else {
        text.to_owned()
    }
}

fn bad(e: serde_json::Error, body: &[u8]) -> UpstreamError {
    UpstreamError::BadResponse(format!(
        "{e} (body starts: {})",
        snippet(&body[..body.len().min(80)])
    ))
}

#[derive(Deserialize)]
struct Envelope<T> {
    data: T,
}

fn series(item: Item) -> Series {
    let mut columns = item.values;
    if let Some(sample) = item.value {
        columns.push(sample);
    }
    Series {
        labels: item
            .metric
            .into_iter()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect(),
        timestamps_ms: columns.timestamps_ms,
        values: columns.values,
    }
}

/// A range (`matrix`) or instant (`vector`/`scalar`) result as series: a
/// matrix in Prometheus' own layout by the fast reader, anything else by
/// the general one.
pub fn result(status: u16, body: &[u8]) -> Result<Vec<Series>, UpstreamError> {
    check(status, body)?;
    match super::fast::matrix(body) {
        Some(series) => Ok(series),
        None => general(body),
    }
}

/// Reads a range answer while it downloads, into the parsed form that
/// [`result`] would give (wrapped for the panel-width cuts). A body it
/// steps aside from is read whole by `result` instead.
///
/// Given the first caller's `cut`, it also thins each series as soon as the
/// series is whole, while the rest is still arriving: decimation then
/// overlaps the transfer instead of following it, and the first caller
/// takes that cut ready-made ([`Matrix::cut`]).
pub fn matrix_reader(cut: Option<Cut>) -> Box<dyn BodyReader> {
    struct Reader {
        stream: super::fast::Stream,
        cut: Option<Cut>,
        made: Vec<Series>,
    }
    /// Thins the series of `done` that `made` does not hold yet.
    fn thin_new(made: &mut Vec<Series>, done: &[Series], cut: Cut) {
        let new = done.get(made.len()..).unwrap_or_default();
        made.extend(new.iter().map(|s| thinned::thin(s, cut)));
    }
    impl BodyReader for Reader {
        fn feed(&mut self, chunk: &[u8]) {
            self.stream.feed(chunk);
            if let Some(cut) = self.cut {
                thin_new(&mut self.made, self.stream.done(), cut);
            }
        }
        fn finish(self: Box<Self>) -> Option<Arc<dyn Any + Send + Sync>> {
            let Reader {
                stream,
                cut,
                mut made,
            } = *self;
            let series = stream.finish()?;
            Some(Arc::new(match cut {
                Some(cut) => {
                    thin_new(&mut made, &series, cut);
                    Matrix::with_ready(series, cut, made)
                }
                None => Matrix::new(series),
            }))
        }
    }
    Box::new(Reader {
        stream: Default::default(),
        cut,
        made: Vec::new(),
    })
}

/// Any `data` holding a result, in any layout JSON allows.
pub(super) fn general(body: &[u8]) -> Result<Vec<Series>, UpstreamError> {
    let env: Envelope<Data> = serde_json::from_slice(body).map_err(|e| bad(e, body))?;
    Ok(match env.data.0 {
        Parsed::Items(items) => items.into_iter().map(series).collect(),
        Parsed::Single(point) => vec![series(Item {
            metric: BTreeMap::new(),
            values: Columns::default(),
            value: Some(point),
        })],
    })
}

/// A list of names (metric names, label names, label values).
pub fn names(status: u16, body: &[u8]) -> Result<Vec<String>, UpstreamError> {
    check(status, body)?;
    let env: Envelope<Vec<String>> = serde_json::from_slice(body).map_err(|e| bad(e, body))?;
    Ok(env.data)
}

#[derive(Deserialize)]
struct BuildInfo {
    version: String,
}

/// "Prometheus-compatible, version X" from `/api/v1/status/buildinfo`.
pub fn buildinfo(status: u16, body: &[u8]) -> Result<String, UpstreamError> {
    let not_prometheus = || {
        UpstreamError::BadResponse(format!(
        "this URL does not answer like a Prometheus API (HTTP {status} from /api/v1/status/buildinfo: {}); check the URL",
        snippet(&body[..body.len().min(80)])
    ))
    };
    if !(200..300).contains(&status) {
        return Err(not_prometheus());
    }
    let env: Envelope<BuildInfo> = serde_json::from_slice(body).map_err(|_| not_prometheus())?;
    Ok(format!("Prometheus API OK, version {}", env.data.version))
}
