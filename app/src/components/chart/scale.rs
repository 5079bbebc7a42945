//! Axis scales: readable ticks for values in a unit and for time, and the
//! pixel ↔ value mapping hover and drag use. Pure, so it is unit-tested
//! without a browser.

use crate::model::time::{format, NICE_MS};

/// How the y axis and tooltips read a value; chosen per query (the unit of
/// a PromQL result cannot be known from its name alone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Unit {
    #[default]
    Short,
    /// A ratio 0–1 shown as percent.
    Percent,
    Bytes,
    /// Bytes per second: disk and network throughput.
    BytesPerSecond,
    Seconds,
    /// Per second, e.g. request rates.
    PerSecond,
}

impl Unit {
    pub const ALL: [(Unit, &'static str, &'static str); 6] = [
        (Unit::Short, "short", "Number (1.2k)"),
        (Unit::Percent, "percent", "Percent (0–1)"),
        (Unit::Bytes, "bytes", "Bytes (KiB, MiB)"),
        (Unit::BytesPerSecond, "Bps", "Bytes per second (KiB/s)"),
        (Unit::Seconds, "seconds", "Duration (ms, s)"),
        (Unit::PerSecond, "rps", "Per second (/s)"),
    ];

    pub fn parse(s: &str) -> Unit {
        Unit::ALL
            .iter()
            .find(|(_, key, _)| *key == s)
            .map(|(u, _, _)| *u)
            .unwrap_or_default()
    }

    pub fn key(self) -> &'static str {
        Unit::ALL
            .iter()
            .find(|(u, _, _)| *u == self)
            .map(|(_, k, _)| *k)
            .unwrap_or("short")
    }

    /// A tick or tooltip label for `v`.
    pub fn format(self, v: f64) -> String {
        if !v.is_finite() {
            return "–".into();
        }
        match self {
            Unit::Short => si(v, 1000.0, &["", "k", "M", "G", "T", "P"]),
            Unit::PerSecond => format!("{}/s", si(v, 1000.0, &["", "k", "M", "G", "T"])),
            Unit::Percent => format!("{}%", trim(v * 100.0)),
            Unit::Bytes => format!("{}B", si(v, 1024.0, &["", "Ki", "Mi", "Gi", "Ti", "Pi"])),
            Unit::BytesPerSecond => {
                format!("{}B/s", si(v, 1024.0, &["", "Ki", "Mi", "Gi", "Ti", "Pi"]))
            }
            Unit::Seconds if v.abs() < 1.0 && v != 0.0 => format!("{} ms", trim(v * 1000.0)),
            Unit::Seconds => duration(v),
        }
    }
}

/// Seconds as the largest unit that keeps the number ≥ 1: `42 s`,
/// `1.23 h`, `51.3 d` (uptimes and latencies read at a glance).
fn duration(v: f64) -> String {
    const UNITS: [(f64, &str); 4] = [(86_400.0, "d"), (3600.0, "h"), (60.0, "min"), (1.0, "s")];
    let (size, name) = UNITS
        .iter()
        .copied()
        .find(|(size, _)| v.abs() >= *size)
        .unwrap_or((1.0, "s"));
    format!("{} {name}", trim(v / size))
}

fn trim(v: f64) -> String {
    let s = if v.abs() >= 100.0 {
        format!("{v:.0}")
    } else if v.abs() >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    };
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        s
    }
}

fn si(v: f64, base: f64, suffixes: &[&str]) -> String {
    let mut x = v;
    let mut i = 0;
    while x.abs() >= base && i + 1 < suffixes.len() {
        x /= base;
        i += 1;
    }
    format!("{}{}", trim(x), suffixes[i])
}

/// About `count` round ticks (1, 2 or 5 × 10ⁿ apart) covering `min..=max`.
pub fn ticks(min: f64, max: f64, count: usize) -> Vec<f64> {
    if !(min.is_finite() && max.is_finite()) || max <= min {
        return vec![min];
    }
    let raw = (max - min) / count.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let m = match raw / mag {
        n if n < 1.5 => 1.0,
        n if n < 3.0 => 2.0,
        n if n < 7.0 => 5.0,
        _ => 10.0,
    };
    let step = m * mag;
    let first = (min / step).ceil() as i64;
    let last = (max / step).floor() as i64;
    (first..=last).map(|i| i as f64 * step).collect()
}

/// The y range to draw: the data's, padded, including 0 when close to it.
pub fn y_bounds(min: f64, max: f64) -> (f64, f64) {
    if !(min.is_finite() && max.is_finite()) {
        return (0.0, 1.0);
    }
    if max == min {
        return if min == 0.0 {
            (0.0, 1.0)
        } else {
            (min - min.abs() * 0.1, max + max.abs() * 0.1)
        };
    }
    let pad = (max - min) * 0.05;
    let lo = if min >= 0.0 && min < (max - min) {
        0.0
    } else {
        min - pad
    };
    (lo, max + pad)
}

/// Time ticks on round clock times in the display zone, about `count` of them.
pub fn time_ticks(from: i64, to: i64, count: usize, offset_min: i64) -> (Vec<i64>, i64) {
    let span = (to - from).max(1);
    let step = NICE_MS
        .iter()
        .copied()
        .find(|s| span / s <= count as i64)
        .unwrap_or(NICE_MS[NICE_MS.len() - 1]);
    let off = offset_min * 60_000;
    let first = (from + off).div_euclid(step) * step - off;
    let ticks = (0..)
        .map(|i| first + i * step)
        .skip_while(|t| *t < from)
        .take_while(|t| *t <= to)
        .collect();
    (ticks, step)
}

/// A time tick's label: clock time, with the date once the range spans days.
pub fn time_label(t: i64, step: i64, span: i64, offset_min: i64) -> String {
    let full = format(t, offset_min); // YYYY-MM-DD HH:MM:SS.mmm
    match (step >= 86_400_000, span > 86_400_000, step < 60_000) {
        (true, _, _) => full[5..10].to_owned(),
        (false, true, _) => format!("{} {}", &full[5..10], &full[11..16]),
        (false, false, true) => full[11..19].to_owned(),
        _ => full[11..16].to_owned(),
    }
}

/// Maps between a value range and a pixel range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Axis {
    pub v0: f64,
    pub v1: f64,
    pub p0: f64,
    pub p1: f64,
}

impl Axis {
    pub fn to_px(&self, v: f64) -> f64 {
        self.p0 + (v - self.v0) / (self.v1 - self.v0) * (self.p1 - self.p0)
    }
    pub fn to_value(&self, p: f64) -> f64 {
        self.v0 + (p - self.p0) / (self.p1 - self.p0) * (self.v1 - self.v0)
    }
}

/// Index of the timestamp nearest `t` in a sorted list.
pub fn nearest(timestamps: &[i64], t: i64) -> Option<usize> {
    let i = timestamps.partition_point(|x| *x < t);
    match (i.checked_sub(1), timestamps.get(i)) {
        (Some(a), Some(b)) => Some(if t - timestamps[a] <= b - t { a } else { i }),
        (Some(a), None) => Some(a),
        (None, Some(_)) => Some(i),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_read_well() {
        assert_eq!(Unit::Short.format(1234.0), "1.23k");
        assert_eq!(Unit::Short.format(0.5), "0.5");
        assert_eq!(Unit::Percent.format(0.995), "99.5%");
        assert_eq!(Unit::Bytes.format(3.0 * 1024.0 * 1024.0), "3MiB");
        assert_eq!(Unit::Seconds.format(0.25), "250 ms");
        assert_eq!(Unit::Seconds.format(42.0), "42 s");
        assert_eq!(Unit::BytesPerSecond.format(2048.0), "2KiB/s");
        assert_eq!(Unit::parse("Bps"), Unit::BytesPerSecond);
        assert_eq!(Unit::Seconds.format(4428.0), "1.23 h");
        assert_eq!(Unit::Seconds.format(90.0), "1.5 min");
        assert_eq!(Unit::Seconds.format(4_432_000.0), "51.3 d");
        assert_eq!(Unit::Seconds.format(0.0), "0 s");
        assert_eq!(Unit::PerSecond.format(12.5), "12.5/s");
        assert_eq!(Unit::parse("bytes"), Unit::Bytes);
        assert_eq!(Unit::parse("nonsense"), Unit::Short);
    }

    #[test]
    fn ticks_are_round() {
        assert_eq!(
            ticks(0.0, 1.0, 5),
            vec![0.0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0]
        );
        assert_eq!(ticks(3.0, 97.0, 4), vec![20.0, 40.0, 60.0, 80.0]);
        assert_eq!(y_bounds(0.1, 0.99).0, 0.0, "near-zero data starts at 0");
    }

    #[test]
    fn time_ticks_fall_on_clock_times_in_the_zone() {
        let h = 3_600_000;
        let from = 1_795_708_800_000 + 7 * 60_000; // 16:07 UTC
        let (t, step) = time_ticks(from, from + 6 * h, 8, 0);
        assert_eq!(step, h);
        assert_eq!(time_label(t[0], step, 6 * h, 0), "17:00");
        let (t, _) = time_ticks(from, from + 6 * h, 8, 330); // UTC+5:30
        assert_eq!(time_label(t[0], step, 6 * h, 330), "22:00");
        assert_eq!(nearest(&[10, 20, 30], 24), Some(1));
        assert_eq!(nearest(&[10, 20, 30], 26), Some(2));
        assert_eq!(nearest(&[], 26), None);
    }
}
