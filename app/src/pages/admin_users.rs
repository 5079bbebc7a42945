use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::{ErrorBox, FormResult};
use crate::model::{Role, UserInfo};
use crate::server_fns::users::{list_users, CreateUser, ResetPassword, UpdateUser};

/// Admins create users, change roles, reset passwords and disable users.
/// The server enforces the admin role; this page only shows what it answers.
#[component]
pub fn AdminUsersPage() -> impl IntoView {
    let create = ServerAction::<CreateUser>::new();
    let update = ServerAction::<UpdateUser>::new();
    let reset = ServerAction::<ResetPassword>::new();
    let users = Resource::new(
        move || (create.version().get(), update.version().get()),
        |_| list_users(),
    );
    let update_error = Signal::derive(move || update.value().get().and_then(|r| r.err()));
    view! {
        <Title text="Users · Lookout" />
        <h1>"Users"</h1>
        <ErrorBox error=update_error />
        <FormResult value=reset.value() ok="Password reset; that user's sessions were logged out." />
        <Suspense fallback=|| view! { <p>"Loading users…"</p> }>
            {move || users.get().map(|r| match r {
                Ok(list) => view! { <UserTable users=list update reset /> }.into_any(),
                Err(e) => view! { <ErrorBox error=Signal::derive(move || Some(e.clone())) /> }.into_any(),
            })}
        </Suspense>
        <ActionForm action=create attr:class="card" attr:data-test="create-user">
            <h2>"Create a user"</h2>
            <label>"Username" <input name="username" maxlength="64" required /></label>
            <label>"Password (8 characters or more)" <input name="password" type="password" minlength="8" required /></label>
            <label>
                "Role"
                <select name="role">
                    <option value="viewer">"viewer"</option>
                    <option value="editor">"editor"</option>
                    <option value="admin">"admin"</option>
                </select>
            </label>
            <button type="submit">"Create user"</button>
            <FormResult value=create.value() ok="User created." />
        </ActionForm>
    }
}

#[component]
fn UserTable(
    users: Vec<UserInfo>,
    update: ServerAction<UpdateUser>,
    reset: ServerAction<ResetPassword>,
) -> impl IntoView {
    view! {
        <table class="users" data-test="users">
            <thead>
                <tr><th>"User"</th><th>"Role"</th><th>"Status"</th><th>"Reset password"</th></tr>
            </thead>
            <tbody>
                {users.into_iter().map(|u| view! { <UserRow user=u update reset /> }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn UserRow(
    user: UserInfo,
    update: ServerAction<UpdateUser>,
    reset: ServerAction<ResetPassword>,
) -> impl IntoView {
    let id = user.id;
    let disabled = user.disabled;
    let on_role = move |ev: leptos::ev::Event| {
        update.dispatch(UpdateUser {
            id,
            role: Some(event_target_value(&ev)),
            disabled: None,
        });
    };
    let toggle = move |_| {
        update.dispatch(UpdateUser {
            id,
            role: None,
            disabled: Some(!disabled),
        });
    };
    view! {
        <tr data-user=user.username.clone()>
            <td>{user.username.clone()}</td>
            <td>
                <select on:change=on_role aria-label="Role">
                    {Role::ALL.into_iter().map(|r| view! {
                        <option value=r.as_str() selected=r == user.role>{r.as_str()}</option>
                    }).collect_view()}
                </select>
            </td>
            <td>
                {if disabled { "disabled" } else { "active" }} " "
                <button type="button" class="link" on:click=toggle>
                    {if disabled { "Enable" } else { "Disable" }}
                </button>
            </td>
            <td>
                <ActionForm action=reset attr:class="inline">
                    <input type="hidden" name="id" value=id />
                    <input name="password" type="password" placeholder="new password" minlength="8" required />
                    <button type="submit">"Reset"</button>
                </ActionForm>
            </td>
        </tr>
    }
}
