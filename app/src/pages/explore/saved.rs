//! Saved queries: a list anyone can open from, (for editors) "Save" under a
//! name, and "Manage" to delete one's own (admins: any), with a confirm step.
//! The list loads in the browser only, after the page is up.

use leptos::prelude::*;

use super::state::ExploreState;
use crate::components::{use_current_user, ShareForm};
use crate::model::share::ShareKind;
use crate::model::{Role, SavedQuery, SavedQuerySpec};
use crate::server_fns::saved::{delete_saved_query, list_saved_queries, save_query};

#[component]
pub fn SavedMenu(state: Memo<ExploreState>, go: Callback<ExploreState>) -> impl IntoView {
    let user = use_current_user();
    let save = Action::new(|spec: &SavedQuerySpec| save_query(spec.clone()));
    let remove = Action::new(|id: &i64| delete_saved_query(*id));
    let list = LocalResource::new(move || {
        save.version().get();
        remove.version().get();
        list_saved_queries()
    });
    let name = RwSignal::new(String::new());
    let open = move |ev: leptos::ev::Event| {
        let id: i64 = event_target_value(&ev).parse().unwrap_or_default();
        let found = list
            .get_untracked()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .find(|q| q.id == id);
        if let Some(q) = found {
            let s = q.spec;
            let mut next = state
                .get_untracked()
                .switch(s.mode, Some(s.datasource), s.query);
            (next.time.from, next.time.to) = (Some(s.from), Some(s.to));
            next.legend = s.legend.unwrap_or_default();
            go.run(next);
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let s = state.get_untracked();
        let Some(datasource) = s.ds else { return };
        let t = s.times();
        save.dispatch(SavedQuerySpec {
            name: name.get_untracked(),
            mode: s.mode,
            datasource,
            query: s.q,
            from: t.from,
            to: t.to,
            legend: Some(s.legend).filter(|l| !l.is_empty()),
        });
    };
    let can_save = move || user.get().is_some_and(|u| u.role.allows(Role::Editor));
    view! {
        <div class="saved" data-test="saved">
            <select aria-label="Saved queries" data-test="saved-list" on:change=open prop:value="">
                <option value="">"Saved queries…"</option>
                {move || list.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|q| view! {
                    <option value=q.id.to_string()>{format!("{} ({})", q.spec.name, q.spec.mode.as_str())}</option>
                }).collect_view()}
            </select>
            <Suspense fallback=|| ()><Show when=can_save>
                <form class="inline" on:submit=submit data-test="save-query">
                    <input name="save_name" aria-label="Name for this query" placeholder="Name this query" bind:value=name maxlength="100" required />
                    <button type="submit" class="secondary" disabled=move || state.with(|s| s.ds.is_none())>"Save"</button>
                </form>
            </Show></Suspense>
            <Manage list=Signal::derive(move || list.get().and_then(Result::ok).unwrap_or_default()) remove />
            {move || save.value().get().map(|r| match r {
                Ok(q) => view! { <span class="ok" role="status" data-test="save-status">{format!("Saved as {}.", q.spec.name)}</span> }.into_any(),
                Err(e) => view! { <span class="error" role="alert" data-test="save-status">{e.to_string()}</span> }.into_any(),
            })}
        </div>
    }
}

/// Every saved query with its owner; a delete button on those the user may
/// delete (the server checks again), which asks once more before it acts.
#[component]
fn Manage(
    list: Signal<Vec<SavedQuery>>,
    remove: Action<i64, Result<(), crate::error::AppError>>,
) -> impl IntoView {
    let user = use_current_user();
    let confirm = RwSignal::new(None::<i64>);
    let may_delete = move |q: &SavedQuery| {
        user.get().is_some_and(|u| {
            u.role.allows(Role::Admin) || (u.role.allows(Role::Editor) && u.username == q.owner)
        })
    };
    let row = move |q: SavedQuery| {
        let id = q.id;
        let delete = may_delete(&q).then(|| {
            let ask = move || view! {
                <button type="button" class="link" data-test="saved-delete" on:click=move |_| confirm.set(Some(id))>"Delete"</button>
            };
            view! {
                <Show when=move || confirm.get() == Some(id) fallback=ask>
                    "Delete it? "
                    <button type="button" class="danger" data-test="saved-delete-yes" on:click=move |_| { confirm.set(None); remove.dispatch(id); }>"Yes"</button>
                    <button type="button" class="link" on:click=move |_| confirm.set(None)>"No"</button>
                </Show>
            }
        });
        let share = user
            .get()
            .is_some_and(|u| u.role.allows(Role::Editor))
            .then(|| view! { <ShareForm kind=ShareKind::Search target=id.to_string() /> });
        view! {
            <li data-saved=q.spec.name.clone()>
                <span class="name">{q.spec.name.clone()}</span>
                <span class="muted">{format!(" {} · by {} ", q.spec.mode.as_str(), q.owner)}</span>
                {delete}
                {share}
            </li>
        }
    };
    view! {
        <details class="saved-manage" data-test="saved-manage">
            <summary>"Manage"</summary>
            <ul>{move || list.get().into_iter().map(row).collect_view()}</ul>
            {move || remove.value().get().and_then(Result::err).map(|e| view! {
                <p class="error" role="alert">{e.to_string()}</p>
            })}
        </details>
    }
}
