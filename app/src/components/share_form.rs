//! "Share…" on a dashboard or a saved search (editors): makes a read-only
//! link with its options and shows it once. The server checks every rule
//! (only admins may make a link that needs no account; days and spans in
//! range), and its answer is shown as it comes.

use leptos::prelude::*;

use crate::components::{use_current_user, ErrorBox};
use crate::model::share::{
    NewShare, ShareKind, ShareOptions, SHARE_SPAN_DAYS_DEFAULT, SHARE_SPAN_DAYS_MAX,
};
use crate::model::Role;
use crate::server_fns::shares::CreateShare;

/// Expiry choices: (days, label); none lasts until revoked.
const EXPIRY: [(&str, &str); 6] = [
    ("", "never (until revoked)"),
    ("1", "1 day"),
    ("7", "7 days"),
    ("30", "30 days"),
    ("90", "90 days"),
    ("365", "365 days"),
];

/// The full address of `path` on this Lookout, as the browser reached it.
fn full_url(path: &str) -> String {
    let origin = window().location().origin().unwrap_or_default();
    format!("{origin}{path}")
}

#[component]
pub fn ShareForm(
    kind: ShareKind,
    /// The dashboard's uid or the saved query's id.
    #[prop(into)]
    target: Signal<String>,
) -> impl IntoView {
    let user = use_current_user();
    let admin = move || user.get().is_some_and(|u| u.role.allows(Role::Admin));
    let create = ServerAction::<CreateShare>::new();
    let (days, allow_time, span, allow_vars, anonymous) = (
        RwSignal::new(String::new()),
        RwSignal::new(true),
        RwSignal::new(SHARE_SPAN_DAYS_DEFAULT.to_string()),
        RwSignal::new(kind == ShareKind::Dashboard),
        RwSignal::new(false),
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        create.dispatch(CreateShare {
            new: NewShare {
                kind,
                target: target.get_untracked(),
                expires_days: days.get_untracked().parse().ok(),
                options: ShareOptions {
                    anonymous: anonymous.get_untracked(),
                    allow_time: allow_time.get_untracked(),
                    max_span_days: span.get_untracked().trim().parse().unwrap_or(0),
                    allow_vars: allow_vars.get_untracked(),
                },
            },
        });
    };
    let error = Signal::derive(move || create.value().get().and_then(|r| r.err()));
    view! {
        <details class="share" data-test="share">
            <summary>"Share…"</summary>
            <form class="card share-form" on:submit=submit>
                <p class="muted">"A read-only link: it shows this "
                    {if kind == ShareKind::Dashboard { "dashboard" } else { "saved search" }}
                    " and runs only its stored queries. Anyone opening it needs a Lookout login unless an admin says otherwise."</p>
                <label>"Expires " <select data-test="share-expiry" on:change=move |ev| days.set(event_target_value(&ev))>
                    {EXPIRY.map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                </select></label>
                <label><input type="checkbox" data-test="share-time" bind:checked=allow_time />
                    " The viewer may pick the time range, up to "
                    <input type="number" class="short" data-test="share-span" min="1" max=SHARE_SPAN_DAYS_MAX bind:value=span />
                    " days wide"</label>
                {(kind == ShareKind::Dashboard).then(|| view! {
                    <label><input type="checkbox" data-test="share-vars" bind:checked=allow_vars />
                        " The viewer may pick variable values (from each variable's own options)"</label>
                })}
                <Suspense fallback=|| ()>
                    <Show when=admin>
                        <label><input type="checkbox" data-test="share-anonymous" bind:checked=anonymous />
                            " Opens without a Lookout account (admins only)"</label>
                    </Show>
                </Suspense>
                <button type="submit" data-test="share-create">"Create link"</button>
                <ErrorBox error />
                {move || create.value().get().and_then(Result::ok).map(|made| {
                    let url = full_url(&made.path);
                    view! {
                        <div class="notice" role="status">
                            <p>"Copy this link now; it is not shown again. Manage links under "
                                <a href="/shares">"Share links"</a> "."</p>
                            <input class="wide" readonly data-test="share-url" prop:value=url />
                        </div>
                    }
                })}
            </form>
        </details>
    }
}
