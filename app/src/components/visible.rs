//! "Query when scrolled into view": a signal that turns true once an
//! element comes near the viewport (an IntersectionObserver, 200 px ahead).
//! Panels rendered by the server, or during hydration, count as visible at
//! once (the server already ran them); only panels created later in the
//! browser wait, so a long dashboard opened by a link does not query what
//! nobody looks at.

use leptos::html::Article;
use leptos::prelude::*;

/// A fresh "seen" flag: true at once on the server and while the page
/// hydrates, false for a panel made once the page is live (it waits for
/// [`watch_visible`]).
pub fn initially_visible() -> bool {
    #[cfg(feature = "hydrate")]
    {
        !document()
            .body()
            .is_some_and(|b| b.has_attribute("data-hydrated"))
    }
    #[cfg(not(feature = "hydrate"))]
    {
        true
    }
}

/// Sets `visible` once `node` comes near the viewport, unless it already
/// is set (on the server and while hydrating it starts set, see
/// [`initially_visible`]). The flag is made with the panel's run, which
/// the server keeps across its two builds of a view (`PanelRuns`).
pub fn watch_visible(node: NodeRef<Article>, visible: RwSignal<bool>) {
    #[cfg(feature = "hydrate")]
    if !visible.get_untracked() {
        Effect::new(move |_| {
            if let Some(el) = node.get() {
                observe(&el, visible);
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (node, visible);
}

#[cfg(feature = "hydrate")]
fn observe(el: &web_sys::HtmlElement, visible: RwSignal<bool>) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let seen = Closure::<dyn Fn(js_sys::Array, web_sys::IntersectionObserver)>::new(
        move |entries: js_sys::Array, observer: web_sys::IntersectionObserver| {
            let near = entries.iter().any(|e| {
                e.dyn_into::<web_sys::IntersectionObserverEntry>()
                    .is_ok_and(|e| e.is_intersecting())
            });
            if near {
                visible.try_set(true);
                observer.disconnect();
            }
        },
    );
    let init = web_sys::IntersectionObserverInit::new();
    init.set_root_margin("200px");
    match web_sys::IntersectionObserver::new_with_options(seen.as_ref().unchecked_ref(), &init) {
        Ok(observer) => {
            observer.observe(el);
            // Both live as long as the panel: disconnected when it goes.
            let keep = StoredValue::new_local((observer, seen));
            on_cleanup(move || keep.with_value(|(o, _)| o.disconnect()));
        }
        // No observer (an old browser): just run.
        Err(_) => visible.set(true),
    }
}
