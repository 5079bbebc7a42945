//! Edits of a dashboard's layout, as the editor makes them: move and resize
//! a panel (others are pushed down out of its way, never overlapped), add,
//! duplicate and remove panels and rows. Kept in the model so the rules are
//! unit-tested and the same wherever a layout changes.

use super::{Dashboard, GridItem, Panel, PanelSpec, Row, GRID_COLUMNS};

/// Tallest panel, in grid rows.
const MAX_H: u32 = 100;

fn overlaps(a: &GridItem, b: &GridItem) -> bool {
    a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

/// Pushes items down until none overlaps another; item `fixed` stays put.
fn settle(items: &mut [GridItem], fixed: usize) {
    // Each pass moves one item strictly down, so this ends; the bound is a
    // guard against a bug, not a rule.
    for _ in 0..10_000 {
        let mut pushed = false;
        'outer: for a in 0..items.len() {
            for b in 0..items.len() {
                if a == b || b == fixed || !overlaps(&items[a], &items[b]) {
                    continue;
                }
                // `b` gives way to `a` when `a` is the fixed one or sits higher.
                if a == fixed || (items[a].y, a) < (items[b].y, b) {
                    items[b].y = items[a].y + items[a].h;
                    pushed = true;
                    break 'outer;
                }
            }
        }
        if !pushed {
            return;
        }
    }
}

impl Dashboard {
    /// Where panel `id` sits: (row, item).
    pub fn find_item(&self, id: &str) -> Option<(usize, usize)> {
        self.spec
            .layout
            .iter()
            .enumerate()
            .find_map(|(r, row)| row.items.iter().position(|i| i.panel == id).map(|i| (r, i)))
    }

    /// Moves panel `id` by `dx`, `dy` cells and grows it by `dw`, `dh`,
    /// kept on the grid; panels in its way move down. False if no such panel.
    pub fn shift(&mut self, id: &str, dx: i32, dy: i32, dw: i32, dh: i32) -> bool {
        let Some((r, i)) = self.find_item(id) else {
            return false;
        };
        let items = &mut self.spec.layout[r].items;
        let it = &mut items[i];
        let add = |v: u32, d: i32, lo: u32, hi: u32| {
            (i64::from(v) + i64::from(d)).clamp(i64::from(lo), i64::from(hi)) as u32
        };
        it.w = add(it.w, dw, 1, GRID_COLUMNS);
        it.h = add(it.h, dh, 1, MAX_H);
        it.x = add(it.x, dx, 0, GRID_COLUMNS - it.w);
        it.y = add(it.y, dy, 0, 9_000);
        settle(items, i);
        true
    }

    /// The first free id `panel-N`.
    fn new_panel_id(&self) -> String {
        (1..)
            .map(|n| format!("panel-{n}"))
            .find(|id| !self.spec.panels.contains_key(id))
            .unwrap_or_default()
    }

    /// The row below the last item of row `r`.
    fn bottom(&self, r: usize) -> u32 {
        self.spec.layout[r]
            .items
            .iter()
            .map(|i| i.y + i.h)
            .max()
            .unwrap_or(0)
    }

    /// Adds `panel` under a new id at the bottom of the last row (a row is
    /// made if there is none); returns the id.
    pub fn add_panel(&mut self, panel: Panel, w: u32, h: u32) -> String {
        let id = self.new_panel_id();
        if self.spec.layout.is_empty() {
            self.add_row("");
        }
        let r = self.spec.layout.len() - 1;
        let y = self.bottom(r);
        self.spec.panels.insert(id.clone(), panel);
        self.spec.layout[r].items.push(GridItem {
            panel: id.clone(),
            x: 0,
            y,
            w: w.clamp(1, GRID_COLUMNS),
            h: h.clamp(1, MAX_H),
        });
        id
    }

    /// A new time-series panel on `datasource`, querying `up` until edited.
    pub fn blank_panel(datasource: Option<String>) -> Panel {
        Panel {
            kind: "timeseries".into(),
            spec: PanelSpec {
                title: "New panel".into(),
                datasource,
                queries: vec![super::PanelQuery {
                    expr: Some("up".into()),
                    ..Default::default()
                }],
                ..PanelSpec::default()
            },
            extra: Default::default(),
        }
    }

    /// Copies panel `id` just below itself; returns the copy's id.
    pub fn duplicate_panel(&mut self, id: &str) -> Option<String> {
        let (r, i) = self.find_item(id)?;
        let panel = self.spec.panels.get(id)?.clone();
        let new = self.new_panel_id();
        let src = self.spec.layout[r].items[i].clone();
        self.spec.panels.insert(new.clone(), panel);
        let items = &mut self.spec.layout[r].items;
        items.push(GridItem {
            panel: new.clone(),
            y: src.y + src.h,
            ..src
        });
        let at = items.len() - 1;
        settle(items, at);
        Some(new)
    }

    /// Removes panel `id` and its place in the layout.
    pub fn remove_panel(&mut self, id: &str) {
        self.spec.panels.remove(id);
        for row in &mut self.spec.layout {
            row.items.retain(|i| i.panel != id);
        }
    }

    /// Appends an empty row.
    pub fn add_row(&mut self, title: &str) {
        self.spec.layout.push(Row {
            title: title.into(),
            collapsed: false,
            items: Vec::new(),
            extra: Default::default(),
        });
    }

    /// Removes row `r` with its panels.
    pub fn remove_row(&mut self, r: usize) {
        if r < self.spec.layout.len() {
            let row = self.spec.layout.remove(r);
            for item in row.items {
                self.spec.panels.remove(&item.panel);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two() -> Dashboard {
        let mut d: Dashboard = Dashboard::decode(
            r#"{"kind":"Dashboard","schemaVersion":1,"metadata":{"uid":"u","title":"T"},"spec":{}}"#,
        )
        .unwrap();
        d.add_panel(Dashboard::blank_panel(Some("prom".into())), 12, 8);
        d.add_panel(Dashboard::blank_panel(Some("prom".into())), 12, 8);
        d
    }

    #[test]
    fn panels_are_added_below_and_moves_push_others_down() {
        let mut d = two();
        let items = &d.spec.layout[0].items;
        assert_eq!((items[1].panel.as_str(), items[1].y), ("panel-2", 8));
        // Move panel-2 up into panel-1's place: panel-1 gives way.
        assert!(d.shift("panel-2", 0, -8, 0, 0));
        let items = &d.spec.layout[0].items;
        assert_eq!((items[1].y, items[0].y), (0, 8));
        // Growing wider than the grid, or moving off it, is clamped.
        d.shift("panel-1", 30, 0, 40, 0);
        let p1 = &d.spec.layout[0].items[0];
        assert_eq!((p1.x, p1.w), (0, 24));
        d.shift("panel-1", -5, -100, -30, 200);
        let p1 = &d.spec.layout[0].items[0];
        assert_eq!((p1.x, p1.w, p1.h), (0, 1, 100));
        assert!(!d.shift("nope", 1, 1, 1, 1));
        Dashboard::from_value(serde_json::to_value(&d).unwrap()).expect("still valid");
    }

    #[test]
    fn duplicate_and_remove_keep_the_model_valid() {
        let mut d = two();
        let copy = d.duplicate_panel("panel-1").unwrap();
        assert_eq!(copy, "panel-3");
        Dashboard::from_value(serde_json::to_value(&d).unwrap()).expect("no overlap");
        d.remove_panel("panel-1");
        assert!(d.find_item("panel-1").is_none() && !d.spec.panels.contains_key("panel-1"));
        d.add_row("More");
        let id = d.add_panel(Dashboard::blank_panel(Some("prom".into())), 6, 4);
        assert_eq!(d.find_item(&id), Some((1, 0)));
        d.remove_row(1);
        assert!(!d.spec.panels.contains_key(&id));
        Dashboard::from_value(serde_json::to_value(&d).unwrap()).expect("valid");
    }
}
