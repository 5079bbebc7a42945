use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{path, Lazy, SsrMode};

use crate::components::Layout;
use crate::model::ExploreMode;
use crate::pages::{
    DashboardListPage, DashboardPage, ExplorePage, LoginPage, NotFound, SharedPage,
};
use crate::routes::*;

/// The whole UI: routes and the shared layout.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Title text="Lookout" />
        <Router>
            // The pages of the daily work (dashboards, Explore, a share link,
            // login) are in the main wasm: one download, no chunk requests.
            // The rest load their own code on first visit (`routes`).
            <Routes fallback=NotFound>
                <Route path=path!("/login") view=LoginPage />
                // In order: a page without scripts gets every panel in its HTML.
                <Route path=path!("/s/:token") view=SharedPage ssr=SsrMode::InOrder />
                <ParentRoute path=path!("") view=Layout>
                    <Route path=path!("") view=DashboardListPage />
                    <Route path=path!("dashboards") view=DashboardListPage />
                    <Route path=path!("dashboards/:uid/history") view={Lazy::<HistoryRoute>::new()} />
                    <Route path=path!("d/:uid") view=DashboardPage ssr=SsrMode::InOrder />
                    <Route path=path!("d/:uid/:slug") view=DashboardPage ssr=SsrMode::InOrder />
                    <Route path=path!("account") view={Lazy::<AccountRoute>::new()} />
                    <Route path=path!("tokens") view={Lazy::<TokensRoute>::new()} />
                    <Route path=path!("shares") view={Lazy::<SharesRoute>::new()} />
                    <Route path=path!("explore") view=|| view! { <ExplorePage mode=ExploreMode::Logs /> } />
                    <Route path=path!("explore/metrics") view=|| view! { <ExplorePage mode=ExploreMode::Metrics /> } />
                    <Route path=path!("admin/users") view={Lazy::<AdminUsersRoute>::new()} />
                    <Route path=path!("admin/audit") view={Lazy::<AdminAuditRoute>::new()} />
                    <Route path=path!("admin/datasources") view={Lazy::<AdminDataSourcesRoute>::new()} />
                </ParentRoute>
            </Routes>
        </Router>
    }
}
