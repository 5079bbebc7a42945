//! The audit log (`/admin/audit`, admins): logins and failures with their
//! address, user, data-source and dashboard changes, API tokens; filtered
//! by user, action and time, newest first, a page at a time.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::ErrorBox;
use crate::model::audit::{AuditEntry, AuditFilter, ACTIONS};
use crate::model::time::now_ms;
use crate::model::timenav::iso_utc;
use crate::server_fns::audit::list_audit;

/// The "since" choices: label and seconds back (0: all kept).
const SINCE: [(&str, i64); 4] = [
    ("24 hours", 86_400),
    ("7 days", 604_800),
    ("30 days", 2_592_000),
    ("all kept", 0),
];
const PAGE: u32 = 100;

#[component]
pub fn AdminAuditPage() -> impl IntoView {
    let (user, action, since) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(604_800i64),
    );
    // Older pages: the last id seen on each page shown so far.
    let before = RwSignal::new(None::<i64>);
    let entries = Resource::new(
        move || (user.get(), action.get(), since.get(), before.get()),
        |(user, action, since, before)| {
            let filter = AuditFilter {
                user: Some(user).filter(|u| !u.trim().is_empty()),
                action: Some(action).filter(|a| !a.is_empty()),
                from: (since > 0).then(|| now_ms() / 1000 - since),
                to: None,
                before,
                limit: Some(PAGE),
            };
            list_audit(filter)
        },
    );
    let reset = move || before.set(None);
    view! {
        <Title text="Audit log · Lookout" />
        <h1>"Audit log"</h1>
        <form class="querybar" data-test="audit-filter" on:submit=|ev| ev.prevent_default()>
            <input data-test="audit-user" placeholder="user" prop:value=user on:change=move |ev| { user.set(event_target_value(&ev)); reset() } />
            <select data-test="audit-action" aria-label="Action" on:change=move |ev| { action.set(event_target_value(&ev)); reset() }>
                <option value="">"every action"</option>
                {ACTIONS.iter().map(|a| view! { <option value=*a>{*a}</option> }).collect_view()}
            </select>
            <select data-test="audit-since" aria-label="Since" prop:value=move || since.get().to_string()
                on:change=move |ev| { since.set(event_target_value(&ev).parse().unwrap_or(0)); reset() }>
                {SINCE.iter().map(|(label, secs)| view! { <option value=secs.to_string()>{format!("last {label}")}</option> }).collect_view()}
            </select>
        </form>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || entries.get().map(|r| match r {
                Ok(list) => view! { <AuditTable list before /> }.into_any(),
                Err(e) => view! { <ErrorBox error=Signal::derive(move || Some(e.clone())) /> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn AuditTable(list: Vec<AuditEntry>, before: RwSignal<Option<i64>>) -> impl IntoView {
    let last = (list.len() as u32 == PAGE)
        .then(|| list.last().map(|e| e.id))
        .flatten();
    if list.is_empty() {
        return view! { <p class="muted" data-test="audit-empty">"Nothing recorded for this filter."</p> }.into_any();
    }
    view! {
        <table class="users" data-test="audit">
            <thead><tr><th>"When (UTC)"</th><th>"User"</th><th>"Action"</th><th>"Target"</th><th>"Detail"</th><th>"From"</th></tr></thead>
            <tbody>
                {list.into_iter().map(|e| {
                    let user = e.user.unwrap_or_default();
                    let (user_attr, action_attr) = (user.clone(), e.action.clone());
                    view! {
                        <tr data-action=action_attr data-user=user_attr>
                            <td>{iso_utc(e.at.saturating_mul(1000))}</td>
                            <td>{user}</td>
                            <td>{e.action}</td>
                            <td>{e.target}</td>
                            <td>{e.detail}</td>
                            <td>{e.source.unwrap_or_default()}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        <p>
            <button type="button" class="secondary" data-test="audit-newest" on:click=move |_| before.set(None)>"Newest"</button>
            {last.map(|id| view! { " " <button type="button" class="secondary" data-test="audit-older" on:click=move |_| before.set(Some(id))>"Older"</button> })}
        </p>
    }
    .into_any()
}
