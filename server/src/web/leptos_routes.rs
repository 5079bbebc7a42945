//! The Leptos app's pages and server functions, with the per-request context
//! (services and the gate's `RequestContext`) they read.

use std::sync::Arc;

use app::services::{RequestContext, Services};
use app::AssetRoot;
use axum::http::request::Parts;
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};

use crate::state::AppState;

/// Gives each render and server-function call the services, the request's
/// `RequestContext` (which the gate left in the request's extensions) and
/// where the page names the site's files (`web::assets`).
fn context(
    services: Arc<dyn Services>,
    assets: AssetRoot,
) -> impl Fn() + Clone + Send + Sync + 'static {
    move || {
        provide_context(services.clone());
        provide_context(assets.clone());
        let ctx = use_context::<Parts>()
            .and_then(|p| p.extensions.get::<RequestContext>().cloned())
            .unwrap_or_default();
        provide_context(ctx);
    }
}

pub fn router(state: &AppState) -> Router<AppState> {
    let routes = generate_route_list(app::App);
    let cx = context(state.services.clone(), AssetRoot(state.assets.root()));
    Router::new()
        .leptos_routes_with_context(state, routes, cx.clone(), {
            let options = state.leptos_options.clone();
            move || app::shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(cx, app::shell))
}
