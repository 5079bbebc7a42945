//! "Revoke" with a second step ("Revoke now" / "Keep"), for API tokens and
//! share links: revoking takes effect at once and cannot be undone.

use leptos::prelude::*;

#[component]
pub fn RevokeButton(on_revoke: Callback<()>) -> impl IntoView {
    let confirm = RwSignal::new(false);
    view! {
        <Show when=move || confirm.get() fallback=move || view! {
            <button type="button" class="link" data-test="revoke" on:click=move |_| confirm.set(true)>"Revoke"</button>
        }>
            <button type="button" class="danger small" data-test="revoke-confirm"
                on:click=move |_| on_revoke.run(())>"Revoke now"</button>
            <button type="button" class="link" on:click=move |_| confirm.set(false)>"Keep"</button>
        </Show>
    }
}
