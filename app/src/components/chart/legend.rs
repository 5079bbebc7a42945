//! Series names: a legend format such as `{{instance}}`, or Prometheus'
//! own `name{label="value", …}` when there is none.

use std::collections::BTreeMap;

/// The name a series shows in the legend, tooltip and table.
pub fn series_name(labels: &BTreeMap<String, String>, format: &str) -> String {
    if !format.trim().is_empty() {
        let mut out = String::new();
        let mut rest = format;
        while let Some(start) = rest.find("{{") {
            out.push_str(&rest[..start]);
            match rest[start + 2..].find("}}") {
                Some(end) => {
                    let key = rest[start + 2..start + 2 + end].trim();
                    out.push_str(labels.get(key).map(String::as_str).unwrap_or(""));
                    rest = &rest[start + 2 + end + 2..];
                }
                None => {
                    out.push_str(&rest[start..]);
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        return out;
    }
    let name = labels.get("__name__").cloned().unwrap_or_default();
    let pairs: Vec<String> = labels
        .iter()
        .filter(|(k, _)| k.as_str() != "__name__")
        .map(|(k, v)| format!("{k}=\"{v}\""))
        .collect();
    match (name.is_empty(), pairs.is_empty()) {
        (_, true) if !name.is_empty() => name,
        (true, true) => "{}".into(),
        _ => format!("{name}{{{}}}", pairs.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn formats_and_defaults() {
        let l = labels(&[("__name__", "up"), ("instance", "host-01"), ("job", "node")]);
        assert_eq!(series_name(&l, "{{instance}}"), "host-01");
        assert_eq!(
            series_name(&l, "{{ job }} on {{instance}} {{missing}}"),
            "node on host-01 "
        );
        assert_eq!(
            series_name(&l, ""),
            "up{instance=\"host-01\", job=\"node\"}"
        );
        assert_eq!(
            series_name(&labels(&[("service", "a")]), ""),
            "{service=\"a\"}"
        );
        assert_eq!(series_name(&labels(&[]), ""), "{}");
        assert_eq!(series_name(&l, "open {{instance"), "open {{instance");
    }
}
