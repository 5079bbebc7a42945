//! What a chart shows before, or without, its canvas: the width its box
//! starts at, and the server's image of it when scripts are off.

use leptos::prelude::*;

/// Where the server draws this chart as an image (`/render/…`), shown in
/// place of the canvas when scripts are off and offered as a download. A
/// dashboard's panel provides it; charts without it (Explore) have none.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartImage {
    /// `/render/d/{uid}/panel/{id}`, encoded, without the extension.
    pub path: String,
    /// `var-…` pairs, encoded and joined with `&` (may be empty).
    pub vars: String,
    /// Whether the range goes in the URL (a link may not allow it).
    pub send_range: bool,
}

impl ChartImage {
    /// The image's URL: `svg` or `png`, `w` × `h` pixels over `range`. Every
    /// part is percent-encoded already.
    pub fn url(
        &self,
        ext: &str,
        (from, to): (i64, i64),
        (w, h): (u32, u32),
        offset_min: i64,
    ) -> String {
        let mut q = format!("width={w}&height={h}&tz={offset_min}");
        if self.send_range {
            q.push_str(&format!("&from={from}&to={to}"));
        }
        if !self.vars.is_empty() {
            q.push('&');
            q.push_str(&self.vars);
        }
        format!("{}.{ext}?{q}", self.path)
    }

    /// The `<img>` of the chart as HTML (`&` escaped for the attribute).
    pub fn html(&self, range: (i64, i64), (w, h): (u32, u32), offset_min: i64) -> String {
        let src = self
            .url("svg", range, (w, h), offset_min)
            .replace('&', "&amp;")
            .replace('"', "%22");
        format!("<img class=\"chart-img\" data-test=\"chart-img\" src=\"{src}\" width=\"{w}\" height=\"{h}\" alt=\"The chart, drawn by the server\">")
    }
}

/// The width (CSS pixels) a chart's box is given before the browser has
/// measured it: the blank canvas and the server's drawing take it, so a
/// dashboard's charts keep their size when the canvas first draws. The
/// grid provides its estimate for each panel; elsewhere it is 960.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ExpectedWidth(pub u32);

impl ExpectedWidth {
    /// Before any estimate: the canvas' own default.
    pub const DEFAULT: u32 = 960;

    /// What the chart will start at (never below the canvas' CSS minimum).
    pub fn current() -> u32 {
        use_context::<ExpectedWidth>()
            .map_or(Self::DEFAULT, |w| w.0)
            .clamp(320, 3000)
    }
}
