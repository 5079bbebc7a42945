//! A dashboard view's URL state: `from`, `to`, `refresh`, `tz=utc`,
//! `var-NAME` (repeated for several values) and `viewPanel`. Anything not
//! in the URL falls back to the dashboard's defaults, so a copied link
//! reproduces the view and reload keeps it.

use std::collections::BTreeMap;

use crate::components::url::encode;
use crate::components::{TimeExprs, TimeState};
use crate::model::dashboard::Dashboard;

/// The view state in the current URL's query string, as a memo (so a
/// change elsewhere in the URL re-runs nothing that reads it).
pub fn use_view_state() -> leptos::prelude::Memo<ViewState> {
    use leptos::prelude::*;
    let query = leptos_router::hooks::use_query_map();
    Memo::new(move |_| {
        query.with(|q| {
            let pairs: Vec<(String, String)> = q
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_owned()))
                .collect();
            ViewState::from_pairs(&pairs)
        })
    })
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ViewState {
    /// Range, refresh and zone; what the URL leaves out is the dashboard's.
    pub time: TimeState,
    pub vars: BTreeMap<String, Vec<String>>,
    pub view_panel: Option<String>,
}

impl ViewState {
    /// From the query string's pairs (in order, repeats kept).
    pub fn from_pairs(pairs: &[(String, String)]) -> Self {
        let mut s = ViewState::default();
        for (k, v) in pairs {
            if s.time.read(k, v) {
                continue;
            }
            match k.as_str() {
                "viewPanel" => s.view_panel = Some(v.clone()),
                k => {
                    if let Some(name) = k.strip_prefix("var-") {
                        s.vars.entry(name.to_owned()).or_default().push(v.clone());
                    }
                }
            }
        }
        s
    }

    /// The range, refresh and zone in effect: the URL's, else the dashboard's.
    pub fn effective(&self, d: &Dashboard) -> TimeExprs {
        let t = &d.spec.time;
        let utc = t.timezone == "utc";
        self.time
            .resolve(&TimeExprs::new(&t.from, &t.to, &t.refresh, utc))
    }

    /// The link to this state on dashboard `uid`.
    pub fn href(&self, uid: &str) -> String {
        self.href_at(&format!("/d/{}", encode(uid)))
    }

    /// The link to this state on the view at `base` (a dashboard's or a
    /// share link's path, already encoded).
    pub fn href_at(&self, base: &str) -> String {
        let mut parts = Vec::new();
        let mut put = |k: &str, v: &str| parts.push(format!("{}={}", encode(k), encode(v)));
        for (k, v) in self.time.params() {
            put(k, &v);
        }
        for (name, values) in &self.vars {
            for v in values {
                put(&format!("var-{name}"), v);
            }
        }
        if let Some(p) = &self.view_panel {
            put("viewPanel", p);
        }
        let query = if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        };
        format!("{base}{query}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_the_url() {
        let s = ViewState::from_pairs(&[
            ("from".into(), "now-1h".into()),
            ("var-instance".into(), "a\"&b".into()),
            ("var-instance".into(), "c".into()),
            ("tz".into(), "utc".into()),
            ("viewPanel".into(), "cpu".into()),
        ]);
        assert_eq!(s.vars["instance"], ["a\"&b", "c"]);
        let href = s.href("host metrics");
        assert_eq!(href, "/d/host%20metrics?from=now-1h&tz=utc&var-instance=a%22%26b&var-instance=c&viewPanel=cpu");
        let query = href.split_once('?').unwrap().1;
        let pairs: Vec<(String, String)> = query
            .split('&')
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap();
                let dec = |x: &str| crate::components::url::decode(x).unwrap();
                (dec(k), dec(v))
            })
            .collect();
        assert_eq!(ViewState::from_pairs(&pairs), s);
    }
}
