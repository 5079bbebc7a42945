//! Lookout's browser side: pages, components, the shared model types and the
//! server-function declarations. Compiled twice: with `ssr` into the server,
//! and with `hydrate` into the wasm bundle. It never touches a database or an
//! upstream HTTP API; the server does that behind [`services::Services`].

#![recursion_limit = "512"]

pub mod app;
pub mod components;
pub mod error;
pub mod model;
pub mod pages;
pub mod routes;
pub mod server_fns;
#[cfg(feature = "ssr")]
pub mod services;
pub mod shell;

pub use app::App;
pub use shell::{shell, AssetRoot};

/// Entry point of the wasm bundle: attaches to the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // As `leptos::mount::hydrate_lazy`: waits for the visited page's chunk
    // (see `routes`) before hydrating it. The page is marked live only then,
    // not when the shell's first effects run, which is earlier.
    wasm_bindgen_futures::spawn_local(async {
        let page = leptos::mount::hydrate_from_async(leptos::tachys::dom::body(), App).await;
        page.forget();
        components::mark_hydrated().await;
    });
}
