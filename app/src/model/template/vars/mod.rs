//! Dashboard variables (`$name`, `${name}`) substituted into a query,
//! escaped for where they land, so no value can change the query's shape:
//!
//! - **PromQL**, inside a double-quoted string: after `=~` or `!~` (a regex
//!   matcher) each value is regex-escaped, several (or "All") joined as an
//!   alternation (`=~"(a|b)"`), then string-escaped; after anything else one
//!   value is string-escaped, and several are refused. Outside quotes only a
//!   plain number, duration or name is accepted (`topk($n, …)`).
//! - **Lucene**, outside quotes: each value is one escaped term, several are
//!   `(a OR b)`; inside quotes: phrase-escaped, and several are refused.
//!
//! Built-ins (`$__interval`, `$__rate_interval`, `$__range`) are computed
//! by the server and substituted as they are.

use std::collections::BTreeMap;

use super::{lucene, promql};

mod request;
pub use request::{default_of, display, values, ALL};

/// A variable's current value: one or more values, or "All".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VarValue {
    pub values: Vec<String>,
    /// "All" is selected: every option (or `custom_all` if the dashboard set one).
    pub all: bool,
    pub custom_all: Option<String>,
}

impl VarValue {
    pub fn one(v: impl Into<String>) -> Self {
        Self {
            values: vec![v.into()],
            all: false,
            custom_all: None,
        }
    }
}

/// Where the text goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    PromQl,
    Lucene,
}

/// `text` with every known `$name` / `${name}` replaced for `target`.
/// Unknown names stay as they are (the upstream will say what is wrong).
pub fn interpolate(
    text: &str,
    vars: &BTreeMap<String, VarValue>,
    target: Target,
) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut quoted = false;
    // The open string follows `=~` or `!~`: its content is a regex.
    let mut regex = false;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' if quoted => {
                out.push(c);
                if let Some((_, n)) = chars.next() {
                    out.push(n);
                }
            }
            '"' => {
                if !quoted {
                    let before = out.trim_end();
                    regex = before.ends_with("=~") || before.ends_with("!~");
                }
                quoted = !quoted;
                out.push(c);
            }
            '$' => {
                let rest = &text[i + 1..];
                let (name, used) = match rest.strip_prefix('{') {
                    Some(r) => match r.find('}') {
                        Some(end) => (&r[..end], end + 2),
                        None => ("", 0),
                    },
                    None => {
                        let n = rest
                            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                            .unwrap_or(rest.len());
                        (&rest[..n], n)
                    }
                };
                match vars.get(name) {
                    Some(v) if used > 0 => {
                        let at = match (quoted, regex) {
                            (false, _) => Place::Bare,
                            (true, false) => Place::String,
                            (true, true) => Place::Regex,
                        };
                        out.push_str(&render(name, v, target, at)?);
                        for _ in 0..rest[..used].chars().count() {
                            chars.next();
                        }
                    }
                    _ => out.push(c),
                }
            }
            c => out.push(c),
        }
    }
    Ok(out)
}

/// Where a variable stands in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Bare,
    String,
    Regex,
}

fn render(name: &str, v: &VarValue, target: Target, at: Place) -> Result<String, String> {
    if v.all {
        if let Some(custom) = &v.custom_all {
            return Ok(custom.clone()); // written by the dashboard's author
        }
    }
    let several = v.all || v.values.len() != 1;
    let quoted = at != Place::Bare;
    match (target, at) {
        (Target::PromQl, Place::Regex) => {
            let alternation = match (v.all, v.values.as_slice()) {
                (true, _) => ".*".to_owned(),
                (false, [one]) => regex_escape(one),
                (false, many) => {
                    let parts: Vec<String> = many.iter().map(|s| regex_escape(s)).collect();
                    format!("({})", parts.join("|"))
                }
            };
            Ok(promql::escape_promql(&alternation))
        }
        (Target::PromQl, Place::String) if several => Err(format!(
            "${name} has several values: use a regex matcher, like {{label=~\"${name}\"}}"
        )),
        (Target::PromQl, Place::String) => Ok(promql::escape_promql(&v.values[0])),
        (Target::PromQl, Place::Bare) => {
            let value = v.values.first().filter(|_| !several).ok_or_else(|| {
                format!("${name} has several values: use it inside a label matcher, like {{label=~\"${name}\"}}")
            })?;
            let plain = !value.is_empty()
                && value
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "._:".contains(c));
            if !plain {
                return Err(format!("${name} = {value:?} cannot stand outside quotes in PromQL: put it inside a label matcher"));
            }
            Ok(value.clone())
        }
        (Target::Lucene, _) if !quoted && v.all => Ok("*".into()),
        (Target::Lucene, _) if !quoted => {
            let terms: Vec<String> = v.values.iter().map(|s| lucene::escape_term(s)).collect();
            Ok(match terms.len() {
                0 => "\"\"".into(),
                1 => terms[0].clone(),
                _ => format!("({})", terms.join(" OR ")),
            })
        }
        (Target::Lucene, _) if several => Err(format!(
            "${name} has several values: in a Lucene query write field:${name}, not inside quotes"
        )),
        (Target::Lucene, _) => Ok(lucene::escape_phrase(&v.values[0])),
    }
}

/// Escapes every regex metacharacter (RE2 syntax, as Prometheus reads it).
pub fn regex_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "\\.+*?()|[]{}^$".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests;
