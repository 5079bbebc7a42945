//! Auto-refresh that only runs while someone can see the page.
//!
//! A dashboard left open in a background tab (a wall of them, or a link
//! opened with a middle click) kept asking its upstreams on every tick for
//! nobody: nine panels every 5 s per tab, and browsers only slow a hidden
//! tab's timers, they do not stop them. Ticks that come due while the page
//! is hidden are skipped. When the page is shown again after missing one,
//! it refreshes at once (the data is stale) and the interval starts over
//! from there, so the catch-up is not followed by a second round moments
//! later.

use leptos::prelude::*;

/// The interval of an auto-refresh choice in seconds; 0 (or an unknown
/// value from a hand-edited URL) is off.
#[cfg(any(test, feature = "hydrate"))]
fn period_secs(value: &str) -> u32 {
    super::time_range::REFRESH
        .iter()
        .find(|(v, _, _)| *v == value)
        .map_or(0, |(_, _, s)| *s)
}

/// A counter that ticks at the chosen auto-refresh interval while the page
/// is visible (browser only); queries that read it run again on every tick.
pub fn use_auto_refresh(refresh: Signal<String>) -> RwSignal<u64> {
    let tick = RwSignal::new(0u64);
    #[cfg(feature = "hydrate")]
    run(refresh, tick);
    #[cfg(not(feature = "hydrate"))]
    let _ = refresh;
    tick
}

#[cfg(feature = "hydrate")]
fn run(refresh: Signal<String>, tick: RwSignal<u64>) {
    let period = Memo::new(move |_| period_secs(&refresh.get()));
    // A tick came due while the page was hidden.
    let missed = StoredValue::new(false);
    // Bumped to start the interval over from now.
    let rearm = RwSignal::new(0u32);
    Effect::new(move |_| {
        rearm.track();
        let secs = period.get();
        missed.set_value(false);
        if secs == 0 {
            return;
        }
        let due = move || {
            if document().hidden() {
                missed.set_value(true);
            } else {
                tick.update(|t| *t += 1);
            }
        };
        let every = std::time::Duration::from_secs(u64::from(secs));
        if let Ok(handle) = set_interval_with_handle(due, every) {
            on_cleanup(move || handle.clear());
        }
    });
    let shown = window_event_listener_untyped("visibilitychange", move |_| {
        if !document().hidden() && missed.try_get_value() == Some(true) {
            missed.set_value(false);
            tick.update(|t| *t += 1);
            rearm.update(|n| *n += 1);
        }
    });
    on_cleanup(move || shown.remove());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_choice_has_its_period_and_anything_else_is_off() {
        assert_eq!(period_secs("5s"), 5);
        assert_eq!(period_secs("5m"), 300);
        assert_eq!(period_secs(""), 0);
        assert_eq!(period_secs("1s"), 0, "not a choice: off, not a flood");
        assert_eq!(period_secs("5S"), 0);
    }
}
