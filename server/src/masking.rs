//! Masking of sensitive values in log data sent to non-admins. Runs on the
//! server, before data leaves it: hits, fields, highlights and top values.
//! A rule is a regex; if it has a group named `secret`, only that group is
//! replaced (so `password=••••` stays readable), otherwise the whole match.

use std::borrow::Cow;

use app::model::{LogHit, QueryData};
use regex::Regex;
use serde_json::Value;

pub const MASK: &str = "••••";

/// The defaults: bearer tokens, passwords in `k=v` and JSON form, AWS-style
/// and generic API keys, card-like 16-digit numbers.
pub const DEFAULT_RULES: [&str; 6] = [
    r"(?i)\bbearer\s+(?P<secret>[A-Za-z0-9\-._~+/]+=*)",
    r#"(?i)\b(?:password|passwd|pwd)\s*[=:]\s*(?P<secret>[^\s&;,"']+)"#,
    r#"(?i)"(?:password|passwd|pwd)"\s*:\s*"(?P<secret>[^"]*)""#,
    r"\b(?P<secret>(?:AKIA|ASIA)[0-9A-Z]{16})\b",
    r#"(?i)\b(?:api[_-]?key|apikey|secret|token|access[_-]?key)\s*[=:]\s*"?(?P<secret>[A-Za-z0-9\-_.+/]{12,})"#,
    r"\b(?:\d{4}[ -]?){3}\d{4}\b",
];

pub struct Masker {
    rules: Vec<Regex>,
}

impl Masker {
    /// The defaults plus `extra` rules; a bad extra rule names itself.
    pub fn new(extra: &[String]) -> anyhow::Result<Self> {
        let rules = DEFAULT_RULES
            .iter()
            .map(|r| r.to_string())
            .chain(extra.iter().cloned())
            .map(|r| Regex::new(&r).map_err(|e| anyhow::anyhow!("mask pattern {r:?}: {e}")))
            .collect::<anyhow::Result<_>>()?;
        Ok(Self { rules })
    }

    pub fn mask<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let mut out = Cow::Borrowed(text);
        for rule in &self.rules {
            if !rule.is_match(&out) {
                continue;
            }
            let replaced = rule.replace_all(&out, |c: &regex::Captures| match c.name("secret") {
                Some(s) => {
                    let whole = c.get(0).expect("group 0 always matches");
                    let (start, end) = (s.start() - whole.start(), s.end() - whole.start());
                    format!(
                        "{}{MASK}{}",
                        &whole.as_str()[..start],
                        &whole.as_str()[end..]
                    )
                }
                None => MASK.to_owned(),
            });
            out = Cow::Owned(replaced.into_owned());
        }
        out
    }

    fn mask_value(&self, v: &mut Value) {
        match v {
            Value::String(s) => {
                if let Cow::Owned(m) = self.mask(s) {
                    *s = m;
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|i| self.mask_value(i)),
            Value::Object(map) => map.values_mut().for_each(|i| self.mask_value(i)),
            _ => {}
        }
    }

    /// Highlight markers could split a secret from its key, so a fragment is
    /// masked without them; if anything was masked, its markers are dropped.
    fn mask_fragment(&self, fragment: &mut String) {
        let plain: String = fragment
            .chars()
            .filter(|c| *c != '\u{e000}' && *c != '\u{e001}')
            .collect();
        if let Cow::Owned(m) = self.mask(&plain) {
            *fragment = m;
        }
    }

    fn mask_hit(&self, hit: &mut LogHit) {
        if let Cow::Owned(m) = self.mask(&hit.message) {
            hit.message = m;
        }
        hit.fields.values_mut().for_each(|v| self.mask_value(v));
        hit.highlight
            .values_mut()
            .flatten()
            .for_each(|f| self.mask_fragment(f));
    }

    /// Masks everything log-derived in a query answer.
    pub fn mask_data(&self, data: &mut QueryData) {
        match data {
            QueryData::Logs { hits, .. } => hits.iter_mut().for_each(|h| self.mask_hit(h)),
            QueryData::TopValues { values, .. } => values
                .iter_mut()
                .for_each(|v| self.mask_value(&mut v.value)),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> String {
        Masker::new(&[]).unwrap().mask(s).into_owned()
    }

    #[test]
    fn default_rules_mask_the_secret_and_keep_the_context() {
        assert_eq!(
            m("Authorization: Bearer eyJhbGciOi.J9x-y_z=="),
            "Authorization: Bearer ••••"
        );
        assert_eq!(
            m("login ok password=hunter2 user=bob"),
            "login ok password=•••• user=bob"
        );
        assert_eq!(
            m(r#"{"password": "s3cr3t!", "user": "bob"}"#),
            r#"{"password": "••••", "user": "bob"}"#
        );
        assert_eq!(m("aws key AKIAIOSFODNN7EXAMPLE used"), "aws key •••• used");
        assert_eq!(m("api_key=abcdef0123456789xyz"), "api_key=••••");
        assert_eq!(m("card 4111 1111 1111 1111 charged"), "card •••• charged");
        assert_eq!(m("card 4111-1111-1111-1111"), "card ••••");
    }

    #[test]
    fn ordinary_text_is_untouched() {
        for s in [
            "error 1234567: payment gateway timeout",
            "request handled in 42 ms",
            "token bucket refilled",
            "order 12345678 shipped",
        ] {
            assert_eq!(m(s), s);
        }
    }

    #[test]
    fn highlight_markers_cannot_smuggle_a_secret_past_the_rules() {
        let masker = Masker::new(&[]).unwrap();
        let mut frag = "Authorization: Bearer \u{e000}eyJhbGciOi.J9\u{e001}".to_owned();
        masker.mask_fragment(&mut frag);
        assert_eq!(frag, "Authorization: Bearer ••••");
    }

    #[test]
    fn extra_rules_apply_and_bad_ones_are_named() {
        let masker = Masker::new(&["(?P<secret>SSN-\\d{3})".into()]).unwrap();
        assert_eq!(masker.mask("id SSN-123 ok"), "id •••• ok");
        let err = Masker::new(&["(".into()]).err().unwrap().to_string();
        assert!(err.contains("mask pattern \"(\""), "{err}");
    }
}
