use leptos::prelude::*;

/// Marks `<body data-hydrated="true">` once the wasm has taken over. Effects
/// run only in the browser, so the mark means clicks now work; browser tests
/// wait for it before they click.
pub fn mark_hydrated() {
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}

/// False on the server and during hydration, true once the page is live.
/// Browser-only data (a `LocalResource`) is read behind it, so the server
/// never waits for data it will not load.
pub fn use_hydrated() -> ReadSignal<bool> {
    let (live, set_live) = signal(false);
    Effect::new(move |_| set_live.set(true));
    live
}
