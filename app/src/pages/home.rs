use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::use_current_user;

/// Landing page after login.
#[component]
pub fn HomePage() -> impl IntoView {
    let user = use_current_user();
    view! {
        <Title text="Home · Lookout" />
        <h1>"Lookout"</h1>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            <p data-test="welcome">
                {move || user.get().map(|u| format!("Welcome, {}.", u.username))}
            </p>
        </Suspense>
        <p class="muted">
            "Log search, metric charts and dashboards arrive here as they land. "
            "Data sources are configured by admins."
        </p>
    }
}
