//! The rows of a dashboard and their panels on the 24-column grid, drawn
//! from the editor's working copy so edits show at once. Placement is by
//! class names (`gx-3 gw-12 gy-0 gh-8`, in the stylesheet), since the
//! page's CSP allows no inline styles. A panel is re-created (and re-run)
//! only when its own definition changes, not when another one moves.

use leptos::prelude::*;

use super::edit::{use_editor, SlotControls};
use super::panel::{PanelEnv, PanelView};
use crate::components::chart::ExpectedWidth;
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

/// The width a panel `w` columns wide (of 24) starts its chart at, before
/// the browser measures it: its share of a grid about 1370 px wide (a
/// 1440 px window), less the 8 px gap and 8 px padding on each side. On
/// that window the first canvas draw keeps the box the server drew.
fn expected_width(w: u32) -> ExpectedWidth {
    ExpectedWidth((w.clamp(1, 24) * 1370 / 24).saturating_sub(24))
}

/// Each item of row `r` as (panel id, the panel's JSON): the key that
/// re-creates a panel when, and only when, it changes.
fn keyed_items(d: &Dashboard, r: usize) -> Vec<(String, String)> {
    d.spec
        .layout
        .get(r)
        .map(|row| {
            row.items
                .iter()
                .map(|i| {
                    let json = d
                        .spec
                        .panels
                        .get(&i.panel)
                        .and_then(|p| serde_json::to_string(p).ok())
                        .unwrap_or_default();
                    (i.panel.clone(), json)
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The rows, or (with `viewPanel` in the URL) that one panel full width.
#[component]
pub fn Grid(uid: String, env: PanelEnv, view_panel: Signal<Option<String>>) -> impl IntoView {
    let ed = use_editor();
    let open = env.open;
    move || {
        let alone = view_panel.get().and_then(|id| {
            ed.draft
                .with(|d| d.spec.panels.get(&id).cloned())
                .map(|p| (id, p))
        });
        match alone {
            Some((id, panel)) => {
                provide_context(expected_width(24));
                view! {
                <p><button type="button" class="link" data-test="back-to-dashboard" on:click=move |_| open.run(None)>
                    "← Back to the dashboard"
                </button></p>
                <div class="grid" data-test="view-panel">
                    <div class="panel gx-0 gw-24 gy-0 gh-16">
                        <PanelView uid=uid.clone() id panel env />
                    </div>
                </div>
                }
                .into_any()
            }
            None => {
                let uid = uid.clone();
                view! {
                    <For each=move || 0..ed.draft.with(|d| d.spec.layout.len()) key=|r| *r
                        children=move |r| view! { <RowView r uid=uid.clone() env /> } />
                }
                .into_any()
            }
        }
    }
}

#[component]
fn RowView(r: usize, uid: String, env: PanelEnv) -> impl IntoView {
    let ed = use_editor();
    let row = move || ed.draft.with(|d| d.spec.layout.get(r).cloned());
    let collapsed = RwSignal::new(row().is_some_and(|x| x.collapsed));
    let title = move || row().map(|x| x.title).unwrap_or_default();
    view! {
        <section class="row" data-test="row">
            <Show when=move || !title().is_empty() || ed.editing.get()>
                <h2>
                    <button type="button" class="link" on:click=move |_| collapsed.update(|c| *c = !*c)>{title}</button>
                    <Show when=move || ed.editing.get()>
                        <input class="row-title" data-test="row-title" aria-label="Row title" prop:value=title
                            on:change=move |ev| ed.draft.update(|d| if let Some(row) = d.spec.layout.get_mut(r) { row.title = event_target_value(&ev) }) />
                        <button type="button" class="link" data-test="remove-row"
                            on:click=move |_| if super::edit::confirm("Remove this row and its panels?") { ed.draft.update(|d| d.remove_row(r)) }>"Remove row"</button>
                    </Show>
                </h2>
            </Show>
            <Show when=move || !collapsed.get()>
                <div class="grid">
                    <For each=move || ed.draft.with(|d| keyed_items(d, r)) key=|k| k.clone()
                        children={
                            let uid = uid.clone();
                            move |(id, _)| view! { <Slot id uid=uid.clone() env /> }
                        } />
                </div>
            </Show>
        </section>
    }
}

/// One panel in its grid place, with the edit controls in edit mode. It
/// runs its unsaved definition (an editor's preview) when that differs
/// from the stored one.
#[component]
fn Slot(id: String, uid: String, env: PanelEnv) -> impl IntoView {
    let ed = use_editor();
    let Some(panel) = ed.draft.with_untracked(|d| d.spec.panels.get(&id).cloned()) else {
        return ().into_any();
    };
    let draft = ed
        .saved
        .with_untracked(|s| s.spec.panels.get(&id) != Some(&panel));
    let at = id.clone();
    let class = move || {
        ed.draft
            .with(|d| {
                d.find_item(&at)
                    .map(|(r, i)| place(&d.spec.layout[r].items[i]))
            })
            .unwrap_or_default()
    };
    let (controls, slot) = (id.clone(), id.clone());
    let w = ed.draft.with_untracked(|d| {
        d.find_item(&id)
            .map_or(12, |(r, i)| d.spec.layout[r].items[i].w)
    });
    provide_context(expected_width(w));
    view! {
        <div class=class data-panel=slot>
            <Show when=move || ed.editing.get()>
                <SlotControls id=controls.clone() />
            </Show>
            <PanelView uid id panel env draft />
        </div>
    }
    .into_any()
}
