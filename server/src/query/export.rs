//! Streams a log search as CSV or NDJSON: pages of hits through
//! `search_after`, masked for non-admins, up to a row cap. The first page is
//! fetched before the answer starts, so a bad query or a down upstream gets
//! a proper error status instead of an empty file.

use std::collections::BTreeSet;
use std::convert::Infallible;
use std::sync::Arc;

use app::model::{Cursor, HitCount, LogHit, Query, QueryData, QueryError, TimeRange};
use bytes::Bytes;
use futures_util::{Stream, StreamExt};

use super::csv;
use crate::datasources::{Scope, Upstream, UpstreamError};
use crate::masking::Masker;

/// Hits per upstream request (Elasticsearch's comfortable page size).
const PAGE: u32 = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Csv,
    Ndjson,
}

/// What to export.
#[derive(Debug, Clone)]
pub struct Export {
    pub datasource: i64,
    pub query: String,
    pub range: TimeRange,
    pub index: Option<String>,
    pub format: Format,
    /// Rows to stop after (already capped by the server's limit).
    pub limit: u64,
    /// Bytes to stop after: the server's limit.
    pub max_bytes: u64,
    /// CSV columns after the time; empty means every field of the first page.
    pub columns: Vec<String>,
}

/// Where the export reads from, and whether values are masked.
pub struct Source {
    pub name: String,
    pub upstream: Arc<dyn Upstream>,
    pub masker: Option<Arc<Masker>>,
}

struct Run {
    export: Export,
    source: Source,
    first: Option<Arc<Vec<LogHit>>>,
    next: Option<Cursor>,
    sent: u64,
    bytes: u64,
    columns: Vec<String>,
}

impl Run {
    async fn page(
        &self,
        after: Option<Cursor>,
    ) -> Result<(Arc<Vec<LogHit>>, HitCount, Option<Cursor>), QueryError> {
        let e = &self.export;
        let size = PAGE.min(e.limit.saturating_sub(self.sent).clamp(1, u64::from(PAGE)) as u32);
        let query = Query::Logs {
            datasource: e.datasource,
            query: e.query.clone(),
            range: e.range,
            index: e.index.clone(),
            size,
            after,
        };
        let fail = |err: UpstreamError| {
            let mut e = err.for_datasource(&self.source.name);
            if self.source.masker.is_some() {
                super::batch::redact(&mut e);
            }
            e
        };
        let scope = match &self.source.masker {
            Some(m) => m.scope(),
            None => Arc::new(Scope::default()),
        };
        let (mut data, _) = self
            .source
            .upstream
            .run(&query, &scope)
            .await
            .map_err(fail)?;
        if let Some(m) = &self.source.masker {
            m.mask_data(&query, &mut data);
        }
        match data {
            QueryData::Logs { hits, total, next } => Ok((hits, total, next)),
            _ => Err(fail(UpstreamError::BadResponse(
                "not a list of hits".into(),
            ))),
        }
    }

    fn render(&mut self, hits: &[LogHit]) -> String {
        let mut out = String::new();
        if self.sent == 0 && self.export.format == Format::Csv {
            if self.columns.is_empty() {
                let names: BTreeSet<&String> = hits.iter().flat_map(|h| h.fields.keys()).collect();
                self.columns = names.into_iter().cloned().collect();
            }
            csv::header(&self.columns, &mut out);
        }
        for hit in hits {
            match self.export.format {
                Format::Csv => csv::row(hit, &self.columns, &mut out),
                Format::Ndjson => csv::ndjson(hit, &mut out),
            }
        }
        self.sent += hits.len() as u64;
        out
    }

    /// The last line of an export cut at the byte limit, so the file says so.
    fn cut_notice(&self) -> String {
        let why = format!(
            "export stopped after {} rows: the size limit ({} MiB) was reached; narrow the search or the range",
            self.sent,
            self.export.max_bytes >> 20
        );
        match self.export.format {
            Format::Csv => format!("# {why}\n"),
            Format::Ndjson => format!(
                "{}\n",
                serde_json::json!({ "error": why, "rows": self.sent })
            ),
        }
    }

    fn failure(&self, e: &QueryError) -> String {
        tracing::warn!(rows = self.sent, error = %e, "export stopped by an upstream error");
        match self.export.format {
            Format::Csv => format!("# export stopped after {} rows: {e}\n", self.sent),
            Format::Ndjson => {
                format!(
                    "{}\n",
                    serde_json::json!({ "error": e.to_string(), "rows": self.sent })
                )
            }
        }
    }
}

/// Fetches the first page, then returns the hit count and the body stream.
pub async fn start(
    export: Export,
    source: Source,
) -> Result<
    (
        HitCount,
        impl Stream<Item = Result<Bytes, Infallible>> + Send,
    ),
    QueryError,
> {
    let columns = export.columns.clone();
    let mut run = Run {
        export,
        source,
        first: None,
        next: None,
        sent: 0,
        bytes: 0,
        columns,
    };
    let (hits, total, next) = run.page(None).await?;
    run.first = Some(hits);
    run.next = next;
    let stream = futures_util::stream::unfold(run, |mut run| async move {
        if run.bytes >= run.export.max_bytes {
            return None;
        }
        let hits = match run.first.take() {
            Some(first) => first,
            None => {
                let after = run.next.take().filter(|_| run.sent < run.export.limit)?;
                match run.page(Some(after)).await {
                    Ok((hits, _, next)) => {
                        run.next = next;
                        hits
                    }
                    Err(e) => return Some((Ok(Bytes::from(run.failure(&e))), run)),
                }
            }
        };
        if hits.is_empty() && run.sent > 0 {
            return None;
        }
        let room = run.export.limit.saturating_sub(run.sent) as usize;
        let mut chunk = run.render(&hits[..hits.len().min(room)]);
        run.bytes = run.bytes.saturating_add(chunk.len() as u64);
        if run.bytes >= run.export.max_bytes {
            chunk.push_str(&run.cut_notice());
        }
        Some((Ok(Bytes::from(chunk)), run))
    });
    // Fused: the body may be polled once more after the end.
    Ok((total, stream.fuse()))
}
