//! `GET /api/v1/export`: the current log search as a CSV or NDJSON download,
//! streamed page by page. Any logged-in user; non-admins get masked values.

use app::error::AppError;
use app::model::{QueryErrorKind, Role, TimeRange};
use axum::body::Body;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::{Actor, ApiQuery};
use crate::query::export::{self, Export, Format, Source};
use crate::state::AppState;
use crate::web::status::ApiError;

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Params {
    /// The log data source's id.
    datasource: i64,
    /// The search, in the same syntax as Explore; empty matches everything.
    #[serde(default)]
    query: String,
    /// Range start, epoch milliseconds.
    from_ms: i64,
    /// Range end, epoch milliseconds.
    to_ms: i64,
    #[param(inline)]
    format: Format,
    /// Index pattern; the data source's own when empty.
    #[serde(default)]
    index: Option<String>,
    /// Rows wanted; the server's `--export-max-rows` caps it.
    #[serde(default)]
    limit: Option<u64>,
    /// Comma-separated CSV columns; empty means every field.
    #[serde(default)]
    columns: Option<String>,
}

/// Download a log search
///
/// Any logged-in user: the search as CSV or NDJSON, streamed page by page.
/// Non-admins get masked values. `X-Lookout-Rows` says how
/// many rows come and `X-Lookout-Limit` the cap that applied.
#[utoipa::path(get, path = "/api/v1/export", tag = "query", operation_id = "export", params(Params),
    responses((status = 200, description = "The rows, as a download.",
        content((String = "text/csv"), (String = "application/x-ndjson")))))]
pub async fn run(
    State(state): State<AppState>,
    Actor(actor, _): Actor,
    ApiQuery(p): ApiQuery<Params>,
) -> Result<Response, ApiError> {
    let range = TimeRange {
        from_ms: p.from_ms,
        to_ms: p.to_ms,
    };
    state
        .datasources
        .query_limits()
        .range(&range)
        .map_err(|why| AppError::invalid(format!("{why}.")))?;
    let cap = state.config.export_max_rows;
    let limit = p.limit.unwrap_or(cap).clamp(1, cap);
    let admin = actor.role.allows(Role::Admin);
    let (name, upstream) = state
        .datasources
        .upstream(p.datasource)
        .await
        .map_err(|e| e.into_app(p.datasource, admin))?;
    let masker = (!admin).then(|| state.masker.clone());
    if let Some(m) = &masker {
        m.check_search(&p.query)
            .map_err(|why| AppError::invalid(format!("{why}.")))?;
    }
    let columns = p
        .columns
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(String::from)
        .collect();
    let job = Export {
        datasource: p.datasource,
        query: p.query,
        range,
        index: p.index.filter(|i| !i.trim().is_empty()),
        format: p.format,
        limit,
        max_bytes: state.config.export_max_bytes,
        columns,
    };
    let (total, stream) = export::start(
        job,
        Source {
            name,
            upstream,
            masker,
        },
    )
    .await
    .map_err(|e| match e.kind {
        QueryErrorKind::BadQuery | QueryErrorKind::BadDataSource => {
            AppError::Invalid(e.to_string())
        }
        _ => AppError::Transport(e.to_string()),
    })?;
    let (mime, ext) = match p.format {
        Format::Csv => ("text/csv; charset=utf-8", "csv"),
        Format::Ndjson => ("application/x-ndjson", "ndjson"),
    };
    let rows = total.value.min(limit);
    Ok((
        [
            (header::CONTENT_TYPE, mime.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"lookout-logs-{}.{ext}\"", p.from_ms),
            ),
            (
                header::HeaderName::from_static("x-lookout-rows"),
                rows.to_string(),
            ),
            (
                header::HeaderName::from_static("x-lookout-limit"),
                limit.to_string(),
            ),
        ],
        Body::from_stream(stream),
    )
        .into_response())
}
