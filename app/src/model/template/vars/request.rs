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

/// `text` with `$name` / `${name}` replaced by the values as a person reads
/// them (`a + b`, `All`), for titles. Rendered as text, so nothing is escaped.
pub fn display(text: &str, vars: &BTreeMap<String, VarValue>) -> String {
    if !text.contains('$') {
        return text.to_owned();
    }
    // Longest names first, so `$service` is not read as `$serv` + `ice`.
    let mut names: Vec<&String> = vars.keys().collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let mut out = text.to_owned();
    for name in names {
        let v = &vars[name];
        let shown = if v.all {
            "All".to_owned()
        } else {
            v.values.join(" + ")
        };
        out = out
            .replace(&format!("${{{name}}}"), &shown)
            .replace(&format!("${name}"), &shown);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_show_values_as_text() {
        let vars = BTreeMap::from([
            (
                "service".to_owned(),
                VarValue {
                    values: vec!["<b>x</b>".into(), "y".into()],
                    all: false,
                    custom_all: None,
                },
            ),
            ("serv".to_owned(), VarValue::one("no")),
            (
                "instance".to_owned(),
                VarValue {
                    values: vec![],
                    all: true,
                    custom_all: None,
                },
            ),
        ]);
        assert_eq!(
            display("Errors in $service on ${instance} ($serv)", &vars),
            "Errors in <b>x</b> + y on All (no)"
        );
        assert_eq!(display("plain", &vars), "plain");
    }
}
