//! Lucene text built from values: each value stays one quoted term, so
//! no value can add an operator, a field or a wildcard to a query.

/// `field:"value"` with the value quoted and escaped for Lucene.
pub fn filter_clause(field: &str, value: &str, include: bool) -> String {
    let escaped_field: String = field
        .chars()
        .flat_map(|c| {
            if r#"+-&|!(){}[]^"~*?:\/ "#.contains(c) {
                vec!['\\', c]
            } else {
                vec![c]
            }
        })
        .collect();
    let escaped_value = value.replace('\\', "\\\\").replace('"', "\\\"");
    let clause = format!("{escaped_field}:\"{escaped_value}\"");
    if include {
        clause
    } else {
        format!("NOT {clause}")
    }
}

/// The query with a filter added.
pub fn add_filter(query: &str, clause: &str) -> String {
    match query.trim() {
        "" | "*" => clause.to_owned(),
        q => format!("({q}) AND {clause}"),
    }
}

/// A value as one Lucene term outside quotes: every character Lucene reads
/// as syntax (and whitespace) escaped with `\\`.
pub fn escape_term(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        if "+-&|!(){}[]^\"~*?:\\/".contains(c) || c.is_whitespace() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A value inside a quoted Lucene phrase: `\\` and `"` escaped.
pub fn escape_phrase(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_quote_and_escape() {
        assert_eq!(
            filter_clause("service", "payments", true),
            "service:\"payments\""
        );
        assert_eq!(
            filter_clause("http.status", "500", false),
            "NOT http.status:\"500\""
        );
        assert_eq!(
            filter_clause("msg", "say \"hi\" \\o/", true),
            "msg:\"say \\\"hi\\\" \\\\o/\""
        );
        assert_eq!(
            filter_clause("<b>field</b>", "x", true),
            "<b>field<\\/b>:\"x\""
        );
        assert_eq!(add_filter("", "a:\"b\""), "a:\"b\"");
        assert_eq!(add_filter("1234567", "a:\"b\""), "(1234567) AND a:\"b\"");
    }

    /// Reads a quoted Lucene string back: the text between the first
    /// unescaped quote pair, unescaped, and whatever follows it.
    fn unquote(s: &str) -> Option<(String, &str)> {
        let start = s.find('"')? + 1;
        let mut out = String::new();
        let mut chars = s[start..].char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => out.push(chars.next()?.1),
                '"' => return Some((out, &s[start + i + 1..])),
                c => out.push(c),
            }
        }
        None
    }

    proptest::proptest! {
        /// Any value stays one quoted term: it reads back unchanged and
        /// nothing follows the closing quote.
        #[test]
        fn any_value_stays_inside_its_quotes(field in "[a-z.]{1,8}", value in "\\PC{0,30}") {
            let clause = filter_clause(&field, &value, true);
            let (back, rest) = unquote(&clause).expect("closed quote");
            proptest::prop_assert_eq!(back, value);
            proptest::prop_assert_eq!(rest, "");
        }

        #[test]
        fn any_field_and_query_never_panic(field in "\\PC{0,20}", q in "\\PC{0,20}") {
            let _ = add_filter(&q, &filter_clause(&field, "v", false));
        }
    }
}
