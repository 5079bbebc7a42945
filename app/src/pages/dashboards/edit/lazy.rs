//! The panel editor and the settings form load their code when first
//! opened: with `cargo leptos build --split` each `#[lazy]` function below
//! is its own wasm chunk, so a viewer of a dashboard (and an editor who only
//! looks) never downloads the forms, the PromQL autocomplete or the
//! variables editor. Neither is ever rendered by the server: both open on a
//! click, after hydration.

use std::collections::BTreeMap;

use leptos::prelude::*;

use super::panel_editor::PanelEditor;
use super::settings::Settings;
use crate::model::TimeRange;
use crate::pages::dashboards::panel::PanelEnv;

#[lazy]
fn panel_editor_view(id: String, uid: String, env: PanelEnv) -> AnyView {
    view! { <PanelEditor id uid env /> }.into_any()
}

#[lazy]
fn settings_view(
    uid: String,
    range: Memo<Result<TimeRange, String>>,
    vars: Signal<BTreeMap<String, Vec<String>>>,
) -> AnyView {
    view! { <Settings uid range vars /> }.into_any()
}

/// Shown while an editor's chunk downloads (once per page load).
fn loading() -> impl IntoView {
    view! { <p class="muted" data-test="editor-loading">"Loading the editor…"</p> }
}

/// [`PanelEditor`], its code fetched on first use.
#[component]
pub fn LazyPanelEditor(id: String, uid: String, env: PanelEnv) -> impl IntoView {
    view! {
        <Suspense fallback=loading>
            {Suspend::new(panel_editor_view(id, uid, env))}
        </Suspense>
    }
}

/// [`Settings`], its code fetched on first use.
#[component]
pub fn LazySettings(
    uid: String,
    range: Memo<Result<TimeRange, String>>,
    vars: Signal<BTreeMap<String, Vec<String>>>,
) -> impl IntoView {
    view! {
        <Suspense fallback=loading>
            {Suspend::new(settings_view(uid, range, vars))}
        </Suspense>
    }
}
