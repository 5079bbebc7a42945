//! A panic inside a request becomes a 500 that carries a reference, is
//! logged once with that reference, and is counted in `/metrics`
//! (`lookout_panics_total`). It should never happen: input is checked before
//! use. This is the net under that rule, so one bad request never drops a
//! connection without an answer or takes the process down.

use std::any::Any;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

static PANICS: AtomicU64 = AtomicU64::new(0);

/// Panics caught since start.
pub fn count() -> u64 {
    PANICS.load(Ordering::Relaxed)
}

/// The answer to a request whose handler panicked.
pub fn answer(payload: Box<dyn Any + Send + 'static>) -> Response {
    PANICS.fetch_add(1, Ordering::Relaxed);
    let reference = format!("ref {:08x}", rand::random::<u32>());
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into());
    tracing::error!(panic = %what, reference, "request handler panicked");
    let body = serde_json::json!({
        "error": format!("Something went wrong on the server ({reference}). Tell an admin this reference."),
    });
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_a_counted_500_with_a_reference() {
        let before = count();
        let res = answer(Box::new("index out of bounds"));
        assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(count(), before + 1);
        let res = answer(Box::new(String::from("boom")));
        assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(count(), before + 2);
    }
}
