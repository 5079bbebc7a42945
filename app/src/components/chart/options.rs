//! What a chart shows beyond its series: fixed y bounds, threshold lines
//! and stacking. Pure, so stacking and bounds are unit-tested.

use super::Plotted;

/// The colours a threshold may name: (name, chart colour, stat class).
pub const THRESHOLD_COLORS: [(&str, u32, &str); 4] = [
    ("green", 0x5fd38d, "th-green"),
    ("orange", 0xde935f, "th-orange"),
    ("red", 0xff6b6b, "th-red"),
    ("blue", 0x4ea1ff, "th-blue"),
];

/// A threshold colour by name (an unknown name is red).
fn named(name: &str) -> (&'static str, u32, &'static str) {
    THRESHOLD_COLORS
        .into_iter()
        .find(|c| c.0 == name)
        .unwrap_or(THRESHOLD_COLORS[2])
}

/// The chart colour of a threshold colour name.
pub fn threshold_color(name: &str) -> u32 {
    named(name).1
}

/// The stat's class for a threshold colour name.
pub fn threshold_class(name: &str) -> &'static str {
    named(name).2
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChartOptions {
    /// Fixed ends of the y axis; `None` follows the data.
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// Lines across the chart at these values, in these colours.
    pub thresholds: Vec<(f64, u32)>,
    /// Each series drawn on top of the ones before it, filled below.
    pub stacked: bool,
}

impl ChartOptions {
    /// Reads a panel's options (`min`, `max`, `stack`, `thresholds`).
    pub fn from_panel(options: &std::collections::BTreeMap<String, serde_json::Value>) -> Self {
        let num = |k: &str| {
            options
                .get(k)
                .and_then(|v| v.as_f64())
                .filter(|v| v.is_finite())
        };
        let thresholds = options
            .get("thresholds")
            .and_then(|t| t.as_array())
            .into_iter()
            .flatten()
            .filter_map(|t| {
                let v = t["value"].as_f64().filter(|v| v.is_finite())?;
                Some((v, threshold_color(t["color"].as_str().unwrap_or("red"))))
            })
            .take(20)
            .collect();
        Self {
            min: num("min"),
            max: num("max"),
            thresholds,
            stacked: options
                .get("stack")
                .and_then(|s| s.as_bool())
                .unwrap_or(false),
        }
    }

    /// The y range to draw: the data's (`lo`, `hi`, already padded), with
    /// fixed ends taking precedence; never empty or inverted.
    pub fn bounds(&self, lo: f64, hi: f64) -> (f64, f64) {
        let (lo, hi) = (self.min.unwrap_or(lo), self.max.unwrap_or(hi));
        if lo < hi {
            (lo, hi)
        } else {
            (lo, lo + 1.0)
        }
    }
}

/// Stacked copies of `series`: each value is the sum of this series and
/// every earlier one at the same timestamp (a gap counts as 0 below, and
/// stays a gap in its own series).
pub fn stack(series: &[Plotted]) -> Vec<Plotted> {
    let mut below: std::collections::HashMap<i64, f64> = std::collections::HashMap::new();
    series
        .iter()
        .map(|s| {
            let values = s
                .timestamps
                .iter()
                .zip(&s.values)
                .map(|(t, v)| {
                    let base = below.entry(*t).or_insert(0.0);
                    v.map(|v| {
                        *base += v;
                        *base
                    })
                })
                .collect();
            Plotted {
                values,
                ..s.clone()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(values: &[Option<f64>]) -> Plotted {
        Plotted {
            name: String::new(),
            color: 0,
            timestamps: (0..values.len() as i64).collect(),
            values: values.to_vec(),
        }
    }

    #[test]
    fn stacking_adds_earlier_series_and_keeps_gaps() {
        let out = stack(&[
            s(&[Some(1.0), Some(2.0), None]),
            s(&[Some(3.0), None, Some(4.0)]),
        ]);
        assert_eq!(out[0].values, [Some(1.0), Some(2.0), None]);
        assert_eq!(out[1].values, [Some(4.0), None, Some(4.0)]);
    }

    #[test]
    fn options_read_from_a_panel_and_bounds_never_invert() {
        let o: std::collections::BTreeMap<String, serde_json::Value> =
            serde_json::from_value(serde_json::json!({ "min": 0, "max": 1, "stack": true,
                "thresholds": [{ "value": 0.8, "color": "orange" }, { "value": "x" }] }))
            .unwrap();
        let c = ChartOptions::from_panel(&o);
        assert_eq!((c.min, c.max, c.stacked), (Some(0.0), Some(1.0), true));
        assert_eq!(c.thresholds, [(0.8, 0xde935f)]);
        assert_eq!(c.bounds(-5.0, 5.0), (0.0, 1.0));
        let inverted = ChartOptions {
            min: Some(10.0),
            ..Default::default()
        };
        assert_eq!(inverted.bounds(0.0, 5.0), (10.0, 11.0));
    }
}
