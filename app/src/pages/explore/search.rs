//! Running a log search from the page's URL state.

use serde::{Deserialize, Serialize};

use crate::model::time::{now_ms, resolve, Edge};
use crate::model::{Cursor, HitCount, LogHit, Query, QueryData, QueryOutcome, TimeRange};
use crate::server_fns::query::run_queries;

/// What a search shows: the current page of hits, the count, and where to continue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LogPage {
    pub hits: Vec<LogHit>,
    pub total: HitCount,
    pub next: Option<Cursor>,
}

pub const PAGE: u32 = 100;

/// The URL's search: data source, Lucene query and the range as expressions.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Search {
    pub datasource: i64,
    pub query: String,
    pub from: String,
    pub to: String,
}

impl Search {
    pub fn range(&self) -> Result<TimeRange, String> {
        let now = now_ms();
        let from_ms = resolve(&self.from, now, 0, Edge::From)?;
        let to_ms = resolve(&self.to, now, 0, Edge::To)?;
        if to_ms <= from_ms {
            return Err("The range ends before it starts: pick a later \"to\".".into());
        }
        Ok(TimeRange { from_ms, to_ms })
    }

    /// One page of hits; `after` continues from the previous page.
    pub async fn run(self, after: Option<Cursor>) -> Result<LogPage, String> {
        let range = self.range()?;
        let query = Query::Logs {
            datasource: self.datasource,
            query: self.query,
            range,
            index: None,
            size: PAGE,
            after,
        };
        let answers = run_queries(vec![("hits".into(), query)])
            .await
            .map_err(|e| e.to_string())?;
        match answers.into_iter().next().map(|a| a.outcome) {
            Some(QueryOutcome::Data {
                data: QueryData::Logs { hits, total, next },
                ..
            }) => Ok(LogPage { hits, total, next }),
            Some(QueryOutcome::Error { error }) => Err(error.to_string()),
            _ => Err("The server answered something unexpected; try again.".into()),
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
        assert_eq!(
            count_label(HitCount {
                value: 52,
                exact: true
            }),
            "52 hits"
        );
        assert_eq!(
            count_label(HitCount {
                value: 1,
                exact: true
            }),
            "1 hit"
        );
        assert_eq!(
            count_label(HitCount {
                value: 10_000,
                exact: false
            }),
            "10,000+ hits"
        );
        assert_eq!(
            count_label(HitCount {
                value: 1_234_567,
                exact: true
            }),
            "1,234,567 hits"
        );
    }
}
