//! What can go wrong talking to an upstream, classified for the user.

use app::model::{QueryError, QueryErrorKind};

/// Clone: an answer shared by waiting callers carries its failure to each.
#[derive(Debug, Clone, thiserror::Error)]
pub enum UpstreamError {
    /// The upstream rejected the query; the text is the upstream's reason.
    #[error("{0}")]
    BadQuery(String),
    #[error("{0}")]
    Unsupported(String),
    #[error("no answer within {0} ms; the query may be too expensive, or the upstream overloaded")]
    Timeout(u64),
    #[error("cannot connect: {0}. Check the URL and that the server is running")]
    Unreachable(String),
    #[error(
        "the upstream refused the credentials (HTTP {0}); check the data source's auth settings"
    )]
    Unauthorized(u16),
    #[error("the upstream failed (HTTP {status}): {reason}")]
    Upstream { status: u16, reason: String },
    #[error("the upstream's answer could not be read: {0}")]
    BadResponse(String),
    #[error("the upstream's answer is too large (over {0} MiB): narrow the query or the time range, or raise the data source's limit")]
    TooLarge(u64),
    #[error("invalid data source settings: {0}")]
    Config(String),
}

impl UpstreamError {
    /// The per-query error the browser sees, naming the data source.
    pub fn for_datasource(&self, name: &str) -> QueryError {
        let kind = match self {
            UpstreamError::BadQuery(_) => QueryErrorKind::BadQuery,
            UpstreamError::Unsupported(_) | UpstreamError::Config(_) => {
                QueryErrorKind::BadDataSource
            }
            UpstreamError::Timeout(_) => QueryErrorKind::Timeout,
            UpstreamError::Unreachable(_) => QueryErrorKind::Unreachable,
            UpstreamError::Unauthorized(_) => QueryErrorKind::Unauthorized,
            UpstreamError::Upstream { .. } => QueryErrorKind::Upstream,
            UpstreamError::BadResponse(_) | UpstreamError::TooLarge(_) => {
                QueryErrorKind::BadResponse
            }
        };
        QueryError {
            kind,
            datasource: name.to_owned(),
            message: self.to_string(),
        }
    }
}

/// How a missing data source is reported; safe to show anyone (the id is
/// the caller's own), so redaction lets it through.
pub const MISSING_PREFIX: &str = "there is no data source with id";

/// Why no client could be handed out for a data source: one type for every
/// caller of `DataSourceService::upstream` (query batch, export, test).
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error("{MISSING_PREFIX} {0}; pick one from the list")]
    Missing(i64),
    /// The stored row could not be read (a storage fault: details go to the log).
    #[error("reading data source {id}: {detail}")]
    Storage { id: i64, detail: String },
    /// Stored, but its settings or secret do not make a client.
    #[error("{name}: {detail}")]
    Misconfigured { name: String, detail: String },
}

impl ClientError {
    /// The per-query error (a bad data source, naming it by id).
    pub fn for_query(&self, id: i64) -> QueryError {
        QueryError {
            kind: QueryErrorKind::BadDataSource,
            datasource: format!("data source {id}"),
            message: self.to_string(),
        }
    }

    /// The request's error: 404 for a missing source; otherwise a 400 whose
    /// detail only admins see (others get a reference to the server log).
    pub fn into_app(self, id: i64, admin: bool) -> app::error::AppError {
        use app::error::AppError;
        if let ClientError::Missing(_) = self {
            return AppError::NotFound(self.to_string());
        }
        let mut e = self.for_query(id);
        if !admin {
            crate::query::batch::redact(&mut e);
        }
        AppError::Invalid(e.message)
    }
}
