//! Edit mode (editors and admins): the working copy of the dashboard, the
//! toolbar (add panel or row, settings, save with a message, discard), and
//! what a stale save does: the server answers 409 and writes nothing, and
//! the editor may reload the newer version or save the work as a copy, so
//! nothing is lost. Leaving with unsaved changes asks first (`leave`).

mod leave;
mod panel_editor;
mod settings;
mod slot;
mod variables_editor;

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::error::AppError;
use crate::model::dashboard::{Dashboard, DashboardSave, StoredDashboard, Variable};
use crate::server_fns::dashboards::{get_dashboard, save_dashboard};

mod lazy;

pub use lazy::{LazyPanelEditor, LazySettings};
pub use slot::SlotControls;

/// The edit state of one open dashboard, shared through context.
#[derive(Clone, Copy)]
pub struct Editor {
    /// The working copy: what the grid shows, in edit mode or not.
    pub draft: RwSignal<Dashboard>,
    /// The version the working copy started from, as stored.
    pub saved: RwSignal<Dashboard>,
    pub version: RwSignal<i64>,
    pub editing: RwSignal<bool>,
    /// The panel open in the panel editor.
    pub panel: RwSignal<Option<String>>,
    /// A panel just added: cancelling its editor takes it away again.
    pub fresh: RwSignal<Option<String>>,
    pub settings: RwSignal<bool>,
    /// The user may edit (the server checks again on every save).
    pub allowed: bool,
}

impl Editor {
    /// The working copy's variables when they differ from the stored ones
    /// (sent with option and preview requests, which only editors may do).
    /// Reads with `try_`: pickers may ask while the page is being left.
    pub fn changed_variables(&self) -> Option<Vec<Variable>> {
        let vars = self.draft.try_with(|d| d.spec.variables.clone())?;
        let same = self.saved.try_with(|s| s.spec.variables == vars)?;
        (self.allowed && !same).then_some(vars)
    }

    pub fn new(stored: StoredDashboard, allowed: bool) -> Self {
        let e = Self {
            editing: RwSignal::new(allowed && stored.dashboard.spec.panels.is_empty()),
            draft: RwSignal::new(stored.dashboard.clone()),
            saved: RwSignal::new(stored.dashboard),
            version: RwSignal::new(stored.version),
            panel: RwSignal::new(None),
            fresh: RwSignal::new(None),
            settings: RwSignal::new(false),
            allowed,
        };
        provide_context(e);
        leave::guard(Signal::derive(move || e.dirty()));
        e
    }

    pub fn dirty(&self) -> bool {
        self.draft.with(|d| self.saved.with(|s| d != s))
    }

    /// Takes a stored version as both the saved and the working copy.
    fn take(&self, stored: StoredDashboard) {
        self.version.set(stored.version);
        self.saved.set(stored.dashboard.clone());
        self.draft.set(stored.dashboard);
    }
}

pub fn use_editor() -> Editor {
    expect_context::<Editor>()
}

/// `d` as a new dashboard: a fresh uid and "Copy of" its title.
fn as_copy(d: &Dashboard) -> Dashboard {
    let mut c = d.clone();
    let stamp = crate::model::time::now_ms().rem_euclid(1_000_000_000);
    let base: String = d.metadata.uid.chars().take(48).collect();
    c.metadata.uid = format!("{base}-copy-{stamp}");
    c.metadata.title = format!("Copy of {}", d.metadata.title);
    c
}

async fn save(
    d: Dashboard,
    uid: Option<String>,
    base: Option<i64>,
    message: String,
) -> Result<StoredDashboard, AppError> {
    let dashboard = serde_json::to_value(&d).map_err(|e| AppError::Internal(e.to_string()))?;
    save_dashboard(
        uid,
        DashboardSave {
            dashboard,
            base_version: base,
            message,
        },
    )
    .await
}

/// The edit bar above the grid.
#[component]
pub fn Toolbar() -> impl IntoView {
    let ed = use_editor();
    let sources = use_context::<crate::pages::dashboards::links::Sources>();
    let navigate = use_navigate();
    let message = RwSignal::new(String::new());
    let asking = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let conflict = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let do_save = move |_| {
        let (d, base) = (ed.draft.get_untracked(), ed.version.get_untracked());
        let uid = d.metadata.uid.clone();
        let msg = message.get_untracked();
        busy.set(true);
        leptos::task::spawn_local(async move {
            match save(d, Some(uid), Some(base), msg).await {
                Ok(stored) => {
                    ed.take(stored);
                    asking.set(false);
                    error.set(None);
                    conflict.set(false);
                    message.set(String::new());
                    ed.editing.set(false);
                }
                Err(AppError::Conflict(m)) => {
                    error.set(Some(m));
                    conflict.set(true);
                }
                Err(e) => error.set(Some(e.to_string())),
            }
            busy.set(false);
        });
    };
    let reload = move |_| {
        let uid = ed.saved.with_untracked(|d| d.metadata.uid.clone());
        leptos::task::spawn_local(async move {
            match get_dashboard(uid).await {
                Ok(stored) => {
                    ed.take(stored);
                    error.set(None);
                    conflict.set(false);
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        });
    };
    let as_copy_nav = navigate.clone();
    let save_copy = move |_| {
        let copy = as_copy(&ed.draft.get_untracked());
        let msg = message.get_untracked();
        let navigate = as_copy_nav.clone();
        leptos::task::spawn_local(async move {
            match save(copy, None, None, msg).await {
                Ok(stored) => {
                    // The copy holds the work; the original is left as stored.
                    ed.draft.set(ed.saved.get_untracked());
                    navigate(
                        &format!("/d/{}", stored.dashboard.metadata.uid),
                        Default::default(),
                    );
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        });
    };
    let discard = move |_| {
        let sure = !ed.dirty() || confirm("Discard your unsaved changes to this dashboard?");
        if sure {
            ed.draft.set(ed.saved.get_untracked());
            ed.panel.set(None);
            ed.editing.set(false);
        }
    };
    let add_panel = move |_| {
        // The data source the other panels use, else the first Prometheus one.
        let first_prometheus = || {
            sources?
                .0
                .get_untracked()?
                .into_iter()
                .find(|d| d.settings.kind == crate::model::DataSourceKind::Prometheus)
                .map(|d| d.settings.name)
        };
        let ds = ed
            .draft
            .with_untracked(|d| {
                d.spec
                    .panels
                    .values()
                    .find_map(|p| p.spec.datasource.clone())
            })
            .or_else(first_prometheus);
        let mut id = String::new();
        ed.draft
            .update(|d| id = d.add_panel(Dashboard::blank_panel(ds), 12, 8));
        ed.fresh.set(Some(id.clone()));
        ed.panel.set(Some(id));
    };
    view! {
        <div class="edit-bar" data-test="edit-bar">
            <Show when=move || ed.editing.get()
                fallback=move || view! {
                    <button type="button" data-test="edit" on:click=move |_| ed.editing.set(true)>"Edit"</button>
                }>
                <button type="button" data-test="add-panel" on:click=add_panel>"Add panel"</button>
                <button type="button" data-test="add-row" on:click=move |_| ed.draft.update(|d| d.add_row("New row"))>"Add row"</button>
                <button type="button" data-test="settings" on:click=move |_| ed.settings.update(|s| *s = !*s)>"Settings"</button>
                <button type="button" class="primary" data-test="save" on:click=move |_| asking.set(true)>"Save…"</button>
                <button type="button" data-test="discard" on:click=discard>"Discard"</button>
                {move || ed.dirty().then(|| view! { <span class="muted" data-test="unsaved">"Unsaved changes"</span> })}
            </Show>
            <Show when=move || asking.get()>
                <div class="save-box" data-test="save-box">
                    <label>"What changed? "
                        <input data-test="save-message" maxlength="500" bind:value=message placeholder="optional message for the history" />
                    </label>
                    <button type="button" class="primary" data-test="save-confirm" disabled=move || busy.get() on:click=do_save>"Save"</button>
                    <button type="button" on:click=move |_| asking.set(false)>"Cancel"</button>
                </div>
            </Show>
            {move || error.get().map(|e| view! { <p class="error" role="alert" data-test="save-error">{e}</p> })}
            <Show when=move || conflict.get()>
                <p class="conflict" data-test="conflict">
                    "Your changes are still here. "
                    <button type="button" data-test="save-as-copy" on:click=save_copy.clone()>"Save as a copy"</button>
                    " or "
                    <button type="button" data-test="reload" on:click=reload>"Reload the newer version (drops your changes)"</button>
                </p>
            </Show>
        </div>
    }
}

/// The browser's yes/no dialog; on the server (never reached) "yes".
pub fn confirm(text: &str) -> bool {
    #[cfg(feature = "hydrate")]
    {
        window().confirm_with_message(text).unwrap_or(false)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = text;
        true
    }
}
