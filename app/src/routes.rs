//! Each page as a lazily loaded route: with `cargo leptos build --split`,
//! a page's code (its views, its server-function calls, its decoding) is a
//! separate wasm chunk, fetched when the page is first visited. The first
//! load of a dashboard then downloads the shell and the dashboard's code,
//! not the admin pages, Explore and the editor. The server renders every
//! route as before; the browser hydrates once the page's chunk is in
//! (`leptos::mount::hydrate_lazy`).

use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};

use crate::model::ExploreMode;
use crate::pages::{
    AccountPage, AdminAuditPage, AdminDataSourcesPage, AdminUsersPage, DashboardListPage,
    DashboardPage, ExplorePage, HistoryPage, LoginPage, SharedPage, SharesPage, TokensPage,
};

/// A route whose view is one page component, loaded with its own chunk.
macro_rules! lazy_page {
    ($($(#[$doc:meta])* $route:ident => $view:expr;)*) => {$(
        $(#[$doc])*
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            fn view(_this: Self) -> AnyView {
                $view.into_any()
            }
        }
    )*};
}

lazy_page! {
    /// `/login`.
    LoginRoute => view! { <LoginPage /> };
    /// `/s/:token`, a share link's read-only view.
    SharedRoute => view! { <SharedPage /> };
    /// `/` and `/dashboards`.
    DashboardListRoute => view! { <DashboardListPage /> };
    /// `/dashboards/:uid/history`.
    HistoryRoute => view! { <HistoryPage /> };
    /// `/d/:uid` (and with a slug).
    DashboardRoute => view! { <DashboardPage /> };
    /// `/account`.
    AccountRoute => view! { <AccountPage /> };
    /// `/tokens`.
    TokensRoute => view! { <TokensPage /> };
    /// `/shares`.
    SharesRoute => view! { <SharesPage /> };
    /// `/explore`, logs.
    ExploreLogsRoute => view! { <ExplorePage mode=ExploreMode::Logs /> };
    /// `/explore/metrics`.
    ExploreMetricsRoute => view! { <ExplorePage mode=ExploreMode::Metrics /> };
    /// `/admin/users`.
    AdminUsersRoute => view! { <AdminUsersPage /> };
    /// `/admin/audit`.
    AdminAuditRoute => view! { <AdminAuditPage /> };
    /// `/admin/datasources`.
    AdminDataSourcesRoute => view! { <AdminDataSourcesPage /> };
}
