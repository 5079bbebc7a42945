//! PromQL text built from values. A hit opens its data source's metrics link
//! with `${field}` placeholders filled from the hit, escaped as PromQL string
//! content so a value can never end the string it sits in. A chart range
//! opens the logs with the query's `label="value"` matchers that are log
//! fields.

use std::collections::BTreeMap;

use serde_json::Value;

use super::lucene::{add_filter, filter_clause};

/// Escapes text for inside a double-quoted PromQL string.
pub fn escape_promql(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for c in v.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

/// The template with every `${field}` replaced by the hit's (escaped) value.
pub fn fill_template(template: &str, fields: &BTreeMap<String, Value>) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let Some(end) = rest[start..].find('}') else {
            out.push_str(&rest[start..]);
            return out;
        };
        let name = rest[start + 2..start + end].trim();
        let value = match fields.get(name) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Null) | None => String::new(),
            Some(v) => v.to_string(),
        };
        out.push_str(&escape_promql(&value));
        rest = &rest[start + end + 1..];
    }
    out.push_str(rest);
    out
}

/// `label="value"` matchers in a PromQL expression (exact ones only).
pub fn equality_matchers(expr: &str) -> Vec<(String, String)> {
    let b = expr.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(eq) = expr[i..].find("=\"").map(|p| p + i) {
        // The label name: the ASCII word right before `="` (a char before it
        // may be wider than one byte, so step past it by its own length).
        let name_start = expr[..eq]
            .char_indices()
            .rfind(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '_'))
            .map_or(0, |(p, c)| p + c.len_utf8());
        let (mut value, mut escaped, mut next) = (String::new(), false, expr.len());
        for (k, c) in expr[eq + 2..].char_indices() {
            match (escaped, c) {
                (true, c) => {
                    value.push(match c {
                        'n' => '\n',
                        'r' => '\r',
                        't' => '\t',
                        c => c,
                    });
                    escaped = false;
                }
                (false, '\\') => escaped = true,
                (false, '"') => {
                    next = eq + 2 + k + 1;
                    break;
                }
                (false, c) => value.push(c),
            }
        }
        let op_ok = eq == 0 || !matches!(b[eq - 1], b'!' | b'=' | b'~');
        if op_ok && name_start < eq {
            out.push((expr[name_start..eq].to_owned(), value));
        }
        i = next;
    }
    out
}

/// The Lucene query for "logs in this range": the matchers on `fields`.
pub fn logs_query_for(expr: &str, fields: &[String]) -> String {
    equality_matchers(expr)
        .into_iter()
        .filter(|(k, _)| fields.iter().any(|f| f == k))
        .fold(String::new(), |q, (k, v)| {
            add_filter(&q, &filter_clause(&k, &v, true))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn templates_escape_values() {
        let fields: BTreeMap<String, Value> =
            serde_json::from_value(json!({"service": "pay\"} or vector(1) #", "code": 500}))
                .unwrap();
        let t = "sum(rate(http_requests_total{service=\"${service}\", code=\"${code}\", x=\"${missing}\"}[5m]))";
        assert_eq!(
            fill_template(t, &fields),
            "sum(rate(http_requests_total{service=\"pay\\\"} or vector(1) #\", code=\"500\", x=\"\"}[5m]))"
        );
    }

    #[test]
    fn chart_queries_become_log_filters() {
        let e =
            "sum(rate(http_requests_total{service=\"checkout\", job!=\"x\", code=~\"5..\"}[5m]))";
        assert_eq!(
            equality_matchers(e),
            vec![("service".to_owned(), "checkout".to_owned())]
        );
        let fields = vec!["service".to_owned(), "host".to_owned()];
        assert_eq!(logs_query_for(e, &fields), "service:\"checkout\"");
        assert_eq!(logs_query_for("up", &fields), "");
    }

    /// Reads back a PromQL double-quoted string's content.
    fn unescape(s: &str) -> Option<String> {
        let mut out = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => out.push(match chars.next()? {
                    'n' => '\n',
                    'r' => '\r',
                    c => c,
                }),
                '"' => return None,
                c => out.push(c),
            }
        }
        Some(out)
    }

    proptest::proptest! {
        /// A hit's value can never end the string it is placed in.
        #[test]
        fn any_value_stays_inside_a_promql_string(v in "\\PC{0,40}") {
            proptest::prop_assert_eq!(unescape(&escape_promql(&v)), Some(v));
        }

        #[test]
        fn any_template_fills_without_panic(t in "\\PC{0,30}", v in "\\PC{0,10}") {
            let fields: BTreeMap<String, Value> = [("f".to_owned(), Value::String(v))].into();
            let _ = fill_template(&t, &fields);
            let _ = equality_matchers(&t);
        }
    }
}
