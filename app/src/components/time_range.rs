use leptos::prelude::*;

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

/// From/to as expressions (`now-1h`, `now-1d/d`, `2026-11-26 10:00`), with
/// quick ranges. Calls `on_change(from, to)`; the page keeps them in the URL.
#[component]
pub fn TimeRange(
    #[prop(into)] from: Signal<String>,
    #[prop(into)] to: Signal<String>,
    on_change: Callback<(String, String)>,
) -> impl IntoView {
    let (from_input, to_input) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    Effect::new(move |_| {
        from_input.set(from.get());
        to_input.set(to.get());
    });
    let quick = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        if !v.is_empty() {
            on_change.run((v, "now".into()));
        }
    };
    let apply = move |_| on_change.run((from_input.get_untracked(), to_input.get_untracked()));
    view! {
        <div class="time-range" data-test="time-range">
            <select aria-label="Quick range" on:change=quick prop:value=move || if to.get() == "now" { from.get() } else { String::new() }>
                <option value="">"Custom"</option>
                {QUICK.iter().map(|(v, label)| view! { <option value=*v>{*label}</option> }).collect_view()}
            </select>
            <input aria-label="From" bind:value=from_input size="16" />
            " → "
            <input aria-label="To" bind:value=to_input size="16" />
            <button type="button" class="secondary" on:click=apply>"Apply"</button>
        </div>
    }
}
