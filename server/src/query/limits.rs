//! Every number a user sends is range-checked here, before any arithmetic
//! on it: times, spans, steps, sizes. Past this check the time and step code
//! cannot overflow, and a query's points and windows are bounded.

use app::model::{Query, TimeRange};

/// The earliest time accepted: 1970-01-01 (the epoch).
pub const MIN_MS: i64 = 0;
/// The latest time accepted: 9999-12-31T23:59:59.999Z.
pub const MAX_MS: i64 = 253_402_300_799_999;
/// The largest `max_data_points` (a panel wider than this is decimated).
pub const MAX_WIDTH: u32 = 10_000;
/// The most hits one page may ask for.
pub const MAX_PAGE: u32 = 1_000;

/// Bounds set by flags.
#[derive(Debug, Clone, Copy)]
pub struct QueryLimits {
    /// The longest range one query may cover.
    pub max_range_ms: i64,
    /// The most points per series an asked-for step may fetch.
    pub max_points: i64,
}

impl QueryLimits {
    pub fn new(max_range_days: i64, max_points: i64) -> Self {
        Self {
            max_range_ms: max_range_days.clamp(1, 36_600).saturating_mul(86_400_000),
            max_points: max_points.clamp(1_000, 10_000_000),
        }
    }

    /// Whether `q` is within bounds; if not, what to change, in words.
    pub fn check(&self, q: &Query) -> Result<(), String> {
        match q {
            Query::Range {
                range,
                max_data_points,
                min_step_ms,
                step_ms,
                ..
            } => {
                self.range(range)?;
                if *max_data_points == 0 || *max_data_points > MAX_WIDTH {
                    return Err(format!("max_data_points must be between 1 and {MAX_WIDTH}"));
                }
                let span = range.to_ms - range.from_ms;
                for (name, v) in [("step_ms", step_ms), ("min_step_ms", min_step_ms)] {
                    if let Some(v) = v {
                        if *v < 1 || *v > span.max(1) {
                            return Err(format!(
                                "{name} must be between 1 ms and the range ({span} ms); got {v}"
                            ));
                        }
                    }
                }
                if let Some(step) = step_ms {
                    if span / step > self.max_points {
                        let min = (span / self.max_points).max(1) + 1;
                        return Err(format!(
                            "a {step} ms step over this range is {} points per series; \
                             Lookout fetches at most {}: use a step of at least {min} ms, \
                             or a shorter range",
                            span / step,
                            self.max_points
                        ));
                    }
                }
                Ok(())
            }
            Query::Instant { time_ms, .. } => time(*time_ms, "time_ms"),
            Query::Logs { range, size, .. } => {
                self.range(range)?;
                page(*size)
            }
            Query::Context { size, .. } => page(*size),
            Query::LogHistogram { range, .. } | Query::TopValues { range, .. } => self.range(range),
            _ => Ok(()),
        }
    }

    /// Both ends within [`MIN_MS`]..=[`MAX_MS`], `to` after `from`, and the
    /// span within the limit.
    pub fn range(&self, r: &TimeRange) -> Result<(), String> {
        time(r.from_ms, "from")?;
        time(r.to_ms, "to")?;
        if r.to_ms <= r.from_ms {
            return Err("the time range ends before it starts: pick a later end".into());
        }
        if r.to_ms - r.from_ms > self.max_range_ms {
            return Err(format!(
                "the time range is longer than {} days: pick a shorter one",
                self.max_range_ms / 86_400_000
            ));
        }
        Ok(())
    }
}

fn time(ms: i64, name: &str) -> Result<(), String> {
    if !(MIN_MS..=MAX_MS).contains(&ms) {
        return Err(format!(
            "{name} ({ms} ms) is outside 1970-01-01 … 9999-12-31: send milliseconds since the epoch"
        ));
    }
    Ok(())
}

fn page(size: u32) -> Result<(), String> {
    if size == 0 || size > MAX_PAGE {
        return Err(format!("size must be between 1 and {MAX_PAGE}; got {size}"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(from_ms: i64, to_ms: i64, step_ms: Option<i64>) -> Query {
        Query::Range {
            datasource: 1,
            expr: "up".into(),
            range: TimeRange { from_ms, to_ms },
            max_data_points: 1000,
            min_step_ms: None,
            step_ms,
        }
    }

    #[test]
    fn extreme_numbers_are_refused_before_any_arithmetic() {
        let l = QueryLimits::new(3660, 200_000);
        let bad = [
            range(-5_000_000_000_000_000_000, 5_000_000_000_000_000_000, None),
            range(i64::MIN, i64::MAX, None),
            range(0, i64::MAX, Some(1)),
            range(10, 5, None),
            range(5, 5, None),
            range(0, 3_600_000, Some(0)),
            range(0, 3_600_000, Some(-1)),
            range(0, 3_600_000, Some(i64::MAX)),
            range(MAX_MS - 10, MAX_MS + 1, None),
            range(0, 3661 * 86_400_000, None),
            range(0, 30 * 86_400_000, Some(1)),
        ];
        for q in bad {
            assert!(l.check(&q).is_err(), "{q:?} accepted");
        }
        assert!(l.check(&range(0, 30 * 86_400_000, Some(15_000))).is_ok());
        let err = l.check(&range(0, 30 * 86_400_000, Some(1))).unwrap_err();
        assert!(err.contains("use a step of at least 12961 ms"), "{err}");
    }
}
