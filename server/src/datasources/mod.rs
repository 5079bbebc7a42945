//! Data sources: one folder per kind, each split into `request.rs` (builds
//! the upstream request; pure), `client.rs` (sends it; HTTP only) and
//! `parse.rs` (upstream JSON → Lookout's normalized types; pure).
//! Adding a kind is one folder and one line in [`connect`].

pub mod cache;
pub mod elasticsearch;
pub mod error;
pub mod http;
mod input;
pub mod link;
mod names;
pub mod prometheus;
pub mod service;
pub mod shared;

use std::sync::Arc;

use app::model::{DataSourceKind, DataSourceSettings, Query, QueryData, QueryStats};

pub use error::UpstreamError;

use crate::secrets::Secret;

/// One configured upstream, ready to query.
#[async_trait::async_trait]
pub trait Upstream: Send + Sync {
    /// The upstream's version or health, for "Save & test".
    async fn health(&self) -> Result<String, UpstreamError>;
    /// Runs one query; kinds answer `Unsupported` for queries they cannot run.
    async fn run(
        &self,
        query: &Query,
        scope: &Scope,
    ) -> Result<(QueryData, QueryStats), UpstreamError>;
}

/// What the caller may search: for non-admins, the field-name patterns of
/// secret fields, which searches must not match in.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    pub hidden_fields: Vec<String>,
}

/// The registry: builds the upstream for a kind.
pub fn connect(
    settings: &DataSourceSettings,
    secret: Option<&Secret>,
    limits: http::Limits,
) -> Result<Arc<dyn Upstream>, UpstreamError> {
    let http = http::HttpClient::new(settings, secret, limits)?;
    Ok(match settings.kind {
        DataSourceKind::Prometheus => Arc::new(prometheus::Prometheus::new(http, settings)),
        DataSourceKind::Elasticsearch => {
            Arc::new(elasticsearch::Elasticsearch::new(http, settings))
        }
    })
}
