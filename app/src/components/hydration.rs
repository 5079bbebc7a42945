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
