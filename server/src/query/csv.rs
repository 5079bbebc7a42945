//! Rows of an export. CSV follows RFC 4180 quoting, and a text cell that a
//! spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) gets a
//! leading `'`: log lines are untrusted, and an export is often opened in Excel.

use app::model::time::format;
use app::model::LogHit;
use serde_json::Value;

fn cell(text: &str, out: &mut String) {
    let guarded = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quote = guarded || text.contains([',', '"', '\n', '\r']);
    if quote {
        out.push('"');
    }
    if guarded {
        out.push('\'');
    }
    for c in text.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if quote {
        out.push('"');
    }
}

/// `time` then the columns.
pub fn header(columns: &[String], out: &mut String) {
    out.push_str("time");
    for c in columns {
        out.push(',');
        cell(c, out);
    }
    out.push_str("\r\n");
}

/// The hit's UTC time, then each column's value (strings bare, numbers and
/// the rest as JSON, missing as empty).
pub fn row(hit: &LogHit, columns: &[String], out: &mut String) {
    if let Some(t) = hit.timestamp_ms {
        out.push_str(&format(t, 0).replace(' ', "T"));
        out.push('Z');
    }
    for c in columns {
        out.push(',');
        match hit.fields.get(c) {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) => cell(s, out),
            Some(Value::Number(n)) => out.push_str(&n.to_string()),
            Some(other) => cell(&other.to_string(), out),
        }
    }
    out.push_str("\r\n");
}

/// One JSON object per line: `_id`, `_index`, then the hit's fields.
pub fn ndjson(hit: &LogHit, out: &mut String) {
    let mut obj = serde_json::Map::new();
    obj.insert("_id".into(), Value::String(hit.id.clone()));
    obj.insert("_index".into(), Value::String(hit.index.clone()));
    for (k, v) in &hit.fields {
        obj.insert(k.clone(), v.clone());
    }
    out.push_str(&Value::Object(obj).to_string());
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::model::Cursor;
    use serde_json::json;

    fn hit(fields: Value) -> LogHit {
        LogHit {
            id: "a".into(),
            index: "logs".into(),
            timestamp_ms: Some(1_795_708_800_123),
            message: String::new(),
            fields: serde_json::from_value(fields).unwrap(),
            highlight: Default::default(),
            sort: Cursor(vec![]),
        }
    }

    #[test]
    fn quotes_and_defuses_formulas() {
        let h =
            hit(json!({"m": "say \"hi\", bob", "f": "=HYPERLINK(\"x\")", "n": 42, "neg": "-1"}));
        let cols: Vec<String> = ["m", "f", "n", "neg", "missing"].map(String::from).into();
        let mut out = String::new();
        header(&cols, &mut out);
        row(&h, &cols, &mut out);
        assert_eq!(
            out,
            "time,m,f,n,neg,missing\r\n2026-11-26T16:00:00.123Z,\"say \"\"hi\"\", bob\",\"'=HYPERLINK(\"\"x\"\")\",42,\"'-1\",\r\n"
        );
    }

    #[test]
    fn ndjson_keeps_fields_as_json() {
        let mut out = String::new();
        ndjson(&hit(json!({"http.status": 500, "msg": "a\nb"})), &mut out);
        assert_eq!(
            out,
            "{\"_id\":\"a\",\"_index\":\"logs\",\"http.status\":500,\"msg\":\"a\\nb\"}\n"
        );
    }
}
