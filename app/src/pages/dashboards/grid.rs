//! The rows of a dashboard and their panels on the 24-column grid. Panel
//! placement is by class names (`gx-3 gw-12 gy-0 gh-8`, in the stylesheet),
//! since the page's CSP allows no inline styles.

use leptos::prelude::*;

use super::panel::{PanelEnv, PanelView};
use crate::model::dashboard::{Dashboard, GridItem};

fn place(item: &GridItem) -> String {
    format!(
        "panel gx-{} gw-{} gy-{} gh-{}",
        item.x.min(23),
        item.w.clamp(1, 24),
        item.y.min(99),
        item.h.clamp(1, 50)
    )
}

/// The rows, or (with `viewPanel` in the URL) that one panel full width.
#[component]
pub fn Grid(
    dashboard: Dashboard,
    uid: String,
    env: PanelEnv,
    view_panel: Signal<Option<String>>,
) -> impl IntoView {
    let open = env.open;
    move || {
        let panels = dashboard.spec.panels.clone();
        match view_panel.get().and_then(|id| panels.get(&id).cloned().map(|p| (id, p))) {
            Some((id, panel)) => view! {
                <p><button type="button" class="link" data-test="back-to-dashboard" on:click=move |_| open.run(None)>
                    "← Back to the dashboard"
                </button></p>
                <div class="grid" data-test="view-panel">
                    <div class="panel gx-0 gw-24 gy-0 gh-16">
                        <PanelView uid=uid.clone() id panel env />
                    </div>
                </div>
            }
            .into_any(),
            None => rows(&dashboard, &uid, env).into_any(),
        }
    }
}

fn rows(dashboard: &Dashboard, uid: &str, env: PanelEnv) -> impl IntoView {
    let rows = dashboard.spec.layout.clone();
    let panels = dashboard.spec.panels.clone();
    let uid = uid.to_owned();
    rows.into_iter()
        .map(|row| {
            let items = row.items.clone();
            let collapsed = RwSignal::new(row.collapsed);
            let (panels, uid) = (panels.clone(), uid.clone());
            view! {
                <section class="row" data-test="row">
                    {(!row.title.is_empty()).then(|| view! {
                        <h2><button type="button" class="link" on:click=move |_| collapsed.update(|c| *c = !*c)>
                            {row.title.clone()}
                        </button></h2>
                    })}
                    <Show when=move || !collapsed.get()>
                        <div class="grid">
                            {items.iter().filter_map(|item| {
                                let panel = panels.get(&item.panel)?.clone();
                                Some(view! {
                                    <div class=place(item)>
                                        <PanelView uid=uid.clone() id=item.panel.clone() panel env />
                                    </div>
                                })
                            }).collect_view()}
                        </div>
                    </Show>
                </section>
            }
        })
        .collect_view()
}
