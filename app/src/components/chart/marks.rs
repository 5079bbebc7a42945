//! Annotation marks on a chart: a line at a moment or a band over a span,
//! with the text shown in the tooltip when the pointer is on one. Pure, so
//! what counts as "on a mark" is unit-tested.

use super::scale::Axis;
use crate::model::annotation::Annotation;

/// One mark: start and end in ms (equal for a moment) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub from: i64,
    pub to: i64,
    pub text: String,
}

impl Mark {
    pub fn of(a: &Annotation) -> Self {
        Mark {
            from: a.time_ms,
            to: a.end_ms.unwrap_or(a.time_ms),
            text: a.text.clone(),
        }
    }
}

/// How close (CSS pixels) the pointer must be to a moment's line.
const NEAR_PX: f64 = 4.0;

/// The marks inside the shown range.
pub fn shown(marks: &[Mark], from: i64, to: i64) -> usize {
    marks
        .iter()
        .filter(|m| m.from <= to && m.to >= from)
        .count()
}

/// The texts of the marks under pixel `px`: within a band, or near a line.
pub fn under(marks: &[Mark], x: &Axis, px: f64) -> Vec<String> {
    marks
        .iter()
        .filter(|m| {
            let (a, b) = (x.to_px(m.from as f64), x.to_px(m.to as f64));
            px >= a.min(b) - NEAR_PX && px <= a.max(b) + NEAR_PX
        })
        .map(|m| m.text.clone())
        .collect()
}

/// Pixel extents to draw, clipped to the plot: (left, right) per mark.
pub fn extents(marks: &[Mark], x: &Axis) -> Vec<(f64, f64)> {
    let (lo, hi) = (x.p0.min(x.p1), x.p0.max(x.p1));
    marks
        .iter()
        .map(|m| (x.to_px(m.from as f64), x.to_px(m.to as f64)))
        .filter(|(a, b)| *b >= lo && *a <= hi)
        .map(|(a, b)| (a.max(lo), b.min(hi)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pointer_finds_lines_and_bands_and_drawing_clips() {
        let x = Axis {
            v0: 0.0,
            v1: 1000.0,
            p0: 0.0,
            p1: 100.0,
        };
        let marks = [
            Mark {
                from: 500,
                to: 500,
                text: "deploy".into(),
            },
            Mark {
                from: 800,
                to: 2000,
                text: "outage".into(),
            },
            Mark {
                from: -50,
                to: -10,
                text: "before".into(),
            },
        ];
        assert_eq!(under(&marks, &x, 52.0), ["deploy"]);
        assert!(under(&marks, &x, 60.0).is_empty());
        assert_eq!(under(&marks, &x, 95.0), ["outage"]);
        assert_eq!(shown(&marks, 0, 1000), 2);
        assert_eq!(extents(&marks, &x), [(50.0, 50.0), (80.0, 100.0)]);
    }
}
