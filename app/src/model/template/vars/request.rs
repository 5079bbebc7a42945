//! Variable values as a request names them (`var-NAME` in the URL, `vars`
//! in a panel request), resolved against the dashboard: a missing one takes
//! its default, and `$__all` means "All". Shared by the server (which fills
//! stored queries) and the browser (links to Explore), so both agree.

use std::collections::BTreeMap;

use super::VarValue;
use crate::model::dashboard::Dashboard;

/// The value meaning "All" in a request.
pub const ALL: &str = "$__all";

/// Each variable's value: as asked, or the dashboard's default for it.
pub fn values(d: &Dashboard, asked: &BTreeMap<String, Vec<String>>) -> BTreeMap<String, VarValue> {
    d.spec
        .variables
        .iter()
        .map(|v| {
            let custom_all = v
                .spec
                .get("allValue")
                .and_then(|a| a.as_str())
                .map(str::to_owned);
            let asked = asked
                .get(&v.name)
                .cloned()
                .unwrap_or_else(|| default_of(&v.spec));
            let all = asked.iter().any(|a| a == ALL);
            let values = asked.into_iter().filter(|a| a != ALL).collect();
            (
                v.name.clone(),
                VarValue {
                    values,
                    all,
                    custom_all,
                },
            )
        })
        .collect()
}

/// `spec.default` (a string or a list), else `spec.value` (constants).
pub fn default_of(spec: &serde_json::Value) -> Vec<String> {
    let pick = spec.get("default").or_else(|| spec.get("value"));
    match pick {
        Some(serde_json::Value::String(s)) => vec![s.clone()],
        Some(serde_json::Value::Array(a)) => a
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    }
}
