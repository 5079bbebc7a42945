//! The time picker shared by Explore and dashboards: quick ranges,
//! from/to expressions, zoom out and shift, auto-refresh and the display
//! zone. It only reports changes; the page keeps everything in the URL.

use leptos::prelude::*;

use super::time_state::TimeExprs;
use super::zone::use_zone;
use crate::model::time::{now_ms, resolve_range};
use crate::model::timenav::{shift, zoom_out};

/// The quick ranges the picker offers, as `now-…` expressions.
pub const QUICK: [(&str, &str); 7] = [
    ("now-5m", "Last 5 minutes"),
    ("now-15m", "Last 15 minutes"),
    ("now-1h", "Last 1 hour"),
    ("now-6h", "Last 6 hours"),
    ("now-24h", "Last 24 hours"),
    ("now-7d", "Last 7 days"),
    ("now-30d", "Last 30 days"),
];

/// Auto-refresh choices: URL value and label.
pub const REFRESH: [(&str, &str, u32); 6] = [
    ("", "Off", 0),
    ("5s", "5s", 5),
    ("10s", "10s", 10),
    ("30s", "30s", 30),
    ("1m", "1m", 60),
    ("5m", "5m", 300),
];

/// The quick range `from`..`to` is, or "" (Custom) when it is none of them.
fn quick_of(from: String, to: &str) -> String {
    if to == "now" && QUICK.iter().any(|(v, _)| *v == from) {
        from
    } else {
        String::new()
    }
}

/// What the picker can change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimeChange {
    Range(String, String),
    Refresh(String),
    Utc(bool),
}

#[component]
pub fn TimeRange(
    /// The range, refresh and zone in effect (the page's defaults filled in).
    #[prop(into)]
    time: Signal<TimeExprs>,
    on_change: Callback<TimeChange>,
) -> impl IntoView {
    let zone = use_zone();
    let from = Signal::derive(move || time.with(|t| t.from.clone()));
    let to = Signal::derive(move || time.with(|t| t.to.clone()));
    let refresh = Signal::derive(move || time.with(|t| t.refresh.clone()));
    let utc = Signal::derive(move || time.with(|t| t.utc));
    let (from_input, to_input) = (
        RwSignal::new(from.get_untracked()),
        RwSignal::new(to.get_untracked()),
    );
    // `prop:value` and `bind:value` are not in the server's HTML, so the
    // controls also carry their starting state as attributes: the picker
    // reads right before hydration and with scripts off (a shared view).
    let quick_now = quick_of(from.get_untracked(), &to.get_untracked());
    let (refresh_now, utc_now) = (refresh.get_untracked(), utc.get_untracked());
    Effect::new(move |_| {
        from_input.set(from.get());
        to_input.set(to.get());
    });
    let range = move |f: String, t: String| on_change.run(TimeChange::Range(f, t));
    let quick = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        if !v.is_empty() {
            range(v, "now".into());
        }
    };
    let apply = move |_| range(from_input.get_untracked(), to_input.get_untracked());
    // Moves the resolved range; an unreadable range stays as it is.
    let nav = move |op: fn(i64, i64, i64) -> (String, String)| {
        let now = now_ms();
        let off = zone.offset_at(now);
        if let Ok(r) = resolve_range(&from.get_untracked(), &to.get_untracked(), now, off) {
            let (a, b) = op(r.from_ms, r.to_ms, now);
            range(a, b);
        }
    };
    view! {
        <div class="time-range" data-test="time-range">
            <button type="button" class="secondary" title="Earlier by half the range" data-test="shift-back" on:click=move |_| nav(|f, t, n| shift(f, t, false, n))>"◀"</button>
            <select aria-label="Quick range" on:change=quick prop:value=move || quick_of(from.get(), &to.get())>
                <option value="" selected=quick_now.is_empty()>"Custom"</option>
                {QUICK.iter().map(|(v, label)| view! { <option value=*v selected=*v == quick_now>{*label}</option> }).collect_view()}
            </select>
            <input aria-label="From" bind:value=from_input value=from_input.get_untracked() size="16" />
            " → "
            <input aria-label="To" bind:value=to_input value=to_input.get_untracked() size="16" />
            <button type="button" class="secondary" on:click=apply>"Apply"</button>
            <button type="button" class="secondary" title="Later by half the range" data-test="shift-forward" on:click=move |_| nav(|f, t, n| shift(f, t, true, n))>"▶"</button>
            <button type="button" class="secondary" title="Twice the range" data-test="zoom-out" on:click=move |_| nav(zoom_out)>"Zoom out"</button>
            <select aria-label="Auto-refresh" data-test="refresh" prop:value=move || refresh.get() on:change=move |ev| on_change.run(TimeChange::Refresh(event_target_value(&ev)))>
                {REFRESH.iter().map(|(v, label, _)| view! { <option value=*v selected=*v == refresh_now>{format!("⟳ {label}")}</option> }).collect_view()}
            </select>
            <select aria-label="Time zone" data-test="zone" prop:value=move || if utc.get() { "utc" } else { "local" } on:change=move |ev| on_change.run(TimeChange::Utc(event_target_value(&ev) == "utc"))>
                <option value="local" selected=!utc_now>"Browser time"</option>
                <option value="utc" selected=utc_now>"UTC"</option>
            </select>
        </div>
    }
}
