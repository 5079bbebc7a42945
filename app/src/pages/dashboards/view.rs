//! One dashboard at `/d/{uid}`: the time picker, variable inputs, and its
//! rows of panels on the 24-column grid. Every view setting is in the URL
//! (see `state`); each panel runs and fails on its own.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

use super::grid::Grid;
use super::panel::PanelEnv;
use super::state::ViewState;
use crate::components::{provide_zone, use_auto_refresh, TimeChange, TimeRange};
use crate::model::dashboard::{Dashboard, StoredDashboard};
use crate::model::time::{now_ms, resolve_range};
use crate::model::timenav::absolute;
use crate::server_fns::dashboards::get_dashboard;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let uid = Memo::new(move |_| params.with(|p| p.get("uid").unwrap_or_default()));
    let state = Memo::new(move |_| {
        query.with(|q| {
            let pairs: Vec<(String, String)> = q
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_owned()))
                .collect();
            ViewState::from_pairs(&pairs)
        })
    });
    let navigate = use_navigate();
    let go = Callback::new(move |s: ViewState| {
        navigate(&s.href(&uid.get_untracked()), Default::default())
    });
    provide_zone(Signal::derive(move || state.with(|s| s.utc)));
    let loaded = Resource::new(
        move || uid.get(),
        |uid| async move { get_dashboard(uid).await },
    );
    view! {
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || loaded.get().map(|r| match r {
                Err(e) => view! {
                    <Title text="Dashboard · Lookout" />
                    <p class="error" role="alert" data-test="dashboard-error">{e.to_string()}</p>
                    <p><a href="/">"Back to the dashboards."</a></p>
                }.into_any(),
                Ok(stored) => view! { <Loaded stored state go /> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Loaded(
    stored: StoredDashboard,
    state: Memo<ViewState>,
    go: Callback<ViewState>,
) -> impl IntoView {
    let d: Dashboard = stored.dashboard;
    let uid = d.metadata.uid.clone();
    let title = d.metadata.title.clone();
    let defaults = d.clone();
    let effective = Memo::new(move |_| state.with(|s| s.effective(&defaults)));
    let tick = use_auto_refresh(Signal::derive(move || effective.with(|e| e.2.clone())));
    let change = Callback::new(move |c: TimeChange| {
        let mut s = state.get_untracked();
        match c {
            TimeChange::Range(f, t) => (s.from, s.to) = (Some(f), Some(t)),
            TimeChange::Refresh(r) => s.refresh = Some(r),
            TimeChange::Utc(u) => s.utc = u,
        }
        go.run(s);
    });
    let zone = crate::components::use_zone();
    // The resolved range, recomputed on every refresh tick.
    let range = Memo::new(move |_| {
        tick.get();
        let (from, to, _) = effective.get();
        resolve_range(&from, &to, now_ms(), zone.offset_at(now_ms()))
    });
    let zoom = Callback::new(move |(a, b): (i64, i64)| {
        let mut s = state.get_untracked();
        let (f, t) = absolute(a, b);
        (s.from, s.to) = (Some(f), Some(t));
        go.run(s);
    });
    let variables = d.spec.variables.clone();
    let set_var = move |name: String, value: String| {
        let mut s = state.get_untracked();
        let values: Vec<String> = value
            .split(',')
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
            .collect();
        s.vars.insert(name, values);
        go.run(s);
    };
    let vars = Signal::derive(move || state.with(|s| s.vars.clone()));
    let view_panel = Signal::derive(move || state.with(|s| s.view_panel.clone()));
    let open = Callback::new(move |id: Option<String>| {
        let mut s = state.get_untracked();
        s.view_panel = id;
        go.run(s);
    });
    view! {
        <Title text=format!("{title} · Lookout") />
        <div class="dashboard-head">
            <h1 data-test="dashboard-title">{title.clone()}</h1>
            <TimeRange
                from=Signal::derive(move || effective.with(|e| e.0.clone()))
                to=Signal::derive(move || effective.with(|e| e.1.clone()))
                refresh=Signal::derive(move || effective.with(|e| e.2.clone()))
                utc=Signal::derive(move || state.with(|s| s.utc))
                on_change=change
            />
        </div>
        <div class="variables" data-test="variables">
            {variables.into_iter().map(|v| {
                let name = v.name.clone();
                let shown = name.clone();
                let current = Signal::derive(move || state.with(|s| s.vars.get(&shown).map(|x| x.join(", "))).unwrap_or_default());
                view! {
                    <label>{format!("{} ", v.name)}
                        <input data-test=format!("var-{}", v.name) prop:value=current placeholder="default"
                            on:change=move |ev| set_var(name.clone(), event_target_value(&ev)) />
                    </label>
                }
            }).collect_view()}
        </div>
        {move || range.get().err().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        <Grid dashboard=d.clone() uid=uid.clone() env=PanelEnv { range, vars, tick, zoom, open } view_panel />
    }
}
