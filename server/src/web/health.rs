//! `/healthz` (the process is up), `/readyz` (the database answers) and
//! `/metrics` (Prometheus text format).

use std::time::Duration;

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use sha2::Digest;

use crate::state::AppState;
use crate::storage;

pub async fn healthz() -> &'static str {
    "ok\n"
}

pub async fn readyz(State(state): State<AppState>) -> Response {
    let ready = tokio::time::timeout(Duration::from_secs(2), storage::ping(&state.pool)).await;
    match ready {
        // Reads still work on a read-only database, so Lookout stays ready
        // and says so; saves answer 503 with a message meanwhile.
        Ok(true)
            if !tokio::time::timeout(Duration::from_secs(1), storage::writable(&state.pool))
                .await
                .unwrap_or(false) =>
        {
            (
                StatusCode::OK,
                "ready; database read-only: saves will fail\n",
            )
                .into_response()
        }
        Ok(true) => (StatusCode::OK, "ready\n").into_response(),
        _ => (StatusCode::SERVICE_UNAVAILABLE, "database not answering\n").into_response(),
    }
}

pub async fn metrics(State(state): State<AppState>, headers: HeaderMap) -> Response {
    match &state.config.metrics_token {
        Some(expected) => {
            let given = crate::auth::tokens::bearer(&headers);
            let ok = given.is_some_and(|g| {
                sha2::Sha256::digest(g.as_bytes()) == sha2::Sha256::digest(expected.as_bytes())
            });
            if !ok {
                return (
                    StatusCode::UNAUTHORIZED,
                    "metrics need the configured bearer token\n",
                )
                    .into_response();
            }
        }
        None if !state.config.metrics_public => {
            return (
                StatusCode::FORBIDDEN,
                "metrics are off: start Lookout with --metrics-token (scrape with that bearer token), or --metrics-public for a demo\n",
            )
                .into_response();
        }
        None => {}
    }
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        {
            let mut out = state.metrics.render();
            state.datasources.render_metrics(&mut out);
            state.admission.render(&mut out);
            out
        },
    )
        .into_response()
}
