//! Elasticsearch 7/8 and OpenSearch. `request` builds, `super::http` sends,
//! `parse` reads.

mod flat;
pub mod index;
pub mod parse;
pub mod request;

use std::collections::BTreeMap;
use std::sync::Arc;

use app::model::{DataSourceSettings, Query, QueryData, QueryStats};

use super::http::{HttpClient, UpstreamResponse};
use super::{Scope, Upstream, UpstreamError};
use crate::query::step::histogram_interval;
use request::Target;
use serde_json::Value;

pub struct Elasticsearch {
    http: HttpClient,
    index: Option<String>,
    allow_any_index: bool,
    time_field: String,
    context_fields: Vec<String>,
}

impl Elasticsearch {
    pub fn new(http: HttpClient, settings: &DataSourceSettings) -> Self {
        let time_field = settings
            .time_field
            .clone()
            .filter(|f| !f.trim().is_empty())
            .unwrap_or_else(|| "@timestamp".into());
        Self {
            http,
            index: settings.index_pattern.clone(),
            allow_any_index: settings.allow_any_index,
            time_field,
            context_fields: settings.context_fields.clone(),
        }
    }

    /// The query's index if it narrows the data source's pattern (see
    /// [`index::resolve`]), or the data source's pattern.
    fn target(&self, asked: Option<&String>) -> Result<Target, UpstreamError> {
        let index = index::resolve(
            asked.map(String::as_str),
            self.index.as_deref(),
            self.allow_any_index,
        )
        .map_err(UpstreamError::BadQuery)?;
        Target::new(&index, &self.time_field)
    }
}

/// The anchor's value of each context field that it has (a `.keyword`
/// sub-field takes the value of its parent). Only plain values filter.
fn context_filters(keys: &[String], fields: &BTreeMap<String, Value>) -> Vec<(String, Value)> {
    keys.iter()
        .filter_map(|k| {
            let source = k.strip_suffix(".keyword").unwrap_or(k);
            let v = fields.get(source)?;
            (v.is_string() || v.is_number() || v.is_boolean()).then(|| (k.clone(), v.clone()))
        })
        .collect()
}

/// A search answer's hits, newest first (`oldest_first` answers, the
/// newer side of a context, are turned round). Every asker given the same
/// answer (identical searches in flight at once) shares one parse of it:
/// under a crowd watching one logs panel, parsing each asker's copy had
/// been most of Lookout's work.
fn logs(
    res: &UpstreamResponse,
    size: u32,
    oldest_first: bool,
    stats: &mut QueryStats,
) -> Result<QueryData, UpstreamError> {
    let page = res.parsed(|status, body| {
        let (mut hits, total, next) = parse::search(status, body, size)?;
        if oldest_first {
            hits.reverse();
        }
        Ok((Arc::new(hits), total, next))
    })?;
    let (hits, total, next) = &*page;
    stats.points_out = hits.len() as u64;
    Ok(QueryData::Logs {
        hits: hits.clone(),
        total: *total,
        next: next.clone(),
    })
}

#[async_trait::async_trait]
impl Upstream for Elasticsearch {
    async fn health(&self) -> Result<String, UpstreamError> {
        let res = self.http.send(&request::info()).await?;
        parse::info(res.status, &res.body)
    }

    async fn run(
        &self,
        query: &Query,
        scope: &Scope,
    ) -> Result<(QueryData, QueryStats), UpstreamError> {
        let mut stats = QueryStats::default();
        let target = |index: Option<&String>| {
            self.target(index).map(|mut t| {
                t.hidden_fields = scope.hidden_fields.clone();
                t
            })
        };
        let data = match query {
            Query::Logs { query, range, index, size, after, .. } => {
                let t = target(index.as_ref())?;
                let res = self.http.send_measured(&request::search(&t, query, *range, *size, after.as_ref()), &mut stats).await?;
                logs(&res, *size, false, &mut stats)?
            }
            Query::Context { index, anchor, fields, newer, size, .. } => {
                let t = target(index.as_ref())?;
                let filters = context_filters(&self.context_fields, fields);
                let req = request::context(&t, &filters, anchor, *newer, *size);
                let res = self.http.send_measured(&req, &mut stats).await?;
                logs(&res, *size, *newer, &mut stats)?
            }
            Query::LogHistogram { query, range, index, .. } => {
                let t = target(index.as_ref())?;
                let interval_ms = histogram_interval(range.from_ms, range.to_ms);
                let res = self.http.send_measured(&request::histogram(&t, query, *range, interval_ms), &mut stats).await?;
                let (buckets, _) = parse::histogram(res.status, &res.body)?;
                stats.points_out = buckets.len() as u64;
                QueryData::Histogram { buckets, interval_ms }
            }
            Query::TopValues { field, query, range, index, .. } => {
                let t = target(index.as_ref())?;
                let res = self.http.send_measured(&request::top_values(&t, field, query, *range), &mut stats).await?;
                let (values, total) = parse::top_values(res.status, &res.body)?;
                QueryData::TopValues { values, total: total.value }
            }
            Query::Fields { index, .. } => {
                let t = target(index.as_ref())?;
                let res = self.http.send_measured(&request::field_caps(&t), &mut stats).await?;
                QueryData::Fields { fields: parse::field_caps(res.status, &res.body)? }
            }
            _ => {
                return Err(UpstreamError::Unsupported(
                    "this is an Elasticsearch data source; metric queries need a Prometheus data source".into(),
                ))
            }
        };
        stats.points_in = stats.points_out;
        Ok((data, stats))
    }
}
