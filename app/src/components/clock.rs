//! "Now" for resolving a view's relative range ("last 1 h").
//!
//! The server renders a dashboard and runs its panels at one instant. If
//! the browser resolved the same range at its own, later instant while it
//! hydrates, every panel's range would differ from the one the server ran,
//! and every panel would be asked again: twice the upstream queries for
//! each page view, and the charts drawn only after the second round. So a
//! page carries the instant it was rendered at (a `<meta>` in the shell),
//! and ranges resolved while the page hydrates use it. Once the page is
//! live (refresh ticks, a new range, navigation inside the app), the real
//! clock is used.

use leptos::prelude::*;

use crate::model::time::now_ms;

/// The `<meta name=…>` that carries the render instant (epoch ms).
pub const RENDERED_AT_META: &str = "lookout-rendered-at";

/// The instant the server renders this page at, provided by the shell so
/// every part of one render (and a Suspense's second pass) agrees.
#[derive(Clone, Copy, Debug)]
pub struct RenderedAt(pub i64);

/// Now for a view's range: the page's render instant on the server and
/// while the browser hydrates that page, the clock afterwards.
pub fn view_now() -> i64 {
    #[cfg(feature = "hydrate")]
    {
        hydrating_at().unwrap_or_else(now_ms)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        use_context::<RenderedAt>().map_or_else(now_ms, |r| r.0)
    }
}

/// The page's render instant, if the page is still hydrating.
#[cfg(feature = "hydrate")]
fn hydrating_at() -> Option<i64> {
    let doc = document();
    if doc.body()?.has_attribute("data-hydrated") {
        return None;
    }
    let meta = doc
        .query_selector(&format!("meta[name=\"{RENDERED_AT_META}\"]"))
        .ok()??;
    meta.get_attribute("content")?.parse().ok()
}
