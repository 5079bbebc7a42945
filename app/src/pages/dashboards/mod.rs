//! Dashboards: the list (the home page after login) and one dashboard's
//! view. Panels run their stored queries on the server (`run_panel`); the
//! browser sends only the panel id, the range and variable values.

mod access;
mod actions;
mod controls;
mod csv;
mod edit;
mod grid;
mod history;
mod keep;
mod links;
mod panel;
mod shared;
mod state;
mod variables;
mod view;

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::use_current_user;
use crate::model::dashboard::{DashboardSummary, LibraryItem};
use crate::model::{DataSourceKind, Role};
use crate::server_fns::dashboards::{
    import_library, list_dashboards, list_library, star_dashboard,
};
use crate::server_fns::datasources::list_datasources;

pub use history::HistoryPage;
pub use shared::SharedPage;
pub use view::DashboardPage;

/// Whether a dashboard matches the search text (title or a tag).
fn matches(d: &DashboardSummary, text: &str) -> bool {
    let t = text.trim().to_lowercase();
    t.is_empty()
        || d.title.to_lowercase().contains(&t)
        || d.tags.iter().any(|tag| tag.to_lowercase().contains(&t))
}

/// The list in its order: starred first, then by name or by last viewed.
fn ordered(mut all: Vec<DashboardSummary>, text: &str, recent: bool) -> Vec<DashboardSummary> {
    all.retain(|d| matches(d, text));
    all.sort_by(|a, b| {
        b.starred.cmp(&a.starred).then_with(|| {
            if recent {
                b.viewed_at_ms.cmp(&a.viewed_at_ms)
            } else {
                a.title.to_lowercase().cmp(&b.title.to_lowercase())
            }
        })
    });
    all
}

/// The home page: every dashboard, searchable by title and tag, starred
/// first, by name or recently viewed; when there are none, the ready-made
/// ones to import.
#[component]
pub fn DashboardListPage() -> impl IntoView {
    let user = use_current_user();
    let version = RwSignal::new(0u32);
    let list = Resource::new(move || version.get(), |_| async { list_dashboards().await });
    let search = RwSignal::new(String::new());
    let recent = RwSignal::new(false);
    let star = move |uid: String, on: bool| {
        leptos::task::spawn_local(async move {
            if star_dashboard(uid, on).await.is_ok() {
                version.update(|v| *v += 1);
            }
        });
    };
    view! {
        <Title text="Dashboards · Lookout" />
        <div class="page-head">
            <h1>"Dashboards"</h1>
            <Suspense fallback=|| ()>
                <p data-test="welcome" class="muted">
                    {move || user.get().map(|u| format!("Welcome, {}.", u.username))}
                </p>
            </Suspense>
        </div>
        <div class="list-bar">
            <input type="search" class="search" placeholder="Search by title or tag" data-test="dashboard-search"
                bind:value=search />
            <label>"Sort "
                <select data-test="dashboard-sort" on:change=move |ev| recent.set(event_target_value(&ev) == "recent")>
                    <option value="name">"by name"</option>
                    <option value="recent">"recently viewed"</option>
                </select>
            </label>
            <Suspense fallback=|| ()>
                {move || user.get().is_some_and(|u| u.role.allows(Role::Editor)).then(|| view! { <actions::NewDashboard /> })}
            </Suspense>
        </div>
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || list.get().map(|r| match r {
                Err(e) => view! { <p class="error" role="alert">{e.to_string()}</p> }.into_any(),
                Ok(all) if all.is_empty() => view! { <Empty on_import=Callback::new(move |_| version.update(|v| *v += 1)) /> }.into_any(),
                Ok(all) => {
                    let editor = user.get().is_some_and(|u| u.role.allows(Role::Editor));
                    let changed = Callback::new(move |_| version.update(|v| *v += 1));
                    view! {
                    <ul class="dashboards" data-test="dashboard-list">
                        <For each=move || ordered(all.clone(), &search.get(), recent.get())
                            key=|d| (d.uid.clone(), d.starred)
                            children=move |d| view! {
                                <li data-test="dashboard-item" data-starred=d.starred.to_string()>
                                    {
                                        let (uid, on) = (d.uid.clone(), !d.starred);
                                        view! {
                                            <button type="button" class="link star" data-test="star" aria-pressed=d.starred.to_string()
                                                title=if on { "Star: list it first" } else { "Unstar" }
                                                on:click=move |_| star(uid.clone(), on)>{if on { "☆" } else { "★" }}</button>
                                        }
                                    }
                                    <a href=format!("/d/{}", d.uid)>{d.title.clone()}</a>
                                    {d.tags.iter().map(|t| view! { <span class="tag">{t.clone()}</span> }).collect_view()}
                                    {editor.then(|| view! { <actions::RowActions d=d.clone() changed /> })}
                                </li>
                            } />
                    </ul>
                }.into_any()},
            })}
        </Suspense>
    }
}

/// No dashboards yet: editors can import a ready-made one, its data sources
/// mapped to the first Prometheus and Elasticsearch sources.
#[component]
fn Empty(on_import: Callback<()>) -> impl IntoView {
    let user = use_current_user();
    let library = Resource::new(
        || (),
        |_| async { list_library().await.unwrap_or_default() },
    );
    let error = RwSignal::new(None::<String>);
    let import = move |item: LibraryItem| {
        leptos::task::spawn_local(async move {
            let sources = list_datasources().await.unwrap_or_default();
            let first = |k: DataSourceKind| {
                sources
                    .iter()
                    .find(|d| d.settings.kind == k)
                    .map(|d| d.settings.name.clone())
            };
            let mut map = std::collections::BTreeMap::new();
            for (name, kind) in [
                ("Prometheus", DataSourceKind::Prometheus),
                ("Logs", DataSourceKind::Elasticsearch),
            ] {
                if let Some(to) = first(kind) {
                    map.insert(name.to_owned(), to);
                }
            }
            match import_library(item.id, map).await {
                Ok(_) => on_import.run(()),
                Err(e) => error.set(Some(e.to_string())),
            }
        });
    };
    view! {
        <div class="empty" data-test="dashboards-empty">
            <p>"No dashboards yet."</p>
            <Suspense fallback=|| ()>
                {move || {
                    let editor = user.get().is_some_and(|u| u.role.allows(Role::Editor));
                    let items = library.get().unwrap_or_default();
                    editor.then(|| view! {
                        <p>"Start from a ready-made one:"</p>
                        <ul class="library">
                            {items.into_iter().map(|item| {
                                let it = item.clone();
                                view! {
                                    <li>
                                        <button type="button" data-test=format!("import-{}", item.id) on:click=move |_| import(it.clone())>
                                            {format!("Import {}", item.title)}
                                        </button>
                                        <span class="muted">{item.description.clone()}</span>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    })
                }}
            </Suspense>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </div>
    }
}
