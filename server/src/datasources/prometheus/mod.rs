//! Anything with the Prometheus HTTP API: Prometheus, VictoriaMetrics,
//! Thanos, Mimir. `request` builds, `super::http` sends, `parse` reads.

mod fast;
pub mod parse;
pub mod request;
mod result;
mod thinned;
pub mod windows;

use std::sync::Arc;

use app::model::{DataSourceSettings, Query, QueryData, QueryStats, TimeRange};

use super::http::{HttpClient, UpstreamRequest};
use super::{Scope, Upstream, UpstreamError};
use crate::query::step;
use thinned::{Cut, Matrix};

pub struct Prometheus {
    http: HttpClient,
    scrape_ms: i64,
}

impl Prometheus {
    pub fn new(http: HttpClient, settings: &DataSourceSettings) -> Self {
        let scrape_ms = settings.scrape_interval_secs.unwrap_or(15) as i64 * 1000;
        Self { http, scrape_ms }
    }

    async fn range(
        &self,
        expr: &str,
        range: TimeRange,
        width: u32,
        min_step_ms: Option<i64>,
        step_ms: Option<i64>,
    ) -> Result<(QueryData, QueryStats), UpstreamError> {
        let width = width.clamp(1, 10_000);
        let (from, to, floor) = (range.from_ms, range.to_ms, min_step_ms.unwrap_or(0));
        let step = match step_ms {
            Some(s) if (to - from) / s.max(1) >= step::MAX_POINTS => {
                windows::fine_step(from, to, s)
            }
            // An asked-for resolution: only Prometheus's 11,000-point limit bounds it.
            Some(s) => step::range_step(from, to, step::MAX_POINTS as u32, s.max(1), floor),
            None => step::range_step(from, to, width, self.scrape_ms, floor),
        };
        let cut = Cut {
            from_ms: step.start_ms,
            to_ms: step.end_ms,
            width,
        };
        let (matrix, mut stats) = self.fetch(expr, step, cut).await?;
        stats.points_in = matrix.points();
        let series = matrix.cut(cut);
        stats.points_out = thinned::points(&series);
        Ok((
            QueryData::Series {
                series,
                step_ms: step.step_ms,
            },
            stats,
        ))
    }

    /// One request, or (for more points than Prometheus allows) windows,
    /// four at a time, stitched. Stats add up across the windows. A kept
    /// answer comes back already parsed, with its recent cuts (shared,
    /// hence the `Arc`). A single request's answer is thinned for `cut` as
    /// it downloads; windows are thinned once stitched.
    async fn fetch(
        &self,
        expr: &str,
        step: step::Step,
        cut: Cut,
    ) -> Result<(Arc<Matrix>, QueryStats), UpstreamError> {
        let mut stats = QueryStats::default();
        let all = windows::split(step);
        let request = |w: &step::Step| match all.len() {
            1 => request::range_thinned(expr, w, cut),
            _ => request::range(expr, w),
        };
        let mut parts = Vec::with_capacity(all.len());
        for batch in all.chunks(4) {
            let fetches = batch.iter().map(|w| async move {
                let mut one = QueryStats::default();
                let res = self.http.send_measured(&request(w), &mut one).await?;
                let parse = |status, body: &[u8]| parse::result(status, body).map(Matrix::new);
                Ok::<_, UpstreamError>((res.parsed(parse)?, one))
            });
            for done in futures_util::future::join_all(fetches).await {
                let (series, one) = done?;
                stats.upstream_ms += one.upstream_ms;
                stats.upstream_bytes += one.upstream_bytes;
                if stats.upstream_request.is_empty() {
                    stats.upstream_request = one.upstream_request;
                }
                if stats.cache.is_empty() {
                    stats.cache = one.cache;
                }
                parts.push(series);
            }
        }
        if parts.len() == 1 {
            if let Some(one) = parts.pop() {
                return Ok((one, stats));
            }
        }
        stats.upstream_request = format!("{} (×{} windows)", stats.upstream_request, all.len());
        let parts = parts
            .into_iter()
            .map(|m| Arc::try_unwrap(m).map_or_else(|m| m.series.clone(), |m| m.series))
            .collect();
        Ok((Arc::new(Matrix::new(windows::stitch(parts))), stats))
    }

    async fn names(&self, req: UpstreamRequest) -> Result<(QueryData, QueryStats), UpstreamError> {
        let mut stats = QueryStats::default();
        let res = self.http.send_measured(&req, &mut stats).await?;
        let names = parse::names(res.status, &res.body)?;
        stats.points_in = names.len() as u64;
        stats.points_out = stats.points_in;
        Ok((QueryData::Names { names }, stats))
    }
}

fn require_expr(expr: &str) -> Result<(), UpstreamError> {
    if expr.trim().is_empty() {
        return Err(UpstreamError::BadQuery(
            "the PromQL expression is empty: enter one, e.g. up".into(),
        ));
    }
    Ok(())
}

#[async_trait::async_trait]
impl Upstream for Prometheus {
    async fn health(&self) -> Result<String, UpstreamError> {
        let res = self.http.send(&request::buildinfo()).await?;
        parse::buildinfo(res.status, &res.body)
    }

    async fn run(
        &self,
        query: &Query,
        _scope: &Scope,
    ) -> Result<(QueryData, QueryStats), UpstreamError> {
        match query {
            Query::Range {
                expr,
                range,
                max_data_points,
                min_step_ms,
                step_ms,
                ..
            } => {
                require_expr(expr)?;
                if range.to_ms <= range.from_ms {
                    return Err(UpstreamError::BadQuery(
                        "the time range ends before it starts".into(),
                    ));
                }
                self.range(expr, *range, *max_data_points, *min_step_ms, *step_ms)
                    .await
            }
            Query::Instant { expr, time_ms, .. } => {
                require_expr(expr)?;
                let mut stats = QueryStats::default();
                let res = self
                    .http
                    .send_measured(&request::instant(expr, *time_ms), &mut stats)
                    .await?;
                let series = parse::result(res.status, &res.body)?;
                stats.points_in = series.len() as u64;
                stats.points_out = stats.points_in;
                Ok((
                    QueryData::Series {
                        series: Arc::new(series),
                        step_ms: 0,
                    },
                    stats,
                ))
            }
            Query::MetricNames { .. } => self.names(request::metric_names()).await,
            Query::LabelNames { .. } => self.names(request::label_names()).await,
            Query::LabelValues { label, .. } => self.names(request::label_values(label)?).await,
            _ => Err(UpstreamError::Unsupported(
                "this is a Prometheus data source; log queries need an Elasticsearch data source"
                    .into(),
            )),
        }
    }
}
