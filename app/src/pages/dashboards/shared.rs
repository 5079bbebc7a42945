//! A share link's read-only view at `/s/{token}`: the shared dashboard (or
//! saved search, as a one-panel dashboard) on the same grid, panels and
//! pickers as `/d/{uid}`, reaching its data through the link (`Access`).
//! No menu leads anywhere else; the time picker and the variable pickers
//! show only when the link allows them. Once the server says the link is
//! dead, the view says so and stops refreshing.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map};

use super::access::{Access, Link};
use super::controls::{controls, Controls};
use super::edit::Editor;
use super::grid::Grid;
use super::keep;
use super::state::{use_view_state, ViewState};
use super::variables::VariableBar;
use crate::components::url::encode;
use crate::components::{provide_zone, TimeRange};
use crate::model::dashboard::StoredDashboard;
use crate::model::share::SharedView;
use crate::model::template::vars::{display, values};
use crate::server_fns::shares::shared_view;

#[component]
pub fn SharedPage() -> impl IntoView {
    let params = use_params_map();
    let token = Memo::new(move |_| params.with(|p| p.get("token").unwrap_or_default()));
    let state = use_view_state();
    let navigate = use_navigate();
    let go = Callback::new(move |s: ViewState| {
        let base = format!("/s/{}", encode(&token.get_untracked()));
        navigate(&s.href_at(&base), Default::default())
    });
    provide_zone(Signal::derive(move || {
        state.with(|s| s.time.utc == Some(true))
    }));
    view! {
        <header class="topbar">
            <span class="brand">"Lookout"</span>
            <span class="muted" data-test="shared-badge">"Shared view · read-only"</span>
        </header>
        <main class="page">
            {move || view! { <SharedOf token=token.get() state go /> }}
        </main>
    }
}

/// The view behind link `token`, once loaded: awaited by a `Suspend` made
/// once, as `DashboardOf` does.
#[component]
fn SharedOf(token: String, state: Memo<ViewState>, go: Callback<ViewState>) -> impl IntoView {
    let asked = token.clone();
    let loaded = Resource::new(
        || (),
        move |_| {
            let t = asked.clone();
            async move { shared_view(t).await }
        },
    );
    // A Transition, as `DashboardOf`'s: a refresh never blanks the view.
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {Suspend::new(async move {
                match loaded.await {
                    Err(e) => view! {
                        <Title text="Shared view · Lookout" />
                        <p class="error" role="alert" data-test="dashboard-error">{e.to_string()}</p>
                    }.into_any(),
                    Ok(shared) => view! { <Shared shared state go token /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Shared(
    shared: SharedView,
    state: Memo<ViewState>,
    go: Callback<ViewState>,
    token: String,
) -> impl IntoView {
    let SharedView {
        dashboard,
        options,
        markdown,
        ..
    } = shared;
    let (uid, title) = (
        dashboard.metadata.uid.clone(),
        dashboard.metadata.title.clone(),
    );
    let ed = Editor::new(
        StoredDashboard {
            version: 0,
            dashboard,
        },
        false,
    );
    let dead = RwSignal::new(false);
    let Controls {
        effective,
        change,
        set_var,
        vars,
        variables,
        view_panel,
        env,
    } = controls(state, go, ed, dead.into(), options.allow_time);
    let range = env.range;
    keep::provide();
    let picked_range =
        Memo::new(move |_| state.with(|s| s.time.from.is_some() || s.time.to.is_some()));
    provide_context(Access::Link(Link {
        token,
        options,
        markdown,
        picked_range,
        dead,
    }));
    let time = if options.allow_time {
        view! { <TimeRange time=effective on_change=change /> }.into_any()
    } else {
        let shown = move || effective.with(|e| format!("{} to {}", e.from, e.to));
        view! { <span class="muted" data-test="fixed-range">{shown}</span> }.into_any()
    };
    let bar = if options.allow_vars {
        view! { <VariableBar uid=uid.clone() variables current=vars range set=set_var /> }
            .into_any()
    } else {
        // The values in effect, as text.
        let shown = move || {
            ed.draft.with(|d| {
                let now = values(d, &Default::default());
                d.spec
                    .variables
                    .iter()
                    .filter(|v| v.kind != "constant")
                    .map(|v| display(&format!("{} = ${}", v.name, v.name), &now))
                    .collect::<Vec<_>>()
                    .join(" · ")
            })
        };
        view! { <p class="muted" data-test="fixed-vars">{shown}</p> }.into_any()
    };
    let page_title = format!("{title} · Lookout");
    view! {
        <Title text=page_title />
        <div class="dashboard-head">
            <h1 data-test="dashboard-title">{title}</h1>
            {time}
        </div>
        <Show when=move || dead.get()>
            <p class="error" role="alert" data-test="link-dead">
                "This link no longer works (revoked or expired). Ask whoever shared it for a new one."
            </p>
        </Show>
        {bar}
        {move || range.get().err().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        <Grid uid=uid.clone() env view_panel />
    }
}
