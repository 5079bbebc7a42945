//! What can go wrong talking to an upstream, classified for the user.

use app::model::{QueryError, QueryErrorKind};

#[derive(Debug, thiserror::Error)]
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
