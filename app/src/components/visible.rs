//! "Query what someone looks at": where a panel is against the viewport
//! (an IntersectionObserver, 200 px ahead), for two rules.
//! - A panel first runs once it comes near the viewport. Panels rendered by
//!   the server, or during hydration, count as near at once (the server
//!   already ran them); only panels created later in the browser wait, so a
//!   long dashboard opened by a link does not query what nobody looks at.
//! - A panel follows a refresh tick, a new range or new variable values
//!   only while it is near the viewport; one scrolled away keeps its answer
//!   and runs once when it comes back. A 30-panel dashboard on a wall
//!   screen asks for the panels on screen every tick, not for all 30.

use leptos::html::Article;
use leptos::prelude::*;

/// Where one panel is, kept for as long as the panel lives.
#[derive(Clone, Copy)]
pub struct InView {
    /// It has been near the viewport: it may run at all.
    pub seen: RwSignal<bool>,
    /// It is near the viewport now: it follows ticks and changes.
    pub near: RwSignal<bool>,
}

impl InView {
    /// Near at once on the server and while the page hydrates; a panel made
    /// once the page is live waits for [`watch_visible`].
    pub fn new() -> Self {
        #[cfg(feature = "hydrate")]
        let near = !document()
            .body()
            .is_some_and(|b| b.has_attribute("data-hydrated"));
        #[cfg(not(feature = "hydrate"))]
        let near = true;
        Self {
            seen: RwSignal::new(near),
            near: RwSignal::new(near),
        }
    }
}

impl Default for InView {
    fn default() -> Self {
        Self::new()
    }
}

/// Follows `node` against the viewport for the panel's life (browser only).
/// The flags are made with the panel's run, which the server keeps across
/// its two builds of a view (`PanelRuns`).
pub fn watch_visible(node: NodeRef<Article>, at: InView) {
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if let Some(el) = node.get() {
            observe(&el, at);
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (node, at);
}

#[cfg(feature = "hydrate")]
fn observe(el: &web_sys::HtmlElement, at: InView) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let seen = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
        // The last entry is the latest state when several are queued.
        let Some(near) = entries
            .iter()
            .rev()
            .find_map(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok())
            .map(|e| e.is_intersecting())
        else {
            return;
        };
        if at.near.try_get_untracked() != Some(near) {
            at.near.try_set(near);
        }
        if near && at.seen.try_get_untracked() == Some(false) {
            at.seen.try_set(true);
        }
    });
    let init = web_sys::IntersectionObserverInit::new();
    init.set_root_margin("200px");
    match web_sys::IntersectionObserver::new_with_options(seen.as_ref().unchecked_ref(), &init) {
        Ok(observer) => {
            observer.observe(el);
            // Both live as long as the panel: disconnected when it goes.
            let keep = StoredValue::new_local((observer, seen));
            on_cleanup(move || keep.with_value(|(o, _)| o.disconnect()));
        }
        // No observer (an old browser): always near.
        Err(_) => {
            at.seen.set(true);
            at.near.set(true);
        }
    }
}
