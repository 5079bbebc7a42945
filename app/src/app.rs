use crate::model::ExploreMode;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Stylesheet, Title};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{path, SsrMode};

use crate::components::{mark_hydrated, Layout};
use crate::pages::{
    AccountPage, AdminAuditPage, AdminDataSourcesPage, AdminUsersPage, DashboardListPage,
    DashboardPage, ExplorePage, HistoryPage, LoginPage, NotFound, SharedPage, SharesPage,
    TokensPage,
};

/// The whole UI: routes and the shared layout.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    mark_hydrated();
    view! {
        <Stylesheet id="leptos" href="/pkg/lookout.css" />
        <Title text="Lookout" />
        <Router>
            <Routes fallback=NotFound>
                <Route path=path!("/login") view=LoginPage />
                // In order: a page without scripts gets every panel in its HTML.
                <Route path=path!("/s/:token") view=SharedPage ssr=SsrMode::InOrder />
                <ParentRoute path=path!("") view=Layout>
                    <Route path=path!("") view=DashboardListPage />
                    <Route path=path!("dashboards") view=DashboardListPage />
                    <Route path=path!("dashboards/:uid/history") view=HistoryPage />
                    <Route path=path!("d/:uid") view=DashboardPage ssr=SsrMode::InOrder />
                    <Route path=path!("d/:uid/:slug") view=DashboardPage ssr=SsrMode::InOrder />
                    <Route path=path!("account") view=AccountPage />
                    <Route path=path!("tokens") view=TokensPage />
                    <Route path=path!("shares") view=SharesPage />
                    <Route path=path!("explore") view=|| view! { <ExplorePage mode=ExploreMode::Logs /> } />
                    <Route path=path!("explore/metrics") view=|| view! { <ExplorePage mode=ExploreMode::Metrics /> } />
                    <Route path=path!("admin/users") view=AdminUsersPage />
                    <Route path=path!("admin/audit") view=AdminAuditPage />
                    <Route path=path!("admin/datasources") view=AdminDataSourcesPage />
                </ParentRoute>
            </Routes>
        </Router>
    }
}
