use leptos::prelude::*;
use leptos_router::components::{Outlet, A};

use crate::model::{CurrentUser, Role};
use crate::server_fns::auth::{me, Logout};

/// The logged-in user, loaded once per page by [`Layout`].
#[derive(Clone, Copy)]
pub struct CurrentUserResource(pub Resource<Option<CurrentUser>>);

/// The current user from the layout, `None` while loading or logged out.
pub fn use_current_user() -> Signal<Option<CurrentUser>> {
    let res = expect_context::<CurrentUserResource>().0;
    Signal::derive(move || res.get().flatten())
}

/// Navigation bar and page frame for every logged-in page.
#[component]
pub fn Layout() -> impl IntoView {
    let user = Resource::new(|| (), |_| async move { me().await.ok().flatten() });
    provide_context(CurrentUserResource(user));
    let logout = ServerAction::<Logout>::new();
    view! {
        <header class="topbar">
            <A href="/" attr:class="brand">"Lookout"</A>
            <nav>
                <A href="/explore">"Explore"</A>
                <Suspense fallback=|| ()>
                    {move || {
                        let role = user.get().flatten().map(|u| u.role);
                        let editor = role.is_some_and(|r| r.allows(Role::Editor));
                        let admin = role.is_some_and(|r| r.allows(Role::Admin));
                        view! {
                            {editor.then(|| view! {
                                <A href="/shares">"Share links"</A>
                                <A href="/tokens">"API tokens"</A>
                            })}
                            {admin.then(|| view! {
                                <A href="/admin/users">"Users"</A>
                                <A href="/admin/datasources">"Data sources"</A>
                                <A href="/admin/audit">"Audit log"</A>
                            })}
                        }
                    }}
                </Suspense>
            </nav>
            <div class="account">
                <Suspense fallback=|| ()>
                    {move || {
                        user.get()
                            .flatten()
                            .map(|u| {
                                view! {
                                    <A href="/account" attr:class="whoami">
                                        {u.username} " (" {u.role.as_str()} ")"
                                    </A>
                                }
                            })
                    }}
                </Suspense>
                <ActionForm action=logout attr:class="inline">
                    <button type="submit" class="link" data-test="logout">"Log out"</button>
                </ActionForm>
            </div>
        </header>
        <main class="page">
            <Outlet />
        </main>
    }
}
