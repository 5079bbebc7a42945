//! A time-series chart, lines or histogram bars, drawn with plotters onto a
//! canvas. The legend and tooltip are DOM text (label values are untrusted),
//! a second canvas carries the hover line and the drag selection, and a drag
//! (or a click on a bar) reports a time range to the page.

mod before;
#[cfg(feature = "hydrate")]
mod draw;
pub mod legend;
pub mod marks;
pub mod options;
#[cfg(any(feature = "hydrate", feature = "ssr"))]
pub mod paint;
#[cfg(feature = "ssr")]
pub mod pre;
pub mod scale;

use leptos::html;
use leptos::prelude::*;

use crate::model::time::format;
pub use before::{ChartImage, ExpectedWidth};
pub use marks::Mark;
pub use options::ChartOptions;
use scale::{nearest, Axis, Unit};

/// Series colours; the legend's `.swatch.cN` classes match them.
pub const PALETTE: [u32; 10] = [
    0x4ea1ff, 0x5fd38d, 0xf0c674, 0xff6b6b, 0xb294bb, 0x8abeb7, 0xde935f, 0x81a2be, 0xcc6666,
    0xb5bd68,
];

/// One drawable series: its legend name and points.
#[derive(Debug, Clone, PartialEq)]
pub struct Plotted {
    pub name: String,
    pub color: usize,
    pub timestamps: Vec<i64>,
    pub values: Vec<Option<f64>>,
}

/// How the last draw mapped time and value to pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    pub x: Axis,
    pub y: Axis,
    /// Device pixels per CSS pixel when it was drawn.
    pub scale: f64,
}

/// The tooltip's rows at timestamp `t`: each series' value there.
fn rows_at(series: &[Plotted], t: i64, unit: Unit) -> Vec<(usize, String, String)> {
    series
        .iter()
        .filter_map(|s| {
            let i = nearest(&s.timestamps, t)?;
            let v = s.values[i]?;
            (s.timestamps[i] == t).then(|| (s.color, s.name.clone(), unit.format(v)))
        })
        .collect()
}

/// The series with the most points sets where the hover line snaps.
fn snap(series: &[Plotted], t: i64) -> Option<i64> {
    let densest = series.iter().max_by_key(|s| s.timestamps.len())?;
    nearest(&densest.timestamps, t).map(|i| densest.timestamps[i])
}

#[component]
pub fn Chart(
    #[prop(into)] series: Signal<Vec<Plotted>>,
    /// The time range shown, in ms.
    #[prop(into)]
    range: Signal<(i64, i64)>,
    #[prop(into)] unit: Signal<Unit>,
    /// The display zone's offset from UTC, in minutes.
    #[prop(into)]
    offset_min: Signal<i64>,
    /// Histogram bars of this width (ms) instead of lines.
    #[prop(optional)]
    bars_ms: Option<i64>,
    #[prop(default = 280)] height: u32,
    #[prop(optional)] legend: bool,
    /// Fixed bounds, thresholds, stacking.
    #[prop(optional)]
    options: ChartOptions,
    /// A dragged range, or a clicked bar's.
    on_select: Callback<(i64, i64)>,
    /// Annotations: lines or bands, their text in the tooltip.
    #[prop(optional, into)]
    marks: Option<Signal<Vec<Mark>>>,
    /// The series a legend click shows alone, when the caller keeps it
    /// across redraws (a panel's refreshes); else the chart's own.
    #[prop(optional)]
    isolated: Option<RwSignal<Option<String>>>,
) -> impl IntoView {
    let marks = marks.unwrap_or_else(|| Signal::stored(Vec::new()));
    let image = use_context::<ChartImage>();
    // A legend click shows that series alone; a second click shows all.
    let isolated = isolated.unwrap_or_else(|| RwSignal::new(None));
    let all = series;
    // The series shown alone while the answer has it: one gone from a
    // newer answer shows all again, not an empty chart.
    let alone = Memo::new(move |_| {
        isolated
            .get()
            .filter(|name| all.with(|list| list.iter().any(|s| s.name == *name)))
    });
    let series = Signal::derive(move || {
        let mut list = all.get();
        if let Some(name) = alone.get() {
            list.retain(|s| s.name == name);
        }
        list
    });
    let canvas = NodeRef::<html::Canvas>::new();
    let over = NodeRef::<html::Canvas>::new();
    // The server's picture until the canvas draws (see `pre`); hydration
    // keeps the server's markup, so the browser's side is empty here.
    let pre_el = NodeRef::<html::Div>::new();
    let first_width = ExpectedWidth::current();
    #[cfg(feature = "ssr")]
    let pre = series.with_untracked(|data| {
        let (from, to) = range.get_untracked();
        pre::svg(
            &paint::Scene {
                series: data,
                from,
                to,
                unit: unit.get_untracked(),
                offset_min: offset_min.get_untracked(),
                bars_ms,
                scale: 1.0,
                options: &options,
            },
            (first_width, height),
        )
    });
    #[cfg(not(feature = "ssr"))]
    let pre = String::new();
    let frame = RwSignal::new(None::<Frame>);
    let hover = RwSignal::new(None::<(f64, i64)>);
    // Where the pointer really is: annotations are found there, not at the
    // data point the hover line snaps to (points may lie far from a mark).
    let pointer = RwSignal::new(0.0f64);
    let drag = RwSignal::new(None::<(f64, f64)>);
    let draw_ms = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    #[cfg(not(feature = "hydrate"))]
    let _ = (range, &options);
    #[cfg(feature = "hydrate")]
    {
        // Redraws on resize, and once more if laid out after the first try.
        let relayout = RwSignal::new(0u32);
        let handle =
            window_event_listener(leptos::ev::resize, move |_| relayout.update(|n| *n += 1));
        on_cleanup(move || handle.remove());
        Effect::new(move |_| {
            let (Some(c), Some(o)) = (canvas.get(), over.get()) else {
                return;
            };
            let (data, (from, to), unit, offset_min) =
                (series.get(), range.get(), unit.get(), offset_min.get());
            let attempt = relayout.get();
            let measured = c.parent_element().map(|p| p.client_width()).unwrap_or(0);
            if measured == 0 && attempt < 20 {
                request_animation_frame(move || relayout.update(|n| *n += 1));
                return;
            }
            // Backing pixels follow the screen's density; CSS sizes the
            // element (width 100%, height from the aspect ratio).
            let k = window().device_pixel_ratio().clamp(1.0, 4.0);
            let width = measured.max(320) as f64;
            for el in [&c, &o] {
                el.set_width((width * k).round() as u32);
                el.set_height((height as f64 * k).round() as u32);
            }
            let clock = window().performance();
            let t0 = clock.as_ref().map(|p| p.now()).unwrap_or_default();
            let scene = paint::Scene {
                series: &data,
                from,
                to,
                unit,
                offset_min,
                bars_ms,
                scale: k,
                options: &options,
            };
            match draw::draw(&c, &scene) {
                Ok(f) => {
                    frame.set(Some(f));
                    error.set(None);
                    if let Some(p) = pre_el.get_untracked() {
                        p.set_inner_html("");
                    }
                }
                Err(e) => error.set(Some(format!("The chart could not be drawn: {e}"))),
            }
            let t1 = clock.map(|p| p.now()).unwrap_or_default();
            draw_ms.set(Some(format!("{:.2}", t1 - t0)));
        });
        Effect::new(move |_| {
            if let (Some(o), Some(f)) = (over.get(), frame.get()) {
                let spans = marks.with(|m| marks::extents(m, &f.x));
                draw::overlay(&o, &f, hover.get().map(|(px, _)| px), drag.get(), &spans);
            }
        });
    }
    let at = move |ev: &leptos::ev::MouseEvent| -> Option<(f64, i64)> {
        let f = frame.get_untracked()?;
        let px = (ev.offset_x() as f64).clamp(f.x.p0, f.x.p1);
        Some((px, f.x.to_value(px) as i64))
    };
    let move_ = move |ev: leptos::ev::MouseEvent| {
        let Some((px, t)) = at(&ev) else { return };
        if let Some((start, _)) = drag.get_untracked() {
            drag.set(Some((start, px)));
        }
        let f = frame.get_untracked().expect("at() had a frame");
        let snapped = series.with_untracked(|s| snap(s, t)).unwrap_or(t);
        pointer.set(px);
        hover.set(Some((f.x.to_px(snapped as f64), snapped)));
    };
    let down = move |ev: leptos::ev::MouseEvent| {
        if let Some((px, _)) = at(&ev) {
            drag.set(Some((px, px)));
        }
    };
    let up = move |ev: leptos::ev::MouseEvent| {
        let (Some((a, _)), Some(f)) = (drag.get_untracked(), frame.get_untracked()) else {
            return;
        };
        drag.set(None);
        let b = (ev.offset_x() as f64).clamp(f.x.p0, f.x.p1);
        let (t1, t2) = (f.x.to_value(a.min(b)) as i64, f.x.to_value(a.max(b)) as i64);
        if (a - b).abs() >= 4.0 {
            on_select.run((t1, t2));
        } else if let Some(width) = bars_ms {
            let start = series.with_untracked(|s| {
                s.first()
                    .and_then(|s| s.timestamps.iter().rev().find(|b| **b <= t1).copied())
            });
            if let Some(start) = start {
                on_select.run((start, start + width - 1));
            }
        }
    };
    let leave = move |_| {
        hover.set(None);
        drag.set(None);
    };
    let tooltip = move || {
        let (px, t) = hover.get()?;
        let rows = series.with(|s| rows_at(s, t, unit.get()));
        let notes = frame
            .get()
            .map(|f| marks.with(|m| marks::under(m, &f.x, pointer.get())))
            .unwrap_or_default();
        let width = frame.get().map(|f| f.x.p1).unwrap_or(800.0);
        let left = if px > width * 0.6 {
            px - 260.0
        } else {
            px + 14.0
        };
        Some(view! {
            <div class="chart-tooltip" data-test="chart-tooltip" style:left=format!("{left:.0}px")>
                <div class="when">{format(t, offset_min.get())}</div>
                {notes.into_iter().map(|text| view! { <div class="note" data-test="annotation-tip">{text}</div> }).collect_view()}
                {rows.into_iter().map(|(color, name, value)| view! {
                    <div class="row"><span class=format!("swatch c{}", color % PALETTE.len())></span><span class="name">{name}</span><span class="value">{value}</span></div>
                }).collect_view()}
            </div>
        })
    };
    view! {
        <div class="chart" data-test="chart" data-series-count=move || series.with(Vec::len) data-draw-ms=move || draw_ms.get()
            data-annotations=move || { let (a, b) = range.get(); marks.with(|m| marks::shown(m, a, b)) }>
            <div class="chart-canvas">
                {image.map(|i| view! { <noscript inner_html=i.html(range.get_untracked(), (960, height), offset_min.get_untracked()) /> })}
                <div node_ref=pre_el class="chart-pre" aria-hidden="true" inner_html=pre></div>
                // Until drawn, the expected width keeps the shown height at `height`.
                <canvas node_ref=canvas class="plot" width=first_width height=height></canvas>
                <canvas node_ref=over class="overlay" data-test="chart-overlay" width=first_width height=height on:mousemove=move_ on:mousedown=down on:mouseup=up on:mouseleave=leave></canvas>
                {tooltip}
            </div>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <Show when=move || legend>
                <ul class="legend" data-test="chart-legend">
                    {move || all.get().into_iter().map(|s| {
                        let name = s.name.clone();
                        let shown = alone.with(|i| i.as_ref().is_none_or(|i| *i == name));
                        view! {
                            <li data-series=s.name.clone() class:dim=!shown>
                                <button type="button" class="link" title="Show this series alone; click again for all"
                                    on:click=move |_| isolated.update(|i| *i = if i.as_deref() == Some(name.as_str()) { None } else { Some(name.clone()) })>
                                    <span class=format!("swatch c{}", s.color % PALETTE.len())></span>{s.name.clone()}
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </Show>
        </div>
    }
}
