//! Query answers written as JSON into one buffer sized for them.
//!
//! axum's `Json` writes into a buffer that starts at 128 bytes and doubles:
//! a 50-series answer (about 1 MB of JSON) moved its bytes a dozen times,
//! part of the memmove that was 8.7% of an uncached query's CPU. The points
//! each answer carries are counted already (`stats.points_out`), so the
//! size is known closely enough to allocate once.

use app::error::AppError;
use app::model::{QueryAnswer, QueryOutcome};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::web::status::ApiError;

/// JSON bytes per point: a 13-digit millisecond timestamp and a value of up
/// to 17 significant digits, with their separators.
const BYTES_PER_POINT: u64 = 34;
/// Labels, stats and the answer's own fields.
const BYTES_PER_ANSWER: u64 = 512;
/// A hint, not a limit: past this the buffer grows as it must.
const MAX_HINT: u64 = 16 << 20;

/// `T` as JSON, written into a buffer of (at first) this many bytes: see
/// `size_hint`.
pub struct AnswersJson<T>(pub T, pub usize);

/// About how many bytes `answers` take as JSON.
pub fn size_hint(answers: &[QueryAnswer]) -> usize {
    let bytes: u64 = answers
        .iter()
        .map(|a| match &a.outcome {
            QueryOutcome::Data { stats, .. } => {
                BYTES_PER_ANSWER.saturating_add(stats.points_out.saturating_mul(BYTES_PER_POINT))
            }
            QueryOutcome::Error { .. } => BYTES_PER_ANSWER,
        })
        .fold(64, u64::saturating_add);
    bytes.min(MAX_HINT) as usize
}

impl<T: Serialize> IntoResponse for AnswersJson<T> {
    fn into_response(self) -> Response {
        let mut buf = Vec::with_capacity(self.1);
        if let Err(e) = serde_json::to_writer(&mut buf, &self.0) {
            let msg = format!("The answer could not be written as JSON: {e}");
            return ApiError(AppError::Internal(msg)).into_response();
        }
        ([(header::CONTENT_TYPE, "application/json")], buf).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::model::{QueryData, QueryStats, Series};

    #[test]
    fn the_hint_covers_a_typical_answer_without_doubling_it() {
        let n = 2000;
        let series = Series {
            labels: [("instance".into(), "node-exporter:9100".into())].into(),
            timestamps_ms: (0..n).map(|i| 1_764_000_000_000 + i * 15_000).collect(),
            values: (0..n).map(|i| Some(i as f64 / 7.0)).collect(),
        };
        let answer = QueryAnswer {
            ref_id: "A".into(),
            outcome: QueryOutcome::Data {
                data: QueryData::Series {
                    series: vec![series; 10].into(),
                    step_ms: 15_000,
                },
                stats: QueryStats {
                    points_out: 10 * n as u64,
                    ..QueryStats::default()
                },
            },
        };
        let answers = vec![answer];
        let json = serde_json::to_vec(&answers).unwrap();
        let hint = size_hint(&answers);
        assert!(hint >= json.len(), "hint {hint} < {} bytes", json.len());
        assert!(
            hint < json.len() * 2,
            "hint {hint} ≥ 2 × {} bytes",
            json.len()
        );
    }
}
