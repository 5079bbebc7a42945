//! What a dashboard view wires from its URL state, the same for a member's
//! `/d/{uid}` and a share link's `/s/{token}`: the time in effect, the
//! range resolved on each refresh tick, and the callbacks that write the
//! URL (range, zoom, variable values, one panel alone).

use std::collections::BTreeMap;

use leptos::prelude::*;

use super::edit::Editor;
use super::panel::PanelEnv;
use super::state::ViewState;
use crate::components::{
    provide_zone, use_auto_refresh, use_zone, view_now, KeptNow, TimeChange, TimeExprs,
};
use crate::model::dashboard::Variable;
use crate::model::time::resolve_range;

pub struct Controls {
    /// The range, refresh and zone in effect (URL, else the dashboard's).
    pub effective: Memo<TimeExprs>,
    pub change: Callback<TimeChange>,
    pub set_var: Callback<(String, Vec<String>)>,
    /// The values the URL picks (memoised: other URL changes re-run nothing).
    pub vars: Signal<BTreeMap<String, Vec<String>>>,
    pub variables: Signal<Vec<Variable>>,
    pub view_panel: Signal<Option<String>>,
    pub env: PanelEnv,
}

/// `stopped`: no auto-refresh while true (a dead share link). `zoom`: a
/// chart drag may set the range.
pub fn controls(
    state: Memo<ViewState>,
    go: Callback<ViewState>,
    ed: Editor,
    stopped: Signal<bool>,
    zoom: bool,
) -> Controls {
    let effective = Memo::new(move |_| ed.draft.with(|d| state.with(|s| s.effective(d))));
    provide_zone(Signal::derive(move || effective.with(|e| e.utc)));
    let tick = use_auto_refresh(Signal::derive(move || {
        if stopped.get() {
            String::new()
        } else {
            effective.with(|e| e.refresh.clone())
        }
    }));
    let edit = move |f: &dyn Fn(&mut ViewState)| {
        let mut s = state.get_untracked();
        f(&mut s);
        go.run(s);
    };
    let change = Callback::new(move |c: TimeChange| edit(&|s| s.time.apply(c.clone())));
    let zone = use_zone();
    // The resolved range, recomputed on every refresh tick; while the page
    // hydrates, at the instant the server rendered it (`view_now`), so the
    // panels the server ran are not asked again. Other re-runs (the zone
    // turning local once hydrated, a zone or refresh switch) keep that
    // instant (`KeptNow`): the same span asks no panel again.
    let kept = StoredValue::new(KeptNow::default());
    let range = Memo::new(move |_| {
        let tick = tick.get();
        effective.with(|e| {
            let now = kept
                .try_update_value(|k| k.at(tick, &e.from, &e.to, view_now))
                .unwrap_or_else(view_now);
            resolve_range(&e.from, &e.to, now, zone.offset_at(now))
        })
    });
    let on_zoom = Callback::new(move |(a, b): (i64, i64)| {
        if zoom {
            edit(&|s| s.time.set_absolute(a, b));
        }
    });
    let set_var = Callback::new(move |(name, values): (String, Vec<String>)| {
        let values: Vec<String> = values
            .into_iter()
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
            .collect();
        edit(&|s| {
            s.vars.insert(name.clone(), values.clone());
        });
    });
    let vars: Signal<_> = Memo::new(move |_| state.with(|s| s.vars.clone())).into();
    let variables = Signal::derive(move || ed.draft.with(|d| d.spec.variables.clone()));
    let view_panel: Signal<_> = Memo::new(move |_| state.with(|s| s.view_panel.clone())).into();
    let open = Callback::new(move |id: Option<String>| edit(&|s| s.view_panel = id.clone()));
    Controls {
        effective,
        change,
        set_var,
        vars,
        variables,
        view_panel,
        env: PanelEnv {
            range,
            vars,
            tick,
            zoom: on_zoom,
            open,
        },
    }
}
