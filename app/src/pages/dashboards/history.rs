//! A dashboard's history at `/dashboards/{uid}/history`: every version with
//! its author, time and message; any two compared side by side (the changed
//! JSON paths with old and new values); an old one restored by an editor,
//! which saves it again as a new version (so a restore can be undone too).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::components::url::encode;
use crate::components::{provide_zone, use_current_user};
use crate::model::dashboard::{Change, DashboardVersion};
use crate::model::time::format;
use crate::model::Role;
use crate::server_fns::dashboards::{dashboard_versions, diff_dashboard, restore_dashboard};

fn shown(v: &Option<serde_json::Value>) -> String {
    match v {
        None => "—".into(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
    }
}

#[component]
pub fn HistoryPage() -> impl IntoView {
    let params = use_params_map();
    let uid = Memo::new(move |_| params.with(|p| p.get("uid").unwrap_or_default()));
    let zone = provide_zone(Signal::derive(|| false));
    let user = use_current_user();
    let editor = Signal::derive(move || user.get().is_some_and(|u| u.role.allows(Role::Editor)));
    let reload = RwSignal::new(0u32);
    let versions = Resource::new(
        move || (uid.get(), reload.get()),
        |(uid, _)| async move { dashboard_versions(uid).await },
    );
    let pair = RwSignal::new(None::<(i64, i64)>);
    let changes = RwSignal::new(None::<Result<Vec<Change>, String>>);
    let message = RwSignal::new(None::<String>);
    let compare = move |(a, b): (i64, i64)| {
        let uid = uid.get_untracked();
        leptos::task::spawn_local(async move {
            changes.set(Some(
                diff_dashboard(uid, a.min(b), a.max(b))
                    .await
                    .map_err(|e| e.to_string()),
            ));
        });
    };
    let restore = move |(version, base): (i64, i64)| {
        let uid = uid.get_untracked();
        leptos::task::spawn_local(async move {
            match restore_dashboard(uid, version, base).await {
                Ok(s) => {
                    message.set(Some(format!(
                        "Restored version {version} as version {}.",
                        s.version
                    )));
                    changes.set(None);
                    reload.update(|r| *r += 1);
                }
                Err(e) => message.set(Some(e.to_string())),
            }
        });
    };
    let row = move |v: DashboardVersion, latest: i64| {
        let n = v.version;
        view! {
            <tr data-test="version" data-version=n>
                <td>{n}</td>
                <td>{format(v.created_at_ms, zone.offset_at(v.created_at_ms))}</td>
                <td>{v.author.clone()}</td>
                <td>{v.message.clone()}</td>
                <td>
                    <input type="radio" name="a" aria-label=format!("Compare from version {n}") data-test="pick-a"
                        on:change=move |_| pair.update(|p| *p = Some((n, p.map_or(latest, |x| x.1)))) />
                    <input type="radio" name="b" aria-label=format!("Compare to version {n}") data-test="pick-b"
                        on:change=move |_| pair.update(|p| *p = Some((p.map_or(n, |x| x.0), n))) />
                </td>
                <td>{move || (editor.get() && n != latest).then(|| view! {
                    <button type="button" class="link" data-test="restore" on:click=move |_| restore((n, latest))>"Restore"</button>
                })}</td>
            </tr>
        }
    };
    view! {
        <Title text="History · Lookout" />
        <h1>"History"</h1>
        <p><a href=move || format!("/d/{}", encode(&uid.get())) data-test="back">"← Back to the dashboard"</a></p>
        {move || message.get().map(|m| view! { <p role="status" data-test="history-message">{m}</p> })}
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || versions.get().map(|r| match r {
                Err(e) => view! { <p class="error" role="alert">{e.to_string()}</p> }.into_any(),
                Ok(list) => {
                    let latest = list.first().map_or(0, |v| v.version);
                    let second = list.get(1).map_or(latest, |v| v.version);
                    view! {
                        <table class="versions" data-test="versions">
                            <thead><tr><th>"Version"</th><th>"When"</th><th>"Who"</th><th>"Message"</th><th>"Compare"</th><th></th></tr></thead>
                            <tbody>{list.into_iter().map(|v| row(v, latest)).collect_view()}</tbody>
                        </table>
                        <button type="button" data-test="compare"
                            on:click=move |_| compare(pair.get_untracked().unwrap_or((second, latest)))>"Compare"</button>
                    }.into_any()
                }
            })}
        </Suspense>
        {move || changes.get().map(|r| match r {
            Err(e) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
            Ok(list) if list.is_empty() => view! { <p data-test="no-changes">"These versions are the same."</p> }.into_any(),
            Ok(list) => view! {
                <table class="diff" data-test="diff">
                    <thead><tr><th>"Field"</th><th>"Before"</th><th>"After"</th></tr></thead>
                    <tbody>{list.into_iter().map(|c| view! {
                        <tr data-test="change"><td><code>{c.path.clone()}</code></td>
                            <td class="old"><pre>{shown(&c.old)}</pre></td>
                            <td class="new"><pre>{shown(&c.new)}</pre></td></tr>
                    }).collect_view()}</tbody>
                </table>
            }.into_any(),
        })}
    }
}
