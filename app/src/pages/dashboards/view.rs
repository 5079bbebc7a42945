//! One dashboard at `/d/{uid}`: the time picker, variable inputs, and its
//! rows of panels on the 24-column grid. Every view setting is in the URL
//! (see `state`); each panel runs and fails on its own.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map};

use super::controls::{controls, Controls};
use super::edit::{Editor, LazyPanelEditor, LazySettings, Toolbar};
use super::grid::Grid;
use super::keep;
use super::state::{use_view_state, ViewState};
use super::variables::VariableBar;
use crate::components::panel::Notes;
use crate::components::url::encode;
use crate::components::{provide_zone, use_current_user, ShareForm, TimeRange};
use crate::model::annotation::{Annotation, AnnotationQuery};
use crate::model::dashboard::StoredDashboard;
use crate::model::share::ShareKind;
use crate::model::Role;
use crate::server_fns::annotations::list_annotations;
use crate::server_fns::dashboards::get_dashboard;
use crate::server_fns::datasources::list_datasources;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let params = use_params_map();
    let uid = Memo::new(move |_| params.with(|p| p.get("uid").unwrap_or_default()));
    let state = use_view_state();
    let navigate = use_navigate();
    let go = Callback::new(move |s: ViewState| {
        navigate(&s.href(&uid.get_untracked()), Default::default())
    });
    // Until the dashboard (and its default zone) is here.
    provide_zone(Signal::derive(move || {
        state.with(|s| s.time.utc == Some(true))
    }));
    // One view per dashboard: a new uid makes a new one.
    move || view! { <DashboardOf uid=uid.get() state go /> }
}

/// Dashboard `uid`, once loaded. Its data is awaited by a `Suspend` made
/// once, not read in a closure: a `<Suspense>` walks its children more
/// than once on the server (to find what they load, then to render), and
/// a closure would make the whole view, and run every panel, each time.
#[component]
fn DashboardOf(uid: String, state: Memo<ViewState>, go: Callback<ViewState>) -> impl IntoView {
    let loaded = Resource::new(
        || (),
        move |_| {
            let uid = uid.clone();
            async move { get_dashboard(uid).await }
        },
    );
    // A Transition: what loads inside it again (a refresh tick) never
    // swaps the whole view for the fallback, which emptied the page for a
    // moment on every tick and scrolled the reader back to the top.
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {Suspend::new(async move {
                match loaded.await {
                    Err(e) => view! {
                        <Title text="Dashboard · Lookout" />
                        <p class="error" role="alert" data-test="dashboard-error">{e.to_string()}</p>
                        <p><a href="/">"Back to the dashboards."</a></p>
                    }.into_any(),
                    // A page whose reader left while it loaded (its
                    // owner disposed) renders nothing: building it would
                    // touch disposed signals and panic the render task.
                    Ok(_) if state.try_with_untracked(|_| ()).is_none() => ().into_any(),
                    Ok(stored) => view! { <Loaded stored state go /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Loaded(
    stored: StoredDashboard,
    state: Memo<ViewState>,
    go: Callback<ViewState>,
) -> impl IntoView {
    let user = use_current_user();
    let allowed = user
        .get_untracked()
        .is_some_and(|u| u.role.allows(Role::Editor));
    let ed = Editor::new(stored, allowed);
    let uid = ed.saved.with_untracked(|d| d.metadata.uid.clone());
    let title = Signal::derive(move || ed.draft.with(|d| d.metadata.title.clone()));
    let Controls {
        effective,
        change,
        set_var,
        vars,
        variables,
        view_panel,
        env,
    } = controls(state, go, ed, Signal::stored(false), true);
    let (range, tick) = (env.range, env.tick);
    keep::provide();
    provide_context(Notes(notes(uid.clone(), range, tick, ed)));
    provide_context(super::links::Sources(Resource::new(
        || (),
        |_| async { list_datasources().await.unwrap_or_default() },
    )));
    let history = format!("/dashboards/{}/history", encode(&uid));
    let (grid_uid, editor_uid, settings_uid) = (uid.clone(), uid.clone(), uid.clone());
    let share_uid = uid.clone();
    // Built in parts (each `into_any`) to keep the view's type shallow.
    let head = view! {
        <div class="dashboard-head">
            <h1 data-test="dashboard-title">{title}</h1>
            <TimeRange time=effective on_change=change />
            <a href=history data-test="history-link">"History"</a>
            {ed.allowed.then(|| view! { <Toolbar /> }.into_any())}
            {ed.allowed.then(|| view! { <ShareForm kind=ShareKind::Dashboard target=share_uid.clone() /> }.into_any())}
        </div>
    }
    .into_any();
    let settings = view! {
        <Show when=move || ed.settings.get() && ed.editing.get()>
            <LazySettings uid=settings_uid.clone() range vars />
        </Show>
    }
    .into_any();
    let bar = view! { <VariableBar uid=uid.clone() variables current=vars range set=set_var /> }
        .into_any();
    view! {
        // The page title outlives this view (the next page sets its own),
        // so it reads without panicking once the view is gone.
        <Title text=move || title.try_get().map_or_else(|| "Lookout".to_owned(), |t| format!("{t} · Lookout")) />
        {head}
        {settings}
        {bar}
        {move || range.get().err().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        {move || match ed.panel.get() {
            Some(id) => view! { <LazyPanelEditor id uid=editor_uid.clone() env /> }.into_any(),
            None => view! { <Grid uid=grid_uid.clone() env view_panel /> }.into_any(),
        }}
    }
}

/// The annotations for the view's range, asked again on each refresh tick
/// (browser only, like the charts that draw them).
fn notes(
    uid: String,
    range: Memo<Result<crate::model::TimeRange, String>>,
    tick: RwSignal<u64>,
    ed: Editor,
) -> Signal<Vec<Annotation>> {
    let wanted = Memo::new(move |_| {
        ed.draft
            .try_with(|d| d.spec.annotations.tags.clone())
            .unwrap_or_default()
    });
    // `try_` reads: a refetch may be asked while the view is being left.
    let found = LocalResource::new(move || {
        let _ = tick.try_get();
        let (r, tags, uid) = (
            range.try_get().and_then(Result::ok),
            wanted.try_get().unwrap_or_default(),
            uid.clone(),
        );
        async move {
            let r = r?;
            let query = AnnotationQuery {
                from_ms: r.from_ms,
                to_ms: r.to_ms,
                dashboard: Some(uid),
                tags,
            };
            list_annotations(query).await.ok()
        }
    });
    // Copied by an effect (browser only): a local resource read inside a
    // panel's Suspense would keep the server's render waiting on it.
    let list = RwSignal::new(Vec::new());
    Effect::new(move |_| {
        if let Some(Some(found)) = found.try_get().flatten() {
            list.try_set(found);
        }
    });
    list.into()
}
