//! Share links (`/shares`, editors and admins): every active and recently
//! ended link with what it shares, who made it, its options, when it was
//! made, expires and was last used, and "Revoke". Editors see their own,
//! admins everyone's. Links are made from a dashboard or a saved search.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::url::encode;
use crate::components::{ErrorBox, RevokeButton};
use crate::model::share::{ShareKind, ShareLink};
use crate::model::time::now_ms;
use crate::model::timenav::iso_utc;
use crate::server_fns::shares::{list_shares, RevokeShare};

fn when(secs: Option<i64>, none: &str) -> String {
    secs.map_or_else(|| none.into(), |s| iso_utc(s.saturating_mul(1000)))
}

/// What a link lets its holder do, in words.
fn allows(l: &ShareLink) -> String {
    let o = &l.options;
    let mut parts = vec![if o.anonymous {
        "no account needed"
    } else {
        "login needed"
    }
    .to_owned()];
    if o.allow_time {
        parts.push(format!("ranges up to {} days", o.max_span_days));
    }
    if o.allow_vars {
        parts.push("variable values".into());
    }
    parts.join(", ")
}

#[component]
pub fn SharesPage() -> impl IntoView {
    let revoke = ServerAction::<RevokeShare>::new();
    let links = Resource::new(move || revoke.version().get(), |_| list_shares());
    let revoke_error = Signal::derive(move || revoke.value().get().and_then(|r| r.err()));
    view! {
        <Title text="Share links · Lookout" />
        <h1>"Share links"</h1>
        <p class="muted">"A share link shows one dashboard or saved search, read-only, running only its stored queries. "
            "Make one with \"Share…\" on a dashboard or a saved search; a revoked or expired link stops at once."</p>
        <ErrorBox error=revoke_error />
        <Suspense fallback=|| view! { <p>"Loading share links…"</p> }>
            {move || links.get().map(|r| match r {
                Ok(list) if list.is_empty() => view! { <p class="muted" data-test="no-shares">"No share links yet."</p> }.into_any(),
                Ok(list) => view! { <ShareTable list revoke /> }.into_any(),
                Err(e) => view! { <ErrorBox error=Signal::derive(move || Some(e.clone())) /> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn ShareTable(list: Vec<ShareLink>, revoke: ServerAction<RevokeShare>) -> impl IntoView {
    let now = now_ms() / 1000;
    view! {
        <table class="users" data-test="shares">
            <thead><tr><th>"Shares"</th><th>"Link"</th><th>"Allows"</th><th>"Created by"</th><th>"Created"</th><th>"Expires"</th><th>"Last used"</th><th>"Status"</th></tr></thead>
            <tbody>
                {list.into_iter().map(|l| {
                    let status = if l.revoked_at.is_some() { "revoked" } else if l.active(now) { "active" } else { "expired" };
                    let (id, active) = (l.id, l.active(now));
                    let href = match l.kind {
                        ShareKind::Dashboard => format!("/d/{}", encode(&l.target)),
                        ShareKind::Search => "/explore".to_owned(),
                    };
                    view! {
                        <tr data-share=l.title.clone() data-status=status>
                            <td><a href=href>{l.title.clone()}</a>" "<span class="muted">{l.kind.as_str()}</span></td>
                            <td><code>{format!("/s/{}…", l.prefix)}</code></td>
                            <td>{allows(&l)}</td>
                            <td>{l.creator.clone()}</td>
                            <td>{when(Some(l.created_at), "")}</td>
                            <td>{when(l.expires_at, "never")}</td>
                            <td>{when(l.last_used_at, "never")}</td>
                            <td>{status} " "
                                {active.then(|| view! {
                                    <RevokeButton on_revoke=Callback::new(move |_| { revoke.dispatch(RevokeShare { id }); }) />
                                })}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
