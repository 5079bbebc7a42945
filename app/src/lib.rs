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
pub mod server_fns;
#[cfg(feature = "ssr")]
pub mod services;
pub mod shell;

pub use app::App;
pub use shell::shell;

/// Entry point of the wasm bundle: attaches to the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
}
