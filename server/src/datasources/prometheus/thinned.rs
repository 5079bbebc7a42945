//! A parsed range answer and the panel-width cuts already made from it.
//!
//! A kept answer is shared by every viewer of the same panel, and each of
//! them asks for the same cut (same step-aligned range, same width). Thinning
//! 50 series of 5,760 points was 17% of a cached answer's CPU, so the last
//! few cuts are kept beside the parsed answer and live exactly as long.
//! Together they hold at most as many points as the answer itself, which
//! the answer cache's weigher counts.
//!
//! A cut is kept only when it is asked for a second time: one asked for
//! once (a viewer's odd width) is not held for the answer's whole TTL.
//! From then on every asker gets the kept cut itself, behind an `Arc`, and
//! serializes from it; before, each got a copy (for 50 series, 2.4 MB and
//! a few hundred microseconds per request).
//!
//! A fresh answer may come with its first cut made already, series by
//! series as they downloaded (`parse::matrix_reader`): the first caller to
//! ask for that cut takes it as it is.

use std::sync::{Arc, Mutex};

use app::model::Series;

use crate::query::decimate;

/// Cuts remembered per answer: a few panel widths (or ranges within one step).
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
    cuts: Mutex<Vec<(Cut, Kept)>>,
}

/// A cut asked for once (remembered, not kept), made while the answer
/// downloaded (for its first asker to take, never cloned), or its series,
/// shared.
#[derive(Debug, Clone)]
enum Kept {
    Seen,
    Ready(Vec<Series>),
    Made(Arc<Vec<Series>>),
}

impl Kept {
    fn points(&self) -> u64 {
        match self {
            Kept::Seen => 0,
            Kept::Ready(s) => points(s),
            Kept::Made(s) => points(s),
        }
    }
}

impl Matrix {
    pub fn new(series: Vec<Series>) -> Self {
        Self {
            points: points(&series),
            series,
            cuts: Mutex::default(),
        }
    }

    /// `series` with `made`, their cut for `cut`, ready for its first asker.
    pub fn with_ready(series: Vec<Series>, cut: Cut, made: Vec<Series>) -> Self {
        let m = Self::new(series);
        m.lock().push((cut, Kept::Ready(made)));
        m
    }

    /// Points over all series, before any cut.
    pub fn points(&self) -> u64 {
        self.points
    }

    /// The series thinned to `cut`: made on the first two asks (or taken
    /// ready-made on the first), kept on the second, shared from there on
    /// (every viewer's answer is serialized from the one kept cut).
    /// Answers that need no thinning are not kept twice; older cuts go
    /// first when the kept ones would hold more points than the answer.
    pub fn cut(&self, cut: Cut) -> Arc<Vec<Series>> {
        let (seen, ready) = match self.find(cut) {
            Some(Kept::Made(done)) => return done,
            Some(Kept::Ready(made)) => (false, Some(made)),
            Some(Kept::Seen) => (true, None),
            None => (false, None),
        };
        // Made outside the lock: two callers may both thin, same result.
        let made = ready.unwrap_or_else(|| self.series.iter().map(|s| thin(s, cut)).collect());
        let thinned = self
            .series
            .iter()
            .any(|s| s.values.len() > cut.width as usize);
        let shared = Arc::new(made);
        if !thinned {
            return shared;
        }
        if !seen {
            self.remember(cut, Kept::Seen);
            return shared;
        }
        self.remember(cut, Kept::Made(shared.clone()));
        shared
    }

    /// What is held for `cut`: a ready-made cut is taken out (it is its
    /// first asker's), anything else cloned (a shared cut's `Arc` under the
    /// lock, its series after it).
    fn find(&self, cut: Cut) -> Option<Kept> {
        let mut kept = self.lock();
        let i = kept.iter().position(|(k, _)| *k == cut)?;
        match kept[i].1 {
            Kept::Ready(_) => Some(kept.remove(i).1),
            ref other => Some(other.clone()),
        }
    }

    /// Puts `what` first for `cut` (replacing a mere sighting, never a made
    /// cut), then drops the oldest past `KEEP` or past the answer's points.
    /// The ready-made cut goes too, so what is held stays within the
    /// answer's points: its first asker has taken it by now, or has gone, or
    /// (rarely, after a waiter for another width) makes its own.
    fn remember(&self, cut: Cut, what: Kept) {
        let mut kept = self.lock();
        kept.retain(|(_, s)| !matches!(s, Kept::Ready(_)));
        match kept.iter().position(|(k, _)| *k == cut) {
            Some(i) if matches!(kept[i].1, Kept::Made(_)) => return,
            Some(i) => {
                kept.remove(i);
            }
            None => {}
        }
        kept.insert(0, (cut, what));
        let mut held = 0;
        let within = kept
            .iter()
            .take(KEEP)
            .take_while(|(_, s)| {
                held += s.points();
                held <= self.points
            })
            .count();
        kept.truncate(within);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<(Cut, Kept)>> {
        self.cuts.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Points over all `series`.
pub fn points(series: &[Series]) -> u64 {
    series.iter().map(|s| s.values.len() as u64).sum()
}

/// Keeps the per-pixel-column extremes of a series longer than the panel is wide.
pub fn thin(s: &Series, cut: Cut) -> Series {
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

    /// The shared series kept for `cut`, if any.
    fn made(m: &Matrix, cut: Cut) -> Option<Arc<Vec<Series>>> {
        m.lock().iter().find_map(|(k, s)| match s {
            Kept::Made(done) if *k == cut => Some(done.clone()),
            _ => None,
        })
    }

    #[test]
    fn a_cut_is_kept_on_its_second_ask_and_equals_a_fresh_one() {
        let m = Matrix::new(vec![long(5000)]);
        let cut = cut(100);
        let first = m.cut(cut);
        assert!(made(&m, cut).is_none(), "the first caller owns its cut");
        let second = m.cut(cut);
        let kept = made(&m, cut).expect("kept on the second ask");
        let third = m.cut(cut);
        assert!(
            Arc::ptr_eq(&kept, &made(&m, cut).unwrap()),
            "not made again"
        );
        assert!(Arc::ptr_eq(&kept, &third), "shared, not copied");
        assert_eq!(*first, vec![thin(&m.series[0], cut)]);
        assert_eq!((&second, &third), (&first, &first));
        assert!(first[0].values.len() <= 400, "{}", first[0].values.len());
    }

    #[test]
    fn only_the_last_few_cuts_are_kept() {
        let m = Matrix::new(vec![long(5000)]);
        let first = m.cut(cut(100));
        m.cut(cut(100));
        for w in 101..101 + KEEP as u32 {
            m.cut(cut(w));
            m.cut(cut(w));
        }
        assert_eq!(m.lock().len(), KEEP);
        assert!(made(&m, cut(100)).is_none(), "the oldest cut was dropped");
        assert_eq!(first, m.cut(cut(100)));
    }

    #[test]
    fn the_cuts_kept_hold_no_more_points_than_the_answer() {
        let m = Matrix::new(vec![long(5000)]);
        // Each cut of width 1,000 keeps about 4,000 of the 5,000 points.
        for w in [1000, 1000, 1001, 1001] {
            m.cut(cut(w));
        }
        assert!(made(&m, cut(1001)).is_some());
        assert!(made(&m, cut(1000)).is_none());
        assert_eq!(m.lock().len(), 1);
    }

    #[test]
    fn a_ready_cut_goes_to_its_first_asker_only() {
        let series = vec![long(5000)];
        let fresh = Matrix::new(series.clone()).cut(cut(100));
        let marked = vec![long(3)];
        let m = Matrix::with_ready(series, cut(100), marked.clone());
        assert_eq!(m.cut(cut(99)).len(), 1, "another width is thinned anew");
        assert!(
            !m.lock().iter().any(|(_, s)| matches!(s, Kept::Ready(_))),
            "and the ready cut dropped"
        );
        let m = Matrix::with_ready(vec![long(5000)], cut(100), marked.clone());
        assert_eq!(*m.cut(cut(100)), marked, "taken as it is, not made again");
        assert_eq!(m.cut(cut(100)), fresh, "the next asker makes its own");
    }

    #[test]
    fn short_series_are_not_kept_twice() {
        let m = Matrix::new(vec![long(50)]);
        let cut = Cut {
            to_ms: 50_000,
            ..cut(100)
        };
        assert_eq!(m.cut(cut)[0], m.series[0]);
        assert_eq!(m.cut(cut)[0], m.series[0]);
        assert!(m.lock().is_empty());
    }
}
