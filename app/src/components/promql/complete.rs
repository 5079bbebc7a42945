//! PromQL autocomplete: what is being typed just before the caret (a metric
//! name, a label name inside `{…}`, or a label value inside quotes), and the
//! text once a suggestion is taken there.

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

/// The byte index of the DOM's caret, which counts UTF-16 units.
pub fn byte_at(text: &str, units: u32) -> usize {
    let mut n = 0;
    for (i, c) in text.char_indices() {
        if n >= units {
            return i;
        }
        n += c.len_utf16() as u32;
    }
    text.len()
}

/// `text` with `choice` taken at byte `caret`: the word being typed is
/// replaced whole (also the part after the caret), a label name gets `="`
/// and a value its closing quote unless they are already there. Returns the
/// new text and the caret, just after what was inserted.
pub fn apply(text: &str, caret: usize, want: &Want, choice: &str) -> (String, usize) {
    let (head, tail) = text.split_at(caret.min(text.len()));
    let base = &head[..head.len() - want.prefix().len()];
    let rest = match want {
        Want::LabelValue { .. } => tail.find('"').unwrap_or(tail.len()),
        _ => tail.find(|c: char| !ident(c)).unwrap_or(tail.len()),
    };
    let tail = &tail[rest..];
    let (inserted, skip) = match want {
        Want::LabelValue { .. } => {
            let value = crate::model::template::promql::escape_promql(choice);
            match tail.starts_with('"') {
                true => (value, 1),
                false => (format!("{value}\""), 0),
            }
        }
        Want::LabelName(_) if tail.starts_with(['=', '!']) => (choice.to_owned(), 0),
        Want::LabelName(_) => (format!("{choice}=\""), 0),
        Want::Metric(_) => (choice.to_owned(), 0),
    };
    let caret = base.len() + inserted.len() + skip;
    (format!("{base}{inserted}{tail}"), caret)
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
        let end = |t: &str, choice: &str| apply(t, t.len(), &want_at(t).unwrap(), choice).0;
        assert_eq!(end("up{job=\"no", "node\"x"), "up{job=\"node\\\"x\"");
        assert_eq!(end("up{ins", "instance"), "up{instance=\"");
        assert_eq!(end("rate(demo_c", "demo_cpu_usage"), "rate(demo_cpu_usage");
        let names = ["demo_cpu_usage", "http_requests_total", "cpu"].map(String::from);
        assert_eq!(matches(&names, "cpu", 5), vec!["demo_cpu_usage".to_owned()]);
        assert_eq!(matches(&names, "", 2).len(), 2);
    }

    #[test]
    fn completes_at_the_caret_not_the_end() {
        let at = |t: &str, caret: &str, choice: &str| {
            let c = t.find(caret).unwrap() + caret.len();
            let want = want_at(&t[..c]).unwrap();
            apply(t, c, &want, choice)
        };
        // A metric inside a function call: the rest of the word is replaced.
        let t = "sum(rate(demo_cpu[5m]))";
        let (text, caret) = at(t, "demo_c", "demo_cpu_usage");
        assert_eq!(text, "sum(rate(demo_cpu_usage[5m]))");
        assert_eq!(&text[..caret], "sum(rate(demo_cpu_usage");
        // A label value whose closing quote exists: no second quote.
        let t = "up{job=\"no\", instance=\"a\"}";
        let (text, caret) = at(t, "job=\"n", "node");
        assert_eq!(text, "up{job=\"node\", instance=\"a\"}");
        assert_eq!(&text[caret..], ", instance=\"a\"}");
        // A label name before an existing matcher keeps its `=`.
        let t = "up{jo=\"x\"}";
        assert_eq!(at(t, "{jo", "job").0, "up{job=\"x\"}");
        // The DOM counts UTF-16 units; bytes differ after non-ASCII text.
        assert_eq!(byte_at("é{a", 2), 3);
        assert_eq!(byte_at("ab", 9), 2);
    }
}
