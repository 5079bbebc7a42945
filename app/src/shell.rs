use leptos::prelude::*;
use leptos_meta::MetaTags;

use crate::components::{RenderedAt, RENDERED_AT_META};
use crate::model::time::now_ms;
use crate::App;

/// Where a page names the site's files: a prefix before `/pkg/…` that
/// carries the build's id (`/pkg/v/{id}`, from the server's `web::assets`),
/// so browsers keep them for good and an upgrade is a new name; `None` for
/// the plain names (no site built).
#[derive(Clone, Debug, Default)]
pub struct AssetRoot(pub Option<String>);

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let root = use_context::<AssetRoot>()
        .unwrap_or_default()
        .0
        .unwrap_or_default();
    let css = format!("{root}/pkg/lookout.css");
    #[cfg(feature = "ssr")]
    set_content_security_policy();
    // One instant for the whole render; the browser hydrates with it.
    let rendered_at = now_ms();
    provide_context(RenderedAt(rendered_at));
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                // The wasm starts when the browser is first idle, after it
                // has painted the server's page (charts included): warm,
                // all panels showed 28 ms sooner (median of 3 alternating
                // runs of 15 loads: 271 ms against 299), and hydration
                // ended as soon (494 against 489). Its preloads go at low
                // priority, behind the page's own stylesheet.
                <HydrationScripts options root defer=true />
                <meta name=RENDERED_AT_META content=rendered_at.to_string() />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <link id="leptos" rel="stylesheet" href=css />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Pages get a strict CSP: scripts only from this origin or carrying this
/// response's nonce (Leptos's hydration and streaming scripts), plus
/// `wasm-unsafe-eval` so the wasm bundle may compile. No inline handlers, so
/// markup smuggled in from log data could not run even if it were rendered.
#[cfg(feature = "ssr")]
fn set_content_security_policy() {
    let (Some(nonce), Some(res)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    );
    if let Ok(value) = http::HeaderValue::from_str(&policy) {
        res.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}
