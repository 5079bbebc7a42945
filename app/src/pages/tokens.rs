//! API tokens (`/tokens`, editors and admins): make one for a script (shown
//! once), see each token's role, expiry and last use, and revoke it. The
//! server enforces every rule; this page shows what it answers.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::{use_current_user, ErrorBox, RevokeButton};
use crate::model::time::now_ms;
use crate::model::timenav::iso_utc;
use crate::model::token::{ApiToken, NewToken, TOKEN_DAYS_MAX};
use crate::model::Role;
use crate::server_fns::tokens::{list_tokens, CreateToken, RevokeToken};

fn when(secs: Option<i64>) -> String {
    secs.map_or_else(|| "never".into(), |s| iso_utc(s.saturating_mul(1000)))
}

#[component]
pub fn TokensPage() -> impl IntoView {
    let user = use_current_user();
    let create = ServerAction::<CreateToken>::new();
    let revoke = ServerAction::<RevokeToken>::new();
    let tokens = Resource::new(
        move || (create.version().get(), revoke.version().get()),
        |_| list_tokens(),
    );
    let (name, role, days) = (
        RwSignal::new(String::new()),
        RwSignal::new("viewer".to_owned()),
        RwSignal::new("90".to_owned()),
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        create.dispatch(CreateToken {
            new: NewToken {
                name: name.get_untracked(),
                role: role.get_untracked().parse().unwrap_or(Role::Viewer),
                expires_days: days.get_untracked().trim().parse().unwrap_or(0),
            },
        });
    };
    let roles = move || {
        let own = user.get().map_or(Role::Viewer, |u| u.role);
        Role::ALL.into_iter().filter(move |r| own.allows(*r))
    };
    let create_error = Signal::derive(move || create.value().get().and_then(|r| r.err()));
    let revoke_error = Signal::derive(move || revoke.value().get().and_then(|r| r.err()));
    view! {
        <Title text="API tokens · Lookout" />
        <h1>"API tokens"</h1>
        <p class="muted">"A token lets a script call the REST API (" <code>"/api/v1"</code> ") as you, with a role no higher than yours: send "
            <code>"Authorization: Bearer <token>"</code> ". Tokens are made here, from a logged-in session, and only their hash is kept."</p>
        <form class="card" data-test="create-token" on:submit=submit>
            <h2>"Create a token"</h2>
            <label>"Name " <input data-test="token-name" maxlength="100" required placeholder="ci-deploys" bind:value=name /></label>
            <label>"Role " <select data-test="token-role" prop:value=role on:change=move |ev| role.set(event_target_value(&ev))>
                <Suspense fallback=|| ()>
                    {move || roles().map(|r| view! { <option value=r.as_str()>{r.as_str()}</option> }).collect_view()}
                </Suspense>
            </select></label>
            <label>{format!("Expires in days (1–{TOKEN_DAYS_MAX}) ")} <input data-test="token-days" type="number" min="1" max=TOKEN_DAYS_MAX bind:value=days /></label>
            <button type="submit">"Create token"</button>
            <ErrorBox error=create_error />
            {move || create.value().get().and_then(Result::ok).map(|made| view! {
                <div class="notice" role="status">
                    <p>"Copy this token now; it is not shown again:"</p>
                    <p><code data-test="new-token">{made.token}</code></p>
                </div>
            })}
        </form>
        <ErrorBox error=revoke_error />
        <Suspense fallback=|| view! { <p>"Loading tokens…"</p> }>
            {move || tokens.get().map(|r| match r {
                Ok(list) if list.is_empty() => view! { <p class="muted" data-test="no-tokens">"No tokens yet."</p> }.into_any(),
                Ok(list) => view! { <TokenTable list revoke /> }.into_any(),
                Err(e) => view! { <ErrorBox error=Signal::derive(move || Some(e.clone())) /> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn TokenTable(list: Vec<ApiToken>, revoke: ServerAction<RevokeToken>) -> impl IntoView {
    let now = now_ms() / 1000;
    view! {
        <table class="users" data-test="tokens">
            <thead><tr><th>"Name"</th><th>"Owner"</th><th>"Role"</th><th>"Token"</th><th>"Created"</th><th>"Expires"</th><th>"Last used"</th><th>"Status"</th></tr></thead>
            <tbody>
                {list.into_iter().map(|t| {
                    let status = if t.revoked_at.is_some() { "revoked" } else if t.active(now) { "active" } else { "expired" };
                    let (id, active) = (t.id, t.active(now));
                    view! {
                        <tr data-token=t.name.clone() data-status=status>
                            <td>{t.name.clone()}</td>
                            <td>{t.owner.clone()}</td>
                            <td>{t.role.as_str()}</td>
                            <td><code>{format!("{}…", t.prefix)}</code></td>
                            <td>{when(Some(t.created_at))}</td>
                            <td>{when(Some(t.expires_at))}</td>
                            <td>{when(t.last_used_at)}</td>
                            <td>{status} " "
                                {active.then(|| view! {
                                    <RevokeButton on_revoke=Callback::new(move |_| { revoke.dispatch(RevokeToken { id }); }) />
                                })}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
