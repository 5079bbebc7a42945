use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::FormResult;
use crate::server_fns::auth::ChangePassword;

/// The user's own account: change password.
#[component]
pub fn AccountPage() -> impl IntoView {
    let change = ServerAction::<ChangePassword>::new();
    view! {
        <Title text="Account · Lookout" />
        <h1>"Your account"</h1>
        <ActionForm action=change attr:class="card" attr:data-test="change-password">
            <h2>"Change password"</h2>
            <label>
                "Current password"
                <input name="current" type="password" autocomplete="current-password" required />
            </label>
            <label>
                "New password (8 characters or more)"
                <input name="new_password" type="password" autocomplete="new-password" minlength="8" required />
            </label>
            <label>
                "Repeat the new password"
                <input name="confirm" type="password" autocomplete="new-password" minlength="8" required />
            </label>
            <button type="submit">"Change password"</button>
            <FormResult
                value=change.value()
                ok="Password changed. Your other sessions were logged out."
            />
        </ActionForm>
    }
}
