//! Fails fast while a data source cannot be reached. After [`TRIP`] failed
//! connections in a row, its requests fail at once for [`COOL`], saying why
//! and when it is tried again; then one request is let through to try, and
//! a success closes the breaker.
//!
//! Why: a host that drops packets makes every request wait out the connect
//! timeout (up to 10 s). During an outage, when everyone opens the
//! dashboards, each panel would hold a request slot (see
//! `web::admission`) and an upstream permit for that long, starving the
//! panels of healthy data sources. Only connection failures count: a query
//! that is slow or rejected says nothing about the others.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::super::UpstreamError;

/// Failed connections in a row that open the breaker.
pub const TRIP: u32 = 3;
/// How long an open breaker fails requests before one is tried again.
pub const COOL: Duration = Duration::from_secs(5);

#[derive(Debug, Default)]
struct State {
    failures: u32,
    open_until: Option<Instant>,
    last: String,
}

/// One client's breaker (an edited data source gets a new client, and so a
/// closed breaker).
#[derive(Debug, Default)]
pub struct Breaker(Mutex<State>);

impl Breaker {
    /// Whether a request may go out now; once the breaker has cooled down,
    /// this lets one through (the next wait another [`COOL`]).
    pub fn check(&self, now: Instant) -> Result<(), UpstreamError> {
        let Ok(mut s) = self.0.lock() else {
            return Ok(());
        };
        match s.open_until {
            Some(until) if now < until => Err(UpstreamError::Unreachable(format!(
                "{} ({} failed connections in a row; tried again in {} s)",
                s.last,
                s.failures,
                until.saturating_duration_since(now).as_secs().max(1)
            ))),
            Some(_) => {
                s.open_until = Some(now + COOL);
                Ok(())
            }
            None => Ok(()),
        }
    }

    /// Records how a request that went out ended.
    pub fn record<T>(&self, outcome: &Result<T, UpstreamError>, now: Instant) {
        let Ok(mut s) = self.0.lock() else { return };
        match outcome {
            Err(UpstreamError::Unreachable(cause)) => {
                s.failures = s.failures.saturating_add(1);
                s.last = cause.clone();
                if s.failures >= TRIP {
                    s.open_until = Some(now + COOL);
                }
            }
            _ => {
                s.failures = 0;
                s.open_until = None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn down() -> Result<(), UpstreamError> {
        Err(UpstreamError::Unreachable("connection refused".into()))
    }

    #[test]
    fn opens_after_failed_connections_cools_down_and_closes_on_success() {
        let (b, t0) = (Breaker::default(), Instant::now());
        for _ in 0..TRIP - 1 {
            b.record(&down(), t0);
            assert!(b.check(t0).is_ok(), "still closed below the trip count");
        }
        b.record(&down(), t0);
        let err = b
            .check(t0 + Duration::from_secs(1))
            .unwrap_err()
            .to_string();
        assert!(err.contains("connection refused"), "{err}");
        assert!(
            err.contains("3 failed connections in a row; tried again in 4 s"),
            "{err}"
        );
        // Cooled down: exactly one goes through to try.
        let later = t0 + COOL;
        assert!(b.check(later).is_ok());
        assert!(b.check(later).is_err());
        b.record(&Ok::<(), UpstreamError>(()), later);
        assert!(b.check(later).is_ok(), "a success closes it");
    }

    #[test]
    fn slow_or_rejected_queries_do_not_open_it() {
        let (b, t0) = (Breaker::default(), Instant::now());
        for _ in 0..10 {
            b.record(&Err::<(), _>(UpstreamError::Timeout(700)), t0);
            b.record(
                &Err::<(), _>(UpstreamError::BadQuery("parse error".into())),
                t0,
            );
        }
        assert!(b.check(t0).is_ok());
    }
}
