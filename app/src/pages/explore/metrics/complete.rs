//! PromQL autocomplete: what is being typed at the end of the input (a
//! metric name, a label name inside `{…}`, or a label value inside quotes),
//! and the text once a suggestion is taken.

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Want {
    Metric(String),
    LabelName(String),
    LabelValue { label: String, prefix: String },
}

impl Want {
    pub fn prefix(&self) -> &str {
        match self {
            Want::Metric(p) | Want::LabelName(p) => p,
            Want::LabelValue { prefix, .. } => prefix,
        }
    }
}

fn ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == ':'
}

/// What the end of `text` is in the middle of, if anything worth completing.
pub fn want_at(text: &str) -> Option<Want> {
    let open = text.rfind('{');
    let inside = open.filter(|o| !text[*o..].contains('}'));
    if let Some(o) = inside {
        let seg_start = text[o..].rfind(',').map_or(o + 1, |c| o + c + 1);
        let seg = &text[seg_start..];
        if let Some(q) = seg.find('"') {
            let value = &seg[q + 1..];
            if value.contains('"') {
                return None;
            }
            let label: String = seg[..q].trim_end_matches(['=', '~', '!']).trim().to_owned();
            return Some(Want::LabelValue {
                label,
                prefix: value.to_owned(),
            });
        }
        if seg.contains(['=', '~', '!']) {
            return None;
        }
        return Some(Want::LabelName(seg.trim_start().to_owned()));
    }
    let start = text.rfind(|c: char| !ident(c)).map_or(0, |i| i + 1);
    let word = &text[start..];
    (!word.is_empty() && !word.starts_with(|c: char| c.is_ascii_digit()))
        .then(|| Want::Metric(word.to_owned()))
}

/// `text` with the typed prefix replaced by `choice` (a value gets its closing quote).
pub fn apply(text: &str, want: &Want, choice: &str) -> String {
    let base = &text[..text.len() - want.prefix().len()];
    match want {
        Want::LabelValue { .. } => {
            format!("{base}{}\"", super::super::links::escape_promql(choice))
        }
        Want::LabelName(_) => format!("{base}{choice}=\""),
        Want::Metric(_) => format!("{base}{choice}"),
    }
}

/// Up to `n` candidates starting with the prefix (case-insensitive), then containing it.
pub fn matches(candidates: &[String], prefix: &str, n: usize) -> Vec<String> {
    let p = prefix.to_lowercase();
    let (mut starts, mut contains): (Vec<&String>, Vec<&String>) = (Vec::new(), Vec::new());
    for c in candidates {
        let l = c.to_lowercase();
        if l.starts_with(&p) {
            starts.push(c);
        } else if l.contains(&p) {
            contains.push(c);
        }
    }
    starts
        .into_iter()
        .chain(contains)
        .filter(|c| c.as_str() != prefix)
        .take(n)
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_what_is_being_typed() {
        assert_eq!(
            want_at("rate(http_req"),
            Some(Want::Metric("http_req".into()))
        );
        assert_eq!(want_at("up{"), Some(Want::LabelName("".into())));
        assert_eq!(
            want_at("up{job=\"a\", inst"),
            Some(Want::LabelName("inst".into()))
        );
        assert_eq!(
            want_at("up{job=~\"no"),
            Some(Want::LabelValue {
                label: "job".into(),
                prefix: "no".into()
            })
        );
        assert_eq!(want_at("up{job=\"a\"}"), None);
        assert_eq!(want_at("sum(x) by (le) > 5"), None);
        assert_eq!(want_at(""), None);
    }

    #[test]
    fn applies_a_choice() {
        let w = want_at("up{job=\"no").unwrap();
        assert_eq!(apply("up{job=\"no", &w, "node\"x"), "up{job=\"node\\\"x\"");
        let w = want_at("up{ins").unwrap();
        assert_eq!(apply("up{ins", &w, "instance"), "up{instance=\"");
        let w = want_at("rate(demo_c").unwrap();
        assert_eq!(
            apply("rate(demo_c", &w, "demo_cpu_usage"),
            "rate(demo_cpu_usage"
        );
        let names = ["demo_cpu_usage", "http_requests_total", "cpu"].map(String::from);
        assert_eq!(matches(&names, "cpu", 5), vec!["demo_cpu_usage".to_owned()]);
        assert_eq!(matches(&names, "", 2).len(), 2);
    }
}
