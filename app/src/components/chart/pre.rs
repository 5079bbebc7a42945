//! The chart drawn by the server, as inline SVG in the page's HTML: a
//! dashboard shows its charts as soon as each panel's answer streams in,
//! before the wasm has loaded, compiled and hydrated (in the bench at
//! 787bfaf, 145 ms sooner on a warm start and 429 ms sooner on a first
//! visit). The browser's first canvas draw replaces it. Same `paint` as the
//! canvas and the `/render` images, so the picture does not change when the
//! canvas takes over, except for a viewer whose zone is not UTC: like every
//! time the server renders, its axis times are UTC until hydration
//! (`components::zone`).

use plotters::prelude::*;

use super::paint::{paint, Scene};

/// Most points drawn inline. Past this the SVG's text would outweigh the
/// wait it saves (each point is about 8 bytes of HTML), so the panel waits
/// for the canvas instead.
pub const MAX_POINTS: usize = 10_000;

/// The chart as an `<svg>` element `width` × `height`, the size the blank
/// canvas has before its first draw ([`super::ExpectedWidth`]), so CSS
/// scales both to the same box (width 100%, height by aspect). Empty when
/// there is nothing to draw, too much to draw inline, or the drawing failed
/// (the canvas still draws). Its text is only axis numbers and times
/// (series names are the legend's DOM text), and plotters' SVG backend
/// escapes text anyway.
pub fn svg(scene: &Scene, (width, height): (u32, u32)) -> String {
    let points: usize = scene.series.iter().map(|s| s.values.len()).sum();
    if points == 0 || points > MAX_POINTS || width == 0 || height == 0 {
        return String::new();
    }
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (width, height)).into_drawing_area();
        let drawn = paint(&root, (f64::from(width), f64::from(height)), scene)
            .and_then(|_| root.present().map_err(|e| e.to_string()));
        if drawn.is_err() {
            return String::new();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::chart::scale::Unit;
    use crate::components::chart::{ChartOptions, Plotted};

    fn scene_of<'a>(series: &'a [Plotted], options: &'a ChartOptions) -> Scene<'a> {
        Scene {
            series,
            from: 0,
            to: 60_000 * 60,
            unit: Unit::Short,
            offset_min: 0,
            bars_ms: None,
            scale: 1.0,
            options,
        }
    }

    fn line(name: &str, n: usize) -> Plotted {
        Plotted {
            name: name.into(),
            color: 0,
            timestamps: (0..n as i64).map(|i| i * 15_000).collect(),
            values: (0..n).map(|i| Some((i % 7) as f64)).collect(),
        }
    }

    #[test]
    fn a_chart_is_one_scalable_svg_with_its_line() {
        let options = ChartOptions::default();
        let series = [line("cpu", 240)];
        let svg = svg(&scene_of(&series, &options), (661, 280));
        assert!(svg.starts_with("<svg width=\"661\" height=\"280\" viewBox=\"0 0 661 280\""));
        assert!(svg.trim_end().ends_with("</svg>"));
        assert!(svg.contains("<polyline"), "the series is drawn: {svg}");
        assert_eq!(svg.matches("<svg").count(), 1);
    }

    #[test]
    fn nothing_is_drawn_inline_when_empty_or_too_big() {
        let options = ChartOptions::default();
        assert_eq!(svg(&scene_of(&[], &options), (960, 280)), "");
        let big = [line("a", MAX_POINTS / 2 + 1), line("b", MAX_POINTS / 2)];
        assert_eq!(svg(&scene_of(&big, &options), (960, 280)), "");
    }

    #[test]
    fn the_axes_are_labelled_as_on_the_canvas() {
        let options = ChartOptions::default();
        let series = [line("cpu", 60)];
        let svg = svg(&scene_of(&series, &options), (960, 200));
        // Values 0–6 on the y axis, times on the x axis (UTC here).
        assert!(svg.contains(">\n6\n</text>"), "{svg}");
        assert!(svg.contains(">\n00:10\n</text>"), "{svg}");
    }
}
