//! Draws a chart with plotters onto any backend: the browser's canvas
//! (`draw`), and the server's SVG and PNG images of a panel, so both show
//! the same axes, units, bounds, thresholds and bars. Grid, ticks and labels
//! are placed by `scale`, so hover and drag map pixels exactly as drawn.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::options::{stack, ChartOptions};
use super::scale::{ticks, time_label, time_ticks, y_bounds, Axis, Unit};
use super::{Frame, Plotted, PALETTE};

const LEFT: f64 = 64.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 10.0;
const BOTTOM: f64 = 24.0;

/// A palette entry as a plotters colour.
pub fn rgb(hex: u32) -> RGBColor {
    RGBColor((hex >> 16) as u8, (hex >> 8) as u8, hex as u8)
}

/// What to draw: the series, the time range, and bars for a histogram.
pub struct Scene<'a> {
    pub series: &'a [Plotted],
    pub from: i64,
    pub to: i64,
    pub unit: Unit,
    pub offset_min: i64,
    /// Draw bars of this width (ms) instead of lines.
    pub bars_ms: Option<i64>,
    /// Device pixels per CSS pixel: the canvas holds this many times more
    /// pixels than it shows, so hi-DPI screens get sharp lines and text.
    pub scale: f64,
    /// Fixed bounds, thresholds, stacking.
    pub options: &'a ChartOptions,
}

/// Draws `scene` onto `root`, `w` × `h` CSS pixels (the backend holds
/// `scene.scale` times more); returns the axes it used, in CSS pixels.
/// Any plotters backend: the browser's canvas, the server's SVG and bitmap.
pub fn paint<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    (w, h): (f64, f64),
    scene: &Scene,
) -> Result<Frame, String> {
    let k = scene.scale;
    // Layout is in CSS pixels; `d` turns a point into device pixels.
    let d = |x: f64, y: f64| ((x * k).round() as i32, (y * k).round() as i32);
    let thin = (k.round() as u32).max(1);
    let stacked;
    let series: &[Plotted] = if scene.options.stacked {
        stacked = stack(scene.series);
        &stacked
    } else {
        scene.series
    };
    let values = series
        .iter()
        .flat_map(|s| s.values.iter().flatten().copied());
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
        (a.min(v), b.max(v))
    });
    let (lo, hi) = if scene.bars_ms.is_some() {
        (0.0, hi.max(1.0) * 1.05)
    } else {
        y_bounds(lo, hi)
    };
    let (lo, hi) = scene.options.bounds(lo, hi);
    let x = Axis {
        v0: scene.from as f64,
        v1: scene.to as f64,
        p0: LEFT,
        p1: w - RIGHT,
    };
    let y = Axis {
        v0: lo,
        v1: hi,
        p0: h - BOTTOM,
        p1: TOP,
    };
    let e = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    root.fill(&rgb(0x171e26)).map_err(e)?;
    let grid = rgb(0x2a3440).stroke_width(thin);
    let label = ("sans-serif", 11.0 * k).into_font().color(&rgb(0x8a96a3));
    for v in ticks(lo, hi, 5) {
        let py = y.to_px(v).trunc();
        root.draw(&PathElement::new(vec![d(LEFT, py), d(w - RIGHT, py)], grid))
            .map_err(e)?;
        let style = label.pos(Pos::new(HPos::Right, VPos::Center));
        root.draw(&Text::new(scene.unit.format(v), d(LEFT - 6.0, py), style))
            .map_err(e)?;
    }
    let span = scene.to - scene.from;
    let (times, step) = time_ticks(
        scene.from,
        scene.to,
        ((w - LEFT) / 110.0) as usize,
        scene.offset_min,
    );
    for t in times {
        let px = x.to_px(t as f64).trunc();
        root.draw(&PathElement::new(vec![d(px, TOP), d(px, h - BOTTOM)], grid))
            .map_err(e)?;
        let style = label.pos(Pos::new(HPos::Center, VPos::Top));
        let text = time_label(t, step, span, scene.offset_min);
        root.draw(&Text::new(text, d(px, (h - BOTTOM).trunc() + 5.0), style))
            .map_err(e)?;
    }
    // Stacked: the top of the series below, per timestamp (the axis floor
    // at first); unstacked everything starts at the floor.
    let floor = lo.max(0.0).min(hi);
    let mut below: std::collections::HashMap<i64, f64> = std::collections::HashMap::new();
    for s in series {
        let color = rgb(PALETTE[s.color % PALETTE.len()]);
        let base = |t: &i64| below.get(t).copied().unwrap_or(floor);
        match scene.bars_ms {
            Some(width) => {
                for (t, v) in s.timestamps.iter().zip(&s.values) {
                    let (x0, x1) = (x.to_px(*t as f64), x.to_px((*t + width) as f64));
                    let top = y.to_px(v.unwrap_or_else(|| base(t))).trunc();
                    let bottom = y.to_px(base(t)).trunc();
                    let (x0, x1) = (x0.trunc() + 1.0, x1.trunc() - 1.0);
                    let rect = [d(x0, top), d(x1.max(x0), bottom)];
                    root.draw(&Rectangle::new(rect, color.filled()))
                        .map_err(e)?;
                }
            }
            None if scene.options.stacked => {
                // A filled band from the series below up to this one, per run.
                let mut run: Vec<(i64, f64)> = Vec::new();
                let points = s.timestamps.iter().zip(&s.values);
                for (t, v) in points.map(|(t, v)| (Some(*t), *v)).chain([(None, None)]) {
                    match (t, v) {
                        (Some(t), Some(v)) => run.push((t, v)),
                        _ if !run.is_empty() => {
                            let run = std::mem::take(&mut run);
                            let mut shape: Vec<(i32, i32)> = run
                                .iter()
                                .map(|(t, v)| d(x.to_px(*t as f64), y.to_px(*v)))
                                .collect();
                            let line = shape.clone();
                            shape.extend(
                                run.iter()
                                    .rev()
                                    .map(|(t, _)| d(x.to_px(*t as f64), y.to_px(base(t)))),
                            );
                            root.draw(&Polygon::new(shape, color.mix(0.3).filled()))
                                .map_err(e)?;
                            root.draw(&PathElement::new(line, color.stroke_width(thin)))
                                .map_err(e)?;
                        }
                        _ => {}
                    }
                }
            }
            None => {
                let mut run = Vec::new();
                for (t, v) in s.timestamps.iter().zip(&s.values) {
                    match v {
                        Some(v) => run.push(d(x.to_px(*t as f64), y.to_px(*v))),
                        None if !run.is_empty() => {
                            root.draw(&PathElement::new(
                                std::mem::take(&mut run),
                                color.stroke_width(thin),
                            ))
                            .map_err(e)?;
                        }
                        None => {}
                    }
                }
                if !run.is_empty() {
                    root.draw(&PathElement::new(run, color.stroke_width(thin)))
                        .map_err(e)?;
                }
            }
        }
        if scene.options.stacked {
            for (t, v) in s.timestamps.iter().zip(&s.values) {
                if let Some(v) = v {
                    below.insert(*t, *v);
                }
            }
        }
    }
    for (v, c) in &scene.options.thresholds {
        if (lo..=hi).contains(v) {
            let py = y.to_px(*v).trunc();
            root.draw(&PathElement::new(
                vec![d(LEFT, py), d(w - RIGHT, py)],
                rgb(*c).stroke_width(thin),
            ))
            .map_err(e)?;
        }
    }
    Ok(Frame { x, y, scale: k })
}
