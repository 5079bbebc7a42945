use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Stylesheet, Title};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{path, Lazy, SsrMode};

use crate::components::Layout;
use crate::pages::NotFound;
use crate::routes::*;

/// The whole UI: routes and the shared layout.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Stylesheet id="leptos" href="/pkg/lookout.css" />
        <Title text="Lookout" />
        <Router>
            <Routes fallback=NotFound>
                <Route path=path!("/login") view={Lazy::<LoginRoute>::new()} />
                // In order: a page without scripts gets every panel in its HTML.
                <Route path=path!("/s/:token") view={Lazy::<SharedRoute>::new()} ssr=SsrMode::InOrder />
                <ParentRoute path=path!("") view=Layout>
                    <Route path=path!("") view={Lazy::<DashboardListRoute>::new()} />
                    <Route path=path!("dashboards") view={Lazy::<DashboardListRoute>::new()} />
                    <Route path=path!("dashboards/:uid/history") view={Lazy::<HistoryRoute>::new()} />
                    <Route path=path!("d/:uid") view={Lazy::<DashboardRoute>::new()} ssr=SsrMode::InOrder />
                    <Route path=path!("d/:uid/:slug") view={Lazy::<DashboardRoute>::new()} ssr=SsrMode::InOrder />
                    <Route path=path!("account") view={Lazy::<AccountRoute>::new()} />
                    <Route path=path!("tokens") view={Lazy::<TokensRoute>::new()} />
                    <Route path=path!("shares") view={Lazy::<SharesRoute>::new()} />
                    <Route path=path!("explore") view={Lazy::<ExploreLogsRoute>::new()} />
                    <Route path=path!("explore/metrics") view={Lazy::<ExploreMetricsRoute>::new()} />
                    <Route path=path!("admin/users") view={Lazy::<AdminUsersRoute>::new()} />
                    <Route path=path!("admin/audit") view={Lazy::<AdminAuditRoute>::new()} />
                    <Route path=path!("admin/datasources") view={Lazy::<AdminDataSourcesRoute>::new()} />
                </ParentRoute>
            </Routes>
        </Router>
    }
}
