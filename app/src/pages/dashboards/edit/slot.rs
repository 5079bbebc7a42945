//! A panel's controls in edit mode: edit, duplicate, remove; a handle to
//! drag it (arrow keys move it when the handle has focus) and a corner to
//! drag its size (Shift + arrow keys). Positions snap to the 24-column grid
//! while dragging; panels in the way move down.

use leptos::prelude::*;

use super::use_editor;

/// Grid row pitch in pixels (32 px rows + 8 px gap, as in the stylesheet).
const ROW_PX: f64 = 40.0;

/// Cells moved for a pointer delta, given one column's width in pixels.
fn cells(dx: f64, dy: f64, col_px: f64) -> (i32, i32) {
    let col = if col_px.is_finite() && col_px > 1.0 {
        col_px
    } else {
        40.0
    };
    let clamp = |v: f64| v.round().clamp(-200.0, 200.0) as i32;
    (clamp(dx / col), clamp(dy / ROW_PX))
}

/// One column's pitch: the grid's width over 24.
fn column_px(ev: &leptos::ev::PointerEvent) -> f64 {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        ev.target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest(".grid").ok().flatten())
            .map_or(40.0, |g| (f64::from(g.client_width()) + 8.0) / 24.0)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = ev;
        40.0
    }
}

fn capture(ev: &leptos::ev::PointerEvent) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        if let Some(el) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            let _ = el.set_pointer_capture(ev.pointer_id());
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = ev;
}

/// What a drag changes.
#[derive(Clone, Copy, PartialEq)]
enum Grip {
    Move,
    Size,
}

#[component]
pub fn SlotControls(id: String) -> impl IntoView {
    let ed = use_editor();
    // The drag under way: its grip, where it started, the column pitch and
    // the cells already applied.
    let drag = RwSignal::new(None::<(Grip, f64, f64, f64, (i32, i32))>);
    let id_s = StoredValue::new(id.clone());
    let apply = move |grip: Grip, dx: i32, dy: i32| {
        let id = id_s.get_value();
        ed.draft.update(|d| {
            match grip {
                Grip::Move => d.shift(&id, dx, dy, 0, 0),
                Grip::Size => d.shift(&id, 0, 0, dx, dy),
            };
        });
    };
    let down = move |grip: Grip| {
        move |ev: leptos::ev::PointerEvent| {
            ev.prevent_default();
            capture(&ev);
            let (x, y) = (f64::from(ev.client_x()), f64::from(ev.client_y()));
            drag.set(Some((grip, x, y, column_px(&ev), (0, 0))));
        }
    };
    let on_move = move |ev: leptos::ev::PointerEvent| {
        let Some((grip, x0, y0, col, done)) = drag.get_untracked() else {
            return;
        };
        let want = cells(
            f64::from(ev.client_x()) - x0,
            f64::from(ev.client_y()) - y0,
            col,
        );
        if want != done {
            apply(grip, want.0 - done.0, want.1 - done.1);
            drag.set(Some((grip, x0, y0, col, want)));
        }
    };
    let up = move |_| drag.set(None);
    let keys = move |ev: leptos::ev::KeyboardEvent| {
        let (dx, dy) = match ev.key().as_str() {
            "ArrowLeft" => (-1, 0),
            "ArrowRight" => (1, 0),
            "ArrowUp" => (0, -1),
            "ArrowDown" => (0, 1),
            _ => return,
        };
        ev.prevent_default();
        apply(
            if ev.shift_key() {
                Grip::Size
            } else {
                Grip::Move
            },
            dx,
            dy,
        );
    };
    let (edit_id, copy_id, remove_id) = (id.clone(), id.clone(), id);
    view! {
        <div class="slot-controls" data-test="slot-controls">
            <button type="button" class="grip" data-test="move" title="Drag to move; arrow keys move, Shift + arrows resize"
                aria-label="Move panel (arrow keys), resize (Shift + arrow keys)"
                on:pointerdown=down(Grip::Move) on:pointermove=on_move on:pointerup=up on:pointercancel=up on:keydown=keys>"⠿"</button>
            <button type="button" class="link" data-test="edit-panel" on:click=move |_| ed.panel.set(Some(edit_id.clone()))>"Edit"</button>
            <button type="button" class="link" data-test="duplicate-panel"
                on:click=move |_| ed.draft.update(|d| { d.duplicate_panel(&copy_id); })>"Duplicate"</button>
            <button type="button" class="link" data-test="remove-panel"
                on:click=move |_| ed.draft.update(|d| d.remove_panel(&remove_id))>"Remove"</button>
            <button type="button" class="resize" data-test="resize" title="Drag to resize" aria-label="Resize panel"
                on:pointerdown=down(Grip::Size) on:pointermove=on_move on:pointerup=up on:pointercancel=up on:keydown=keys>"◢"</button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn pointer_deltas_snap_to_cells() {
        assert_eq!(super::cells(61.0, -39.0, 40.0), (2, -1));
        assert_eq!(super::cells(1e12, f64::NAN, 0.0), (200, 0));
    }
}
