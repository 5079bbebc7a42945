//! Per-pixel decimation: when a series has more points than the panel has
//! pixel columns, keep each column's first, last, minimum and maximum, so a
//! one-sample spike still shows. Output is bounded by 4 × width.

/// Indices of the points to keep, in time order.
pub fn keep(
    timestamps_ms: &[i64],
    values: &[Option<f64>],
    from_ms: i64,
    to_ms: i64,
    columns: u32,
) -> Vec<usize> {
    let n = timestamps_ms.len();
    let columns = columns.max(1) as usize;
    if n <= columns {
        return (0..n).collect();
    }
    let span = (to_ms - from_ms).max(1) as i128;
    let column_of = |t: i64| {
        (((t - from_ms).max(0) as i128 * columns as i128) / span).min(columns as i128 - 1) as usize
    };
    // Where column `c` starts: the least `t` with `column_of(t) >= c`. One
    // 128-bit division per column, not two per sample (they were a tenth
    // of a 50-series answer's time).
    let start_of = |c: usize| {
        let c = c as i128;
        from_ms + ((c * span + columns as i128 - 1) / columns as i128) as i64
    };
    let mut out = Vec::with_capacity(columns * 4);
    let mut i = 0;
    while i < n {
        let col = column_of(timestamps_ms[i]);
        let end = if col + 1 < columns {
            start_of(col + 1)
        } else {
            i64::MAX
        };
        // The first point is in its own column by construction; taking it
        // unconditionally also guarantees progress.
        let start = i;
        i += 1;
        while i < n && timestamps_ms[i] < end {
            i += 1;
        }
        pick(values, start..i, &mut out);
    }
    out
}

/// Adds the first, minimum, maximum and last of one column's points
/// (`group`, never empty), in time order and each once.
fn pick(values: &[Option<f64>], group: std::ops::Range<usize>, out: &mut Vec<usize>) {
    let (first, last) = (group.start, group.end - 1);
    let (mut min, mut max) = (None::<usize>, None::<usize>);
    for i in group {
        if let Some(v) = values[i] {
            if min.is_none_or(|m| v < values[m].unwrap_or(f64::INFINITY)) {
                min = Some(i);
            }
            if max.is_none_or(|m| v > values[m].unwrap_or(f64::NEG_INFINITY)) {
                max = Some(i);
            }
        }
    }
    let mut picks = [Some(first), min, max, Some(last)];
    picks.sort();
    let before = out.len();
    for p in picks.into_iter().flatten() {
        if out[before..].last() != Some(&p) {
            out.push(p);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_series_are_untouched() {
        let t = [0, 10, 20];
        assert_eq!(
            keep(&t, &[Some(1.0), Some(2.0), Some(3.0)], 0, 30, 100),
            vec![0, 1, 2]
        );
    }

    #[test]
    fn a_single_sample_spike_survives_and_output_is_bounded() {
        let n = 100_000;
        let t: Vec<i64> = (0..n).map(|i| i as i64 * 15_000).collect();
        let mut v: Vec<Option<f64>> = (0..n).map(|i| Some((i % 7) as f64)).collect();
        v[54_321] = Some(1e9);
        let kept = keep(&t, &v, 0, t[n - 1], 1000);
        assert!(kept.len() <= 4000, "{}", kept.len());
        assert!(kept.contains(&54_321), "the spike is kept");
        assert!(
            kept.windows(2).all(|w| w[0] < w[1]),
            "time order, no repeats"
        );
        assert_eq!(
            (kept[0], *kept.last().unwrap()),
            (0, n - 1),
            "ends are kept"
        );
    }

    #[test]
    fn gaps_do_not_break_min_and_max() {
        let t: Vec<i64> = (0..10).collect();
        let v = vec![
            None,
            Some(5.0),
            None,
            Some(-1.0),
            Some(2.0),
            None,
            None,
            Some(9.0),
            Some(0.0),
            None,
        ];
        let kept = keep(&t, &v, 0, 9, 1);
        assert_eq!(kept, vec![0, 3, 7, 9]);
    }

    /// The plain reading of the rule: each sample's column by division.
    fn by_division(t: &[i64], v: &[Option<f64>], from: i64, to: i64, columns: u32) -> Vec<usize> {
        let c = columns.max(1) as i128;
        let span = (to - from).max(1) as i128;
        let col = |x: i64| (((x - from).max(0) as i128 * c) / span).min(c - 1);
        let mut out = Vec::new();
        let mut i = 0;
        while i < t.len() {
            let (start, here) = (i, col(t[i]));
            while i < t.len() && col(t[i]) == here {
                i += 1;
            }
            pick(v, start..i, &mut out);
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn column_starts_pick_what_division_picks(
            gaps in proptest::collection::vec((0i64..5_000, proptest::option::of(-1e3..1e3f64)), 2..600),
            start in -10_000i64..10_000,
            from in -5_000i64..5_000,
            len in 1i64..2_000_000,
            columns in 1u32..300,
        ) {
            let mut t = Vec::new();
            let mut x = start;
            for (g, _) in &gaps {
                x += g;
                t.push(x);
            }
            let v: Vec<Option<f64>> = gaps.iter().map(|(_, v)| *v).collect();
            if t.len() > columns as usize {
                proptest::prop_assert_eq!(
                    keep(&t, &v, from, from + len, columns),
                    by_division(&t, &v, from, from + len, columns)
                );
            }
        }
    }
}
