//! Running a log search from the page's URL state.

use serde::{Deserialize, Serialize};
use std::sync::Arc;

use crate::model::time::{now_ms, resolve_range};
use crate::model::{Bucket, Cursor, HitCount, LogHit, Query, QueryData, QueryOutcome, TimeRange};
use crate::server_fns::query::{run_one, run_queries};

/// What a search shows: the current page of hits, the count, and where to continue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LogPage {
    pub hits: Vec<LogHit>,
    pub total: HitCount,
    pub next: Option<Cursor>,
}

/// Hits over time for the histogram above the table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Histogram {
    pub buckets: Vec<Bucket>,
    pub interval_ms: i64,
    pub range: TimeRange,
}

pub const PAGE: u32 = 100;

/// The URL's search: data source, Lucene query and the range as expressions.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Search {
    pub datasource: i64,
    pub query: String,
    pub from: String,
    pub to: String,
    /// The display zone's offset, for dates typed without a zone.
    pub offset_min: i64,
    /// An index pattern instead of the data source's default.
    pub index: Option<String>,
}

fn unexpected() -> String {
    "The server answered something unexpected; try again.".into()
}

impl Search {
    pub fn range(&self) -> Result<TimeRange, String> {
        resolve_range(&self.from, &self.to, now_ms(), self.offset_min)
    }

    fn logs(&self, range: TimeRange, after: Option<Cursor>) -> Query {
        Query::Logs {
            datasource: self.datasource,
            query: self.query.clone(),
            range,
            index: self.index.clone(),
            size: PAGE,
            after,
        }
    }

    /// The first page and the histogram, in one round trip. A failed
    /// histogram leaves the hits standing.
    pub async fn run_first(self) -> Result<(LogPage, Result<Histogram, String>), String> {
        let range = self.range()?;
        let histogram = Query::LogHistogram {
            datasource: self.datasource,
            query: self.query.clone(),
            range,
            index: self.index.clone(),
        };
        let answers = run_queries(vec![
            ("hits".into(), self.logs(range, None)),
            ("histogram".into(), histogram),
        ])
        .await
        .map_err(|e| e.to_string())?;
        let mut outcomes = answers.into_iter().map(|a| a.outcome);
        let page = match outcomes.next() {
            Some(QueryOutcome::Data {
                data: QueryData::Logs { hits, total, next },
                ..
            }) => LogPage {
                hits: Arc::unwrap_or_clone(hits),
                total,
                next,
            },
            Some(QueryOutcome::Error { error }) => return Err(error.to_string()),
            _ => return Err(unexpected()),
        };
        let histogram = match outcomes.next() {
            Some(QueryOutcome::Data {
                data:
                    QueryData::Histogram {
                        buckets,
                        interval_ms,
                    },
                ..
            }) => Ok(Histogram {
                buckets,
                interval_ms,
                range,
            }),
            Some(QueryOutcome::Error { error }) => Err(error.to_string()),
            _ => Err(unexpected()),
        };
        Ok((page, histogram))
    }

    /// The page after `after`.
    pub async fn run(self, after: Option<Cursor>) -> Result<LogPage, String> {
        let range = self.range()?;
        match run_one(self.logs(range, after)).await?.0 {
            QueryData::Logs { hits, total, next } => Ok(LogPage {
                hits: Arc::unwrap_or_clone(hits),
                total,
                next,
            }),
            _ => Err(unexpected()),
        }
    }
}

/// "52 hits" or "10,000+ hits".
pub fn count_label(total: HitCount) -> String {
    let mut digits = total.value.to_string();
    let mut i = digits.len() as isize - 3;
    while i > 0 {
        digits.insert(i as usize, ',');
        i -= 3;
    }
    let plus = if total.exact { "" } else { "+" };
    let noun = if total.value == 1 && total.exact {
        "hit"
    } else {
        "hits"
    };
    format!("{digits}{plus} {noun}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_like_kibana() {
        let c = |value, exact| count_label(HitCount { value, exact });
        assert_eq!(c(52, true), "52 hits");
        assert_eq!(c(1, true), "1 hit");
        assert_eq!(c(10_000, false), "10,000+ hits");
        assert_eq!(c(1_234_567, true), "1,234,567 hits");
    }
}
