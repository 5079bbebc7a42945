use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::ErrorBox;
use crate::server_fns::auth::Login;

/// The only page an anonymous visitor can see.
#[component]
pub fn LoginPage() -> impl IntoView {
    let login = ServerAction::<Login>::new();
    let next = move || use_query_map().with(|q| q.get("next")).unwrap_or_default();
    let error = Signal::derive(move || login.value().get().and_then(|r| r.err()));
    view! {
        <Title text="Log in · Lookout" />
        <main class="login">
            <h1>"Lookout"</h1>
            <ActionForm action=login attr:class="card" attr:data-test="login-form">
                <input type="hidden" name="next" value=next />
                <label>
                    "Username"
                    <input name="username" autocomplete="username" maxlength="64" required autofocus />
                </label>
                <label>
                    "Password"
                    <input name="password" type="password" autocomplete="current-password" maxlength="1024" required />
                </label>
                <button type="submit" disabled=move || login.pending().get()>
                    {move || if login.pending().get() { "Logging in…" } else { "Log in" }}
                </button>
                <ErrorBox error />
            </ActionForm>
        </main>
    }
}
