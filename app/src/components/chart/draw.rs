//! The browser's chart: `paint` onto a canvas, and the overlay (hover
//! line, drag selection, annotations) drawn straight with the 2D context.

use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

use super::paint::{paint, Scene};
use super::Frame;

/// Draws `scene` at the canvas' current size; returns the axes it used, in
/// CSS pixels (as mouse events report them).
pub fn draw(canvas: &HtmlCanvasElement, scene: &Scene) -> Result<Frame, String> {
    let k = scene.scale;
    let (w, h) = (canvas.width() as f64 / k, canvas.height() as f64 / k);
    let backend =
        CanvasBackend::with_canvas_object(canvas.clone()).ok_or("the canvas has no 2D context")?;
    let root = backend.into_drawing_area();
    let frame = paint(&root, (w, h), scene)?;
    root.present().map_err(|e| e.to_string())?;
    Ok(frame)
}

/// Clears the overlay and draws the hover line and the drag selection.
pub fn overlay(
    canvas: &HtmlCanvasElement,
    frame: &Frame,
    hover_px: Option<f64>,
    drag: Option<(f64, f64)>,
    marks: &[(f64, f64)],
) {
    use wasm_bindgen::JsCast;
    let Some(ctx) = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
    else {
        return;
    };
    let _ = ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
    ctx.clear_rect(0.0, 0.0, canvas.width() as f64, canvas.height() as f64);
    let k = frame.scale;
    let _ = ctx.set_transform(k, 0.0, 0.0, k, 0.0, 0.0);
    let (top, bottom) = (frame.y.p1, frame.y.p0);
    // Annotations: a band over a span, and a dashed line at each start.
    for (a, b) in marks {
        if b - a >= 1.0 {
            ctx.set_fill_style_str("rgba(222, 147, 95, 0.12)");
            ctx.fill_rect(*a, top, b - a, bottom - top);
        }
        ctx.set_stroke_style_str("rgba(222, 147, 95, 0.9)");
        ctx.set_line_width(1.0);
        let dash = js_sys::Array::of2(&4.0.into(), &3.0.into());
        let _ = ctx.set_line_dash(&dash);
        ctx.begin_path();
        ctx.move_to(*a, top);
        ctx.line_to(*a, bottom);
        ctx.stroke();
        let _ = ctx.set_line_dash(&js_sys::Array::new());
    }
    if let Some((a, b)) = drag {
        ctx.set_fill_style_str("rgba(78, 161, 255, 0.2)");
        ctx.fill_rect(a.min(b), top, (a - b).abs(), bottom - top);
    }
    if let Some(px) = hover_px {
        ctx.set_stroke_style_str("rgba(215, 221, 228, 0.6)");
        ctx.begin_path();
        // Centred on a device pixel, so the 1-pixel line stays sharp.
        let x = ((px * k).round() + 0.5) / k;
        ctx.set_line_width(1.0 / k);
        ctx.move_to(x, top);
        ctx.line_to(x, bottom);
        ctx.stroke();
    }
}
