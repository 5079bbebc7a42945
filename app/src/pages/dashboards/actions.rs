//! Editors' actions on the dashboard list: duplicate (a copy under a new
//! uid and title) and delete (after a Yes/No step; an admin can restore a
//! deleted dashboard for 30 days).

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::dashboard::{DashboardSave, DashboardSummary};
use crate::server_fns::dashboards::{delete_dashboard, get_dashboard, save_dashboard};

/// Copies `uid` as `{uid}-copy` (or `-copy-2`, … if taken) titled "Copy of …".
async fn duplicate(uid: String) -> Result<(), AppError> {
    let stored = get_dashboard(uid.clone()).await?;
    let mut last = None;
    for n in 1..=20 {
        let mut d = stored.dashboard.clone();
        let suffix = if n == 1 {
            "-copy".to_owned()
        } else {
            format!("-copy-{n}")
        };
        let base: String = uid.chars().take(64 - suffix.len()).collect();
        d.metadata.uid = format!("{base}{suffix}");
        d.metadata.title = format!("Copy of {}", stored.dashboard.metadata.title);
        let input = DashboardSave {
            dashboard: serde_json::to_value(&d).map_err(|e| AppError::Internal(e.to_string()))?,
            base_version: None,
            message: format!("Duplicated from {uid}"),
        };
        match save_dashboard(None, input).await {
            Err(AppError::Conflict(e)) => last = Some(AppError::Conflict(e)),
            other => return other.map(|_| ()),
        }
    }
    Err(last.unwrap_or_else(|| AppError::Conflict("every copy name is taken".into())))
}

/// "New dashboard" (editors): an empty dashboard, opened in edit mode.
#[component]
pub fn NewDashboard() -> impl IntoView {
    let navigate = leptos_router::hooks::use_navigate();
    let error = RwSignal::new(None::<String>);
    let create = move |_| {
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let uid = format!("dash-{}", crate::model::time::now_ms() % 10_000_000_000);
            let dashboard = serde_json::json!({
                "kind": "Dashboard", "schemaVersion": crate::model::dashboard::SCHEMA_VERSION,
                "metadata": { "uid": uid, "title": "New dashboard" }, "spec": {}
            });
            let input = DashboardSave {
                dashboard,
                base_version: None,
                message: "Created".into(),
            };
            match save_dashboard(None, input).await {
                Ok(s) => navigate(
                    &format!("/d/{}", s.dashboard.metadata.uid),
                    Default::default(),
                ),
                Err(e) => error.set(Some(e.to_string())),
            }
        });
    };
    view! {
        <button type="button" class="primary" data-test="new-dashboard" on:click=create>"New dashboard"</button>
        {move || error.get().map(|e| view! { <span class="error" role="alert">{e}</span> })}
    }
}

#[component]
pub fn RowActions(d: DashboardSummary, changed: Callback<()>) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let confirming = RwSignal::new(false);
    let (copy_uid, delete_uid) = (d.uid.clone(), d.uid.clone());
    let run =
        move |work: std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), AppError>>>>| {
            leptos::task::spawn_local(async move {
                match work.await {
                    Ok(()) => changed.run(()),
                    Err(e) => error.set(Some(e.to_string())),
                }
            });
        };
    view! {
        <span class="row-actions">
            <button type="button" class="link" data-test="duplicate"
                on:click=move |_| run(Box::pin(duplicate(copy_uid.clone())))>"Duplicate"</button>
            <Show when=move || confirming.get()
                fallback=move || view! { <button type="button" class="link" data-test="delete" on:click=move |_| confirming.set(true)>"Delete"</button> }>
                {
                    let uid = delete_uid.clone();
                    view! {
                        <span data-test="confirm-delete">"Delete it? "
                            <button type="button" class="link" data-test="confirm-yes"
                                on:click=move |_| run(Box::pin(delete_dashboard(uid.clone())))>"Yes"</button>
                            " "
                            <button type="button" class="link" data-test="confirm-no" on:click=move |_| confirming.set(false)>"No"</button>
                        </span>
                    }
                }
            </Show>
            {move || error.get().map(|e| view! { <span class="error" role="alert">{e}</span> })}
        </span>
    }
}
