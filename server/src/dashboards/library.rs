//! The ready-made dashboards shipped in the binary (`server/dashboards/`):
//! *Host metrics* for node-exporter and *Service errors* for the on-call
//! engineer. They name their data sources `Prometheus` and `Logs`; an import
//! maps those names to the data sources of this Lookout.

use std::collections::BTreeMap;

use app::model::dashboard::Dashboard;
pub use app::model::dashboard::LibraryItem;
use serde_json::Value;

const ENTRIES: [(&str, &str); 2] = [
    (
        "host-metrics",
        include_str!("../../dashboards/host-metrics.json"),
    ),
    (
        "service-errors",
        include_str!("../../dashboards/service-errors.json"),
    ),
];

pub fn list() -> Vec<LibraryItem> {
    ENTRIES
        .iter()
        .filter_map(|(id, text)| {
            let d = Dashboard::decode(text).ok()?;
            Some(LibraryItem {
                id: id.to_string(),
                title: d.metadata.title.clone(),
                description: d.metadata.description.clone(),
                datasources: names(&d),
            })
        })
        .collect()
}

/// The dashboard `id` with its data-source names mapped (`Prometheus` →
/// the name given for it); names not in `map` stay.
pub fn instantiate(id: &str, map: &BTreeMap<String, String>) -> Result<Value, String> {
    let text = ENTRIES
        .iter()
        .find(|(e, _)| *e == id)
        .map(|(_, t)| *t)
        .ok_or_else(|| {
            format!("there is no ready-made dashboard {id:?}: use host-metrics or service-errors")
        })?;
    let mut d = Dashboard::decode(text).map_err(|e| e.to_string())?;
    let rename = |name: &mut Option<String>| {
        if let Some(to) = name.as_ref().and_then(|n| map.get(n)) {
            *name = Some(to.clone());
        }
    };
    for panel in d.spec.panels.values_mut() {
        rename(&mut panel.spec.datasource);
        for q in &mut panel.spec.queries {
            rename(&mut q.datasource);
        }
    }
    for v in &mut d.spec.variables {
        if let Some(to) = v
            .spec
            .get("datasource")
            .and_then(Value::as_str)
            .and_then(|n| map.get(n))
        {
            v.spec["datasource"] = Value::String(to.clone());
        }
    }
    serde_json::to_value(&d).map_err(|e| e.to_string())
}

/// Every data-source name a dashboard uses.
fn names(d: &Dashboard) -> Vec<String> {
    let mut out: Vec<String> = d
        .spec
        .panels
        .values()
        .flat_map(|p| {
            p.spec
                .queries
                .iter()
                .filter_map(|q| q.datasource.clone())
                .chain(p.spec.datasource.clone())
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_library_decodes_and_maps_names() {
        let items = list();
        assert_eq!(items.len(), 2, "both ready-made dashboards are valid");
        assert_eq!(items[0].datasources, ["Prometheus"]);
        assert_eq!(items[1].datasources, ["Logs", "Prometheus"]);
        let map = [("Logs".to_owned(), "Demo logs".to_owned())].into();
        let v = instantiate("service-errors", &map).unwrap();
        assert_eq!(
            v["spec"]["panels"]["errors"]["spec"]["datasource"],
            "Demo logs"
        );
        assert_eq!(
            v["spec"]["panels"]["requests"]["spec"]["datasource"],
            "Prometheus"
        );
        assert_eq!(v["spec"]["variables"][0]["spec"]["datasource"], "Demo logs");
        assert!(instantiate("nope", &map).is_err());
    }
}
