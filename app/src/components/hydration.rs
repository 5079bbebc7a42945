use leptos::prelude::*;

/// Marks `<body data-hydrated="true">` once the wasm has taken over the
/// whole page, the visited route's lazily loaded chunk included. It first
/// lets one macrotask pass, so the effects hydration scheduled (focus, URL
/// state, data loads) have run: the mark means clicks now work, and browser
/// tests wait for it before they click.
#[cfg(feature = "hydrate")]
pub async fn mark_hydrated() {
    let next_task = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback(&resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(next_task).await;
    if let Some(body) = document().body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}

/// False on the server and during hydration, true once the page is live.
/// Browser-only data (a `LocalResource`) is read behind it, so the server
/// never waits for data it will not load.
pub fn use_hydrated() -> ReadSignal<bool> {
    let (live, set_live) = signal(false);
    Effect::new(move |_| set_live.set(true));
    live
}
