//! The rarely visited pages as lazily loaded routes: with `cargo leptos
//! build --split`, such a page's code (its views, its server-function
//! calls, its decoding) is a separate set of wasm chunks, fetched when the
//! page is first visited. The pages of the daily work (dashboards, Explore,
//! share links, login) stay in the main wasm: splitting them too took a
//! dashboard's first load from 5 requests to 241 and its time to all panels
//! drawn from 0.54 s to 2.4 s (bench/, 2026-11-28), for 45 KB less. The
//! server renders every route as before; the browser hydrates a lazy page
//! once its chunks are in (`crate::hydrate`).

use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};

use crate::pages::{
    AccountPage, AdminAuditPage, AdminDataSourcesPage, AdminUsersPage, HistoryPage, SharesPage,
    TokensPage,
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
    /// `/dashboards/:uid/history`.
    HistoryRoute => view! { <HistoryPage /> };
    /// `/account`.
    AccountRoute => view! { <AccountPage /> };
    /// `/tokens`.
    TokensRoute => view! { <TokensPage /> };
    /// `/shares`.
    SharesRoute => view! { <SharesPage /> };
    /// `/admin/users`.
    AdminUsersRoute => view! { <AdminUsersPage /> };
    /// `/admin/audit`.
    AdminAuditRoute => view! { <AdminAuditPage /> };
    /// `/admin/datasources`.
    AdminDataSourcesRoute => view! { <AdminDataSourcesPage /> };
}
