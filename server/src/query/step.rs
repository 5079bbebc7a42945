//! Steps and intervals, computed the way Grafana does so charts match.

use app::model::time::NICE_MS;

/// Prometheus refuses more points than this per series.
pub const MAX_POINTS: i64 = 11_000;

/// A range query's step and aligned bounds, all in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub start_ms: i64,
    pub end_ms: i64,
    pub step_ms: i64,
}

/// `max(range / max_data_points, scrape interval, range / 11000, min_step)`,
/// rounded up to a whole second (to a millisecond below one second), with
/// start and end aligned to the step so refreshes hit the same samples.
pub fn range_step(
    from_ms: i64,
    to_ms: i64,
    max_data_points: u32,
    scrape_ms: i64,
    min_step_ms: i64,
) -> Step {
    let range = (to_ms - from_ms).max(1);
    let raw = [
        range / i64::from(max_data_points.max(1)),
        scrape_ms,
        range / MAX_POINTS,
        min_step_ms,
        1,
    ]
    .into_iter()
    .max()
    .unwrap_or(1);
    let mut step_ms = if raw >= 1000 {
        (raw + 999) / 1000 * 1000
    } else {
        raw
    };
    loop {
        let start_ms = from_ms.div_euclid(step_ms) * step_ms;
        let end_ms = (to_ms + step_ms - 1).div_euclid(step_ms) * step_ms;
        if (end_ms - start_ms) / step_ms < MAX_POINTS {
            return Step {
                start_ms,
                end_ms,
                step_ms,
            };
        }
        step_ms += if step_ms >= 1000 { 1000 } else { 1 };
    }
}

/// The smallest nice interval giving at most 100 bars: so 40–100 bars.
pub fn histogram_interval(from_ms: i64, to_ms: i64) -> i64 {
    let range = (to_ms - from_ms).max(1);
    NICE_MS
        .into_iter()
        .find(|n| range / n <= 100)
        .unwrap_or(NICE_MS[NICE_MS.len() - 1])
}

/// Elasticsearch's spelling of an interval: `30s`, `5m`, `1h`, `1d`.
pub fn es_interval(ms: i64) -> String {
    match ms {
        m if m % 86_400_000 == 0 => format!("{}d", m / 86_400_000),
        m if m % 3_600_000 == 0 => format!("{}h", m / 3_600_000),
        m if m % 60_000 == 0 => format!("{}m", m / 60_000),
        m if m % 1000 == 0 => format!("{}s", m / 1000),
        m => format!("{m}ms"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const H: i64 = 3_600_000;

    #[test]
    fn width_bound_step_for_a_day_at_1000px() {
        let s = range_step(0, 24 * H, 1000, 15_000, 0);
        assert_eq!(s.step_ms, 87_000, "86.4 s rounds up to 87 s");
        assert!((s.end_ms - s.start_ms) / s.step_ms <= 1000);
    }

    #[test]
    fn scrape_interval_is_a_floor() {
        assert_eq!(range_step(0, H, 2000, 15_000, 0).step_ms, 15_000);
    }

    #[test]
    fn never_more_than_11000_points() {
        let s = range_step(0, 30 * 24 * H, 100_000, 1000, 0);
        assert!((s.end_ms - s.start_ms) / s.step_ms < MAX_POINTS, "{s:?}");
    }

    #[test]
    fn bounds_are_aligned_to_the_step_and_cover_the_range() {
        let s = range_step(1_000_123, 1_000_123 + H, 100, 0, 0);
        assert_eq!(s.start_ms % s.step_ms, 0);
        assert_eq!(s.end_ms % s.step_ms, 0);
        assert!(s.start_ms <= 1_000_123 && s.end_ms >= 1_000_123 + H);
    }

    #[test]
    fn min_step_wins_when_larger() {
        assert_eq!(range_step(0, H, 10_000, 15_000, 60_000).step_ms, 60_000);
    }

    #[test]
    fn histograms_have_40_to_100_bars() {
        for range in [
            5 * 60_000,
            15 * 60_000,
            H,
            6 * H,
            24 * H,
            7 * 24 * H,
            30 * 24 * H,
        ] {
            let bars = range / histogram_interval(0, range);
            assert!((40..=100).contains(&bars), "range {range}: {bars} bars");
        }
        assert_eq!(es_interval(300_000), "5m");
        assert_eq!(es_interval(86_400_000), "1d");
    }
}
