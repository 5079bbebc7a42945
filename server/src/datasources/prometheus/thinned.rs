//! A parsed range answer and the panel-width cuts already made from it.
//!
//! A kept answer is shared by every viewer of the same panel, and each of
//! them asks for the same cut (same step-aligned range, same width). Thinning
//! 50 series of 5,760 points was 17% of a cached answer's CPU, so the last
//! few cuts are kept beside the parsed answer and live exactly as long.
//! Together they hold at most as many points as the answer itself, which
//! the answer cache's weigher counts.

use std::sync::{Arc, Mutex};

use app::model::Series;

use crate::query::decimate;

/// Cuts kept per answer: a few panel widths (or ranges within one step).
const KEEP: usize = 4;

/// What one cut is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cut {
    pub from_ms: i64,
    pub to_ms: i64,
    pub width: u32,
}

/// Series as parsed, plus the recent cuts made from them (newest first).
pub struct Matrix {
    pub series: Vec<Series>,
    /// Points over all series, counted once.
    points: u64,
    cuts: Mutex<Vec<(Cut, Shared)>>,
}

/// One cut, shared by every caller that asks for it.
type Shared = Arc<Vec<Series>>;

impl Matrix {
    pub fn new(series: Vec<Series>) -> Self {
        Self {
            points: points(&series),
            series,
            cuts: Mutex::default(),
        }
    }

    /// Points over all series, before any cut.
    pub fn points(&self) -> u64 {
        self.points
    }

    /// The series thinned to `cut`: made once, then shared. Answers that
    /// need no thinning are not kept twice; older cuts go first when the
    /// kept ones would hold more points than the answer.
    pub fn cut(&self, cut: Cut) -> Arc<Vec<Series>> {
        let kept = self.cuts.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((_, done)) = kept.iter().find(|(k, _)| *k == cut) {
            return done.clone();
        }
        drop(kept);
        // Made outside the lock: two first callers may both thin, same result.
        let made: Arc<Vec<Series>> = Arc::new(self.series.iter().map(|s| thin(s, cut)).collect());
        if self
            .series
            .iter()
            .any(|s| s.values.len() > cut.width as usize)
        {
            let mut kept = self.cuts.lock().unwrap_or_else(|p| p.into_inner());
            if !kept.iter().any(|(k, _)| *k == cut) {
                kept.insert(0, (cut, made.clone()));
                let mut held = 0;
                let within = kept
                    .iter()
                    .take(KEEP)
                    .take_while(|(_, s)| {
                        held += points(s);
                        held <= self.points
                    })
                    .count();
                kept.truncate(within);
            }
        }
        made
    }
}

/// Points over all `series`.
pub fn points(series: &[Series]) -> u64 {
    series.iter().map(|s| s.values.len() as u64).sum()
}

/// Keeps the per-pixel-column extremes of a series longer than the panel is wide.
fn thin(s: &Series, cut: Cut) -> Series {
    if s.values.len() <= cut.width as usize {
        return s.clone();
    }
    let keep = decimate::keep(
        &s.timestamps_ms,
        &s.values,
        cut.from_ms,
        cut.to_ms,
        cut.width,
    );
    Series {
        labels: s.labels.clone(),
        timestamps_ms: keep.iter().map(|&i| s.timestamps_ms[i]).collect(),
        values: keep.iter().map(|&i| s.values[i]).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn long(n: usize) -> Series {
        Series {
            labels: [("job".to_string(), "a".to_string())].into(),
            timestamps_ms: (0..n as i64).map(|i| i * 1000).collect(),
            values: (0..n).map(|i| Some((i % 7) as f64)).collect(),
        }
    }

    /// 5,000 seconds drawn `width` columns wide.
    fn cut(width: u32) -> Cut {
        Cut {
            from_ms: 0,
            to_ms: 5_000_000,
            width,
        }
    }

    #[test]
    fn a_repeated_cut_is_shared_and_equals_a_fresh_one() {
        let m = Matrix::new(vec![long(5000)]);
        let cut = cut(100);
        let first = m.cut(cut);
        let again = m.cut(cut);
        assert!(Arc::ptr_eq(&first, &again));
        assert_eq!(*first, vec![thin(&m.series[0], cut)]);
        assert!(first[0].values.len() <= 400, "{}", first[0].values.len());
    }

    #[test]
    fn only_the_last_few_cuts_are_kept() {
        let m = Matrix::new(vec![long(5000)]);
        let first = m.cut(cut(100));
        for w in 101..101 + KEEP as u32 {
            m.cut(cut(w));
        }
        assert_eq!(m.cuts.lock().unwrap().len(), KEEP);
        let again = m.cut(cut(100));
        assert!(!Arc::ptr_eq(&first, &again), "the oldest cut was dropped");
        assert_eq!(first, again);
    }

    #[test]
    fn the_cuts_kept_hold_no_more_points_than_the_answer() {
        let m = Matrix::new(vec![long(5000)]);
        // Each cut of width 1,000 keeps about 4,000 of the 5,000 points.
        m.cut(cut(1000));
        m.cut(cut(1001));
        let kept = m.cuts.lock().unwrap();
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].0, cut(1001));
    }

    #[test]
    fn short_series_are_not_kept_twice() {
        let m = Matrix::new(vec![long(50)]);
        let cut = Cut {
            to_ms: 50_000,
            ..cut(100)
        };
        assert_eq!(m.cut(cut)[0], m.series[0]);
        assert!(m.cuts.lock().unwrap().is_empty());
    }
}
