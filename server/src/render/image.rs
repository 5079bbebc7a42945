//! A panel's picture drawn without a browser: the chart by the app's own
//! `paint` (same axes, units, bounds, thresholds, bars and stacking as the
//! browser), a legend strip under it, or the stat value, rows or a short
//! message. SVG text is escaped by plotters; PNG text uses an embedded font.

use std::sync::Once;

use app::components::chart::paint::{paint, rgb, Scene};
use app::components::chart::{options::threshold_color, Plotted, PALETTE};
use app::components::panel::picture::Picture;
use app::model::TimeRange;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Most series drawn in one image; the legend says how many were left out.
pub const MAX_SERIES: usize = 50;
const BG: u32 = 0x171e26;
const TEXT: u32 = 0xd7dde4;
const MUTED: u32 = 0x8a96a3;
const LEGEND_ROW: u32 = 18;

/// Text as it may be drawn: one short line.
fn clean(s: &str, max: usize) -> String {
    let mut out: String = s.chars().filter(|c| !c.is_control()).take(max).collect();
    if s.chars().count() > max {
        out.push('…');
    }
    out
}

/// The legend entries laid out in rows of `w` pixels: (row, x, colour, text).
fn legend_layout(
    series: &[Plotted],
    left_out: usize,
    w: u32,
) -> Vec<(u32, u32, Option<usize>, String)> {
    let (mut row, mut x, mut out) = (0, 8, Vec::new());
    let mut entries: Vec<(Option<usize>, String)> = series
        .iter()
        .map(|s| (Some(s.color), clean(&s.name, 60)))
        .collect();
    if left_out > 0 {
        entries.push((None, format!("+{left_out} more series not drawn")));
    }
    for (color, text) in entries {
        let width = 18 + 7 * text.chars().count() as u32;
        if x + width > w && x > 8 {
            row += 1;
            x = 8;
        }
        out.push((row, x, color, text));
        x += width + 12;
    }
    out
}

fn text_at<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    text: &str,
    at: (i32, i32),
    (size, color, pos): (f64, u32, Pos),
) -> Result<(), String> {
    let style = ("sans-serif", size).into_font().color(&rgb(color)).pos(pos);
    root.draw(&Text::new(text.to_owned(), at, style))
        .map_err(|e| e.to_string())
}

/// Draws `pic` onto `root` of `w` × `h` pixels.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    pic: Picture,
    range: TimeRange,
    (w, h): (u32, u32),
    offset_min: i64,
) -> Result<(), String> {
    root.fill(&rgb(BG)).map_err(|e| e.to_string())?;
    let centre = Pos::new(HPos::Center, VPos::Center);
    let middle = ((w / 2) as i32, (h / 2) as i32);
    match pic {
        Picture::Chart {
            mut series,
            unit,
            options,
            bars_ms,
            ..
        } => {
            let left_out = series.len().saturating_sub(MAX_SERIES);
            series.truncate(MAX_SERIES);
            let legend = legend_layout(&series, left_out, w);
            let rows = legend.last().map_or(0, |l| l.0 + 1).min(h / LEGEND_ROW / 3);
            let chart_h = h - rows * LEGEND_ROW;
            let (upper, lower) = root.split_vertically(chart_h);
            let scene = Scene {
                series: &series,
                from: range.from_ms,
                to: range.to_ms,
                unit,
                offset_min,
                bars_ms,
                scale: 1.0,
                options: &options,
            };
            paint(&upper, (w as f64, chart_h as f64), &scene)?;
            let left = Pos::new(HPos::Left, VPos::Center);
            for (row, x, color, text) in legend.into_iter().filter(|l| l.0 < rows) {
                let y = (row * LEGEND_ROW + LEGEND_ROW / 2) as i32;
                if let Some(c) = color {
                    let swatch = [(x as i32, y - 4), (x as i32 + 10, y + 4)];
                    let fill = rgb(PALETTE[c % PALETTE.len()]).filled();
                    lower
                        .draw(&Rectangle::new(swatch, fill))
                        .map_err(|e| e.to_string())?;
                }
                text_at(&lower, &text, (x as i32 + 16, y), (12.0, MUTED, left))?;
            }
        }
        Picture::Stat { value, unit, color } => {
            let c = color.as_deref().map_or(TEXT, threshold_color);
            let size = (h as f64 * 0.45).clamp(12.0, 160.0);
            text_at(root, &unit.format(value), middle, (size, c, centre))?;
        }
        Picture::Rows { rows, unit } => {
            let lines: Vec<(String, String)> = rows
                .into_iter()
                .map(|(n, v)| (clean(&n, 80), unit.format(v)))
                .collect();
            draw_rows(root, lines, w)?;
        }
        Picture::SeriesTable { series, unit } => {
            let lines = series
                .iter()
                .map(|s| {
                    (
                        clean(&s.name, 80),
                        unit.format(app::components::panel::picture::last(s)),
                    )
                })
                .collect();
            draw_rows(root, lines, w)?;
        }
        Picture::Logs(_) => text_at(
            root,
            "Log panels are shown as a table, not an image.",
            middle,
            (14.0, MUTED, centre),
        )?,
        Picture::Empty(text) => text_at(root, text, middle, (13.0, MUTED, centre))?,
    }
    Ok(())
}

fn draw_rows<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    lines: Vec<(String, String)>,
    w: u32,
) -> Result<(), String> {
    let (left, right) = (
        Pos::new(HPos::Left, VPos::Center),
        Pos::new(HPos::Right, VPos::Center),
    );
    for (i, (name, value)) in lines.into_iter().enumerate().take(40) {
        let y = 14 + 20 * i as i32;
        text_at(root, &name, (10, y), (13.0, TEXT, left))?;
        text_at(root, &value, (w as i32 - 10, y), (13.0, TEXT, right))?;
    }
    Ok(())
}

/// The picture as an SVG document.
pub fn svg(
    pic: Picture,
    range: TimeRange,
    size: (u32, u32),
    offset_min: i64,
) -> Result<String, String> {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, size).into_drawing_area();
        draw(&root, pic, range, size, offset_min)?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(out)
}

/// The picture as a PNG file.
pub fn png(
    pic: Picture,
    range: TimeRange,
    (w, h): (u32, u32),
    offset_min: i64,
) -> Result<Vec<u8>, String> {
    static FONT: Once = Once::new();
    FONT.call_once(|| {
        let _ = plotters::style::register_font(
            "sans-serif",
            FontStyle::Normal,
            dejavu::sans::regular(),
        );
    });
    let mut rgb_buf = vec![0u8; (w * h * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut rgb_buf, (w, h)).into_drawing_area();
        draw(&root, pic, range, (w, h), offset_min)?;
        root.present().map_err(|e| e.to_string())?;
    }
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, w, h);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    let mut writer = enc.write_header().map_err(|e| e.to_string())?;
    writer
        .write_image_data(&rgb_buf)
        .map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    Ok(out)
}
