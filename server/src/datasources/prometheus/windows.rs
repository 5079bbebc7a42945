//! A fine resolution over a long range: Prometheus answers at most 11,000
//! points per series, so such a query is split into consecutive windows,
//! fetched a few at a time, and the series stitched back together by label
//! set before decimation to the panel's width.

use std::collections::BTreeMap;

use app::model::Series;

use crate::query::step::Step;

/// Steps per window (below Prometheus's 11,000-point limit).
pub const PER_WINDOW: i64 = 10_000;
/// Points per series Lookout will fetch at most; finer steps are coarsened.
pub const MAX_TOTAL: i64 = 1_000_000;

/// The asked-for step over the whole range, aligned, coarsened to `MAX_TOTAL`.
pub fn fine_step(from_ms: i64, to_ms: i64, step_ms: i64) -> Step {
    let step_ms = step_ms.max(1).max((to_ms - from_ms) / MAX_TOTAL);
    Step {
        start_ms: from_ms.div_euclid(step_ms) * step_ms,
        end_ms: (to_ms + step_ms - 1).div_euclid(step_ms) * step_ms,
        step_ms,
    }
}

/// Consecutive, non-overlapping windows covering `step`'s range.
pub fn split(step: Step) -> Vec<Step> {
    let span = PER_WINDOW * step.step_ms;
    let mut out = Vec::new();
    let mut start = step.start_ms;
    while start <= step.end_ms {
        let end = (start + span - step.step_ms).min(step.end_ms);
        out.push(Step {
            start_ms: start,
            end_ms: end,
            step_ms: step.step_ms,
        });
        start = end + step.step_ms;
    }
    out
}

/// The windows' series joined per label set, in time order.
pub fn stitch(parts: Vec<Vec<Series>>) -> Vec<Series> {
    let mut by_labels: BTreeMap<Vec<(String, String)>, Series> = BTreeMap::new();
    for part in parts {
        for s in part {
            let key: Vec<(String, String)> = s.labels.clone().into_iter().collect();
            match by_labels.get_mut(&key) {
                Some(whole) => {
                    whole.timestamps_ms.extend(s.timestamps_ms);
                    whole.values.extend(s.values);
                }
                None => {
                    by_labels.insert(key, s);
                }
            }
        }
    }
    by_labels.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_cover_the_range_once() {
        let step = fine_step(0, 100_800_000, 1000);
        let windows = split(step);
        assert_eq!(windows.len(), 11);
        assert_eq!(windows[0].start_ms, 0);
        assert_eq!(windows[0].end_ms, 9_999_000);
        assert_eq!(windows[1].start_ms, 10_000_000);
        assert_eq!(windows.last().unwrap().end_ms, 100_800_000);
        let points: i64 = windows
            .iter()
            .map(|w| (w.end_ms - w.start_ms) / w.step_ms + 1)
            .sum();
        assert_eq!(points, 100_801, "every step exactly once");
        assert_eq!(
            fine_step(0, 10_000_000_000, 1).step_ms,
            10_000,
            "capped at a million points"
        );
    }

    #[test]
    fn stitches_by_label_set() {
        let s = |name: &str, t: i64| Series {
            labels: [("instance".to_owned(), name.to_owned())].into(),
            timestamps_ms: vec![t],
            values: vec![Some(t as f64)],
        };
        let joined = stitch(vec![vec![s("a", 1), s("b", 1)], vec![s("b", 2), s("a", 2)]]);
        assert_eq!(joined.len(), 2);
        assert_eq!(joined[0].timestamps_ms, vec![1, 2]);
        assert_eq!(joined[1].values, vec![Some(1.0), Some(2.0)]);
    }
}
