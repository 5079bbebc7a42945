//! "Leave with unsaved changes?": asked on reload or close (the browser's
//! own `beforeunload` prompt) and on a click of any in-app link (a capture
//! listener that runs before the router's). One listener pair for the app's
//! life, reading the open editor's dirty flag.

use leptos::prelude::*;

#[cfg(feature = "hydrate")]
thread_local! {
    static DIRTY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static INSTALLED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Guards leaving while `dirty` is true; cleared when the page goes away.
pub fn guard(dirty: Signal<bool>) {
    #[cfg(feature = "hydrate")]
    {
        install();
        Effect::new(move |_| {
            let d = dirty.get();
            DIRTY.with(|c| c.set(d));
        });
        on_cleanup(|| DIRTY.with(|c| c.set(false)));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = dirty;
}

#[cfg(feature = "hydrate")]
fn install() {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    if INSTALLED.with(|c| c.replace(true)) {
        return;
    }
    let unload = Closure::<dyn Fn(web_sys::Event)>::new(|ev: web_sys::Event| {
        if DIRTY.with(|c| c.get()) {
            ev.prevent_default();
        }
    });
    let click = Closure::<dyn Fn(web_sys::Event)>::new(|ev: web_sys::Event| {
        if !DIRTY.with(|c| c.get()) {
            return;
        }
        let link = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[href]").ok().flatten());
        if link.is_none() {
            return;
        }
        let leave = window()
            .confirm_with_message(
                "You have unsaved changes to this dashboard. Leave and lose them?",
            )
            .unwrap_or(false);
        if leave {
            DIRTY.with(|c| c.set(false));
        } else {
            ev.prevent_default();
            ev.stop_immediate_propagation();
        }
    });
    let w = window();
    let _ = w.add_event_listener_with_callback("beforeunload", unload.as_ref().unchecked_ref());
    let _ = document().add_event_listener_with_callback_and_bool(
        "click",
        click.as_ref().unchecked_ref(),
        true,
    );
    // Both live as long as the page.
    unload.forget();
    click.forget();
}
