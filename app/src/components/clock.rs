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

/// The instant a view's range was last resolved at, kept until its refresh
/// tick or its range expressions change. A range memo re-runs for other
/// reasons too: the display zone turns local once the page has hydrated,
/// the reader switches the zone or the auto-refresh. Resolving "last 15
/// min" again at the real clock then made a span a few seconds later, and
/// every panel was asked again for what is the same span (measured in the
/// browser test: 9 panel queries for a switch to UTC). Only a tick or a new
/// range takes a new instant.
#[derive(Debug, Default)]
pub struct KeptNow {
    kept: Option<((u64, String, String), i64)>,
}

impl KeptNow {
    /// The instant for refresh `tick` of the range `from`..`to`: the one
    /// kept for that same tick and range, else a new one from `clock`.
    pub fn at(&mut self, tick: u64, from: &str, to: &str, clock: impl FnOnce() -> i64) -> i64 {
        if let Some(((t, f, o), at)) = &self.kept {
            if *t == tick && f == from && o == to {
                return *at;
            }
        }
        let at = clock();
        self.kept = Some(((tick, from.to_owned(), to.to_owned()), at));
        at
    }
}

#[cfg(test)]
mod tests {
    use super::KeptNow;

    #[test]
    fn an_instant_is_kept_until_the_tick_or_the_range_changes() {
        let mut kept = KeptNow::default();
        assert_eq!(kept.at(0, "now-6h", "now", || 1_000), 1_000);
        // The zone turned local, or the memo re-ran for any other reason:
        // the clock has moved on but the range keeps its instant.
        assert_eq!(kept.at(0, "now-6h", "now", || 9_000), 1_000);
        assert_eq!(
            kept.at(1, "now-6h", "now", || 20_000),
            20_000,
            "a refresh tick"
        );
        assert_eq!(kept.at(1, "now-6h", "now", || 21_000), 20_000);
        assert_eq!(
            kept.at(1, "now-1h", "now", || 30_000),
            30_000,
            "a new range"
        );
        assert_eq!(
            kept.at(1, "now-1h", "now-5m", || 40_000),
            40_000,
            "a new end"
        );
        assert_eq!(kept.at(1, "now-1h", "now-5m", || 41_000), 40_000);
    }
}
