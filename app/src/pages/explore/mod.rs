//! Explore: Discover-style log search and ad-hoc metric charts on one page.
//! Everything lives in the URL (see `state`), so a copied link reproduces
//! the view and back/forward move through it. The time picker, zone and
//! auto-refresh are shared by both modes.

mod export;
mod fields;
mod logs;
mod metrics;
#[cfg(any(feature = "hydrate", test))]
mod row_count;
mod saved;
mod search;
mod state;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::components::{provide_zone, use_auto_refresh, TimeChange, TimeRange};
use crate::model::{DataSource, DataSourceKind, ExploreMode};
use crate::server_fns::datasources::list_datasources;
use logs::LogsView;
use metrics::MetricsView;
use saved::SavedMenu;
pub(crate) use state::ExploreState;

/// The first data source of `kind`: the default when the URL names none.
/// Resources call this themselves rather than wait on the page's list, so
/// no resource's input depends on another resource.
async fn first_source(kind: DataSourceKind) -> Option<i64> {
    let all = list_datasources().await.ok()?;
    all.into_iter()
        .find(|d| d.settings.kind == kind)
        .map(|d| d.id)
}

/// The page's data sources of one kind (read inside a Suspense only).
fn sources_of(sources: Resource<Vec<DataSource>>, kind: DataSourceKind) -> Signal<Vec<DataSource>> {
    Signal::derive(move || {
        let all = sources.get().unwrap_or_default();
        all.into_iter()
            .filter(|d| d.settings.kind == kind)
            .collect()
    })
}

/// Navigates to the current state changed by `f`, on data source `ds`.
fn edit_state(
    state: Memo<ExploreState>,
    ds: Signal<Option<i64>>,
    go: Callback<ExploreState>,
) -> impl Fn(&dyn Fn(&mut ExploreState)) + Copy {
    move |f| {
        let mut s = state.get_untracked();
        s.ds = ds.get_untracked();
        f(&mut s);
        go.run(s);
    }
}

/// The display zone's offset, when the range needs one (an absolute time
/// without `Z`, or rounding like `now/d`); 0 otherwise, so hydrating in
/// another zone does not re-run a query whose range does not depend on it.
fn zone_offset(zone: crate::components::Zone, from: &str, to: &str) -> i64 {
    let zoned = |e: &str| {
        e.contains('/') || !(e.starts_with("now") || e.ends_with('Z') || e.parse::<i64>().is_ok())
    };
    if zoned(from) || zoned(to) {
        zone.offset_at(crate::model::time::now_ms())
    } else {
        0
    }
}

/// One route per mode (`/explore`, `/explore/metrics`), so switching modes
/// is a route change and the router disposes the old view.
#[component]
pub fn ExplorePage(mode: ExploreMode) -> impl IntoView {
    let params = use_query_map();
    let state = Memo::new(move |_| params.with(|p| ExploreState::from_params(mode, |k| p.get(k))));
    let navigate = use_navigate();
    let go = Callback::new(move |s: ExploreState| navigate(&s.href(), Default::default()));
    let times = Memo::new(move |_| state.with(ExploreState::times));
    provide_zone(Signal::derive(move || times.with(|t| t.utc)));
    let tick = use_auto_refresh(Signal::derive(move || times.with(|t| t.refresh.clone())));
    let sources = Resource::new(
        || (),
        |_| async { list_datasources().await.unwrap_or_default() },
    );
    let mode_href = move |m: ExploreMode| {
        let s = state.get();
        if s.mode == m {
            s.href()
        } else {
            s.switch(m, None, String::new()).href()
        }
    };
    let change = Callback::new(move |c: TimeChange| {
        let mut s = state.get_untracked();
        s.time.apply(c);
        go.run(s);
    });
    view! {
        <Title text="Explore · Lookout" />
        <div class="explore-head">
            <nav class="modes" data-test="modes">
                <a href=move || mode_href(ExploreMode::Logs) class:active=mode == ExploreMode::Logs data-test="mode-logs">"Logs"</a>
                <a href=move || mode_href(ExploreMode::Metrics) class:active=mode == ExploreMode::Metrics data-test="mode-metrics">"Metrics"</a>
            </nav>
            <TimeRange time=times on_change=change />
            <SavedMenu state go />
        </div>
        {match mode {
            ExploreMode::Logs => view! { <LogsView state go sources tick /> }.into_any(),
            ExploreMode::Metrics => view! { <MetricsView state go sources tick /> }.into_any(),
        }}
    }
}
