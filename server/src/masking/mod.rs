//! Masking of sensitive values in data sent to non-admins. Runs on the
//! server, before data leaves it: hits, raw fields, highlights, surrounding
//! logs, exports, top values, label values and series labels alike.
//!
//! Two kinds of rule: by *structure* (a field or label whose name says
//! secret, see [`fields`], has its whole value masked, whatever its type)
//! and by *text* (credential formats, see [`rules`], plus `--mask-pattern`;
//! numbers are checked as their decimal text). A text rule with a group
//! named `secret` replaces only that group, so `password=••••` stays readable.
//!
//! A viewer must not recover a masked value by searching for it: see
//! [`Masker::check_query`] (no searching inside secret fields) and
//! [`Masker::mask_data`] (a hit that matched only through a masked value is
//! answered as if it had not matched).

pub mod fields;
pub mod rules;

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

use app::model::{LogHit, Query, QueryData};
use serde_json::Value;

use crate::datasources::Scope;
use fields::SecretNames;
use rules::Rule;

pub const MASK: &str = "••••";

pub struct Masker {
    /// `--mask-pattern` rules, compiled (and so checked) at start; they run
    /// after the built-in ones.
    extra: Vec<Rule>,
    /// The built-in rules with the extra ones, compiled on first use:
    /// measured, about 2.5 MB resident that a Lookout no viewer has used
    /// yet does not need to hold.
    text: OnceLock<TextRules>,
    names: SecretNames,
    /// What non-admins may search, built once (it is needed per request).
    scope: Arc<Scope>,
}

/// The text rules, in order, and all of them in one automaton.
struct TextRules {
    rules: Vec<Rule>,
    /// Text that matches no rule (nearly all of it) is read once instead of
    /// once per rule: masking 100 hits had cost a viewer's search about
    /// 0.5 ms more than an admin's. `None` (only if the rules together
    /// outgrow the regex size limit) asks each rule.
    any: Option<regex::RegexSet>,
}

impl TextRules {
    fn compile(extra: &[Rule]) -> Self {
        let mut rules = rules::defaults();
        rules.extend(extra.iter().cloned());
        let any = regex::RegexSet::new(rules.iter().map(|r| r.regex.as_str())).ok();
        Self { rules, any }
    }
}

/// The masked originals of one hit, lower-cased, for the search guard.
type Originals = Vec<String>;

impl Masker {
    /// The built-in rules plus `extra` text rules and `extra_names` secret
    /// field names; a bad extra rule names itself.
    pub fn new(extra: &[String]) -> anyhow::Result<Self> {
        Self::with_names(extra, &[])
    }

    pub fn with_names(extra: &[String], extra_names: &[String]) -> anyhow::Result<Self> {
        let extra = extra
            .iter()
            .map(|r| {
                let regex =
                    regex::Regex::new(r).map_err(|e| anyhow::anyhow!("mask pattern {r:?}: {e}"))?;
                Ok(Rule { regex, check: None })
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        let names = SecretNames::new(extra_names);
        let scope = Arc::new(Scope {
            hidden_fields: names.field_patterns(),
        });
        Ok(Self {
            extra,
            text: OnceLock::new(),
            names,
            scope,
        })
    }

    /// `text` with every text rule applied.
    pub fn mask<'a>(&self, text: &'a str) -> Cow<'a, str> {
        self.mask_into(text, &mut Vec::new())
    }

    /// Like [`Self::mask`], also collecting what was masked.
    /// The rules run in order, each on the text the ones before it left:
    /// which of them match the original is asked of [`TextRules::any`]; once one
    /// has changed the text, the rest are asked one by one (the mask is not
    /// ASCII, which sends the combined automaton to its slow path).
    fn mask_into<'a>(&self, text: &'a str, found: &mut Originals) -> Cow<'a, str> {
        let rules = self.text.get_or_init(|| TextRules::compile(&self.extra));
        let mut out = Cow::Borrowed(text);
        let matching = rules.any.as_ref().map(|any| any.matches(text));
        if matching.as_ref().is_some_and(|m| !m.matched_any()) {
            return out;
        }
        for (i, rule) in rules.rules.iter().enumerate() {
            let matches = match (&out, &matching) {
                (Cow::Borrowed(_), Some(m)) => m.matched(i),
                _ => rule.regex.is_match(&out),
            };
            if !matches {
                continue;
            }
            let mut changed = false;
            let replaced = rule.regex.replace_all(&out, |c: &regex::Captures| {
                let whole = c.get(0).map_or("", |m| m.as_str());
                let (secret, start, end) = match (c.name("secret"), c.get(0)) {
                    (Some(s), Some(w)) => (s.as_str(), s.start() - w.start(), s.end() - w.start()),
                    _ => (whole, 0, whole.len()),
                };
                if rule.check.is_some_and(|check| !check(secret)) {
                    return whole.to_owned();
                }
                changed = true;
                found.push(secret.to_lowercase());
                format!("{}{MASK}{}", &whole[..start], &whole[end..])
            });
            if changed {
                out = Cow::Owned(replaced.into_owned());
            }
        }
        out
    }

    /// Masks a value: all of it under a secret `key`, else by text (numbers
    /// as their digits, so a card stored as a number is caught).
    fn mask_value(&self, key: Option<&str>, v: &mut Value, found: &mut Originals) {
        if key.is_some_and(|k| self.names.is_secret(k)) {
            if !v.is_null() {
                found.push(text_of(v).to_lowercase());
                *v = Value::String(MASK.into());
            }
            return;
        }
        match v {
            Value::String(s) => {
                if let Cow::Owned(m) = self.mask_into(s, found) {
                    *s = m;
                }
            }
            Value::Number(n) => {
                let digits = n.to_string();
                if let Cow::Owned(m) = self.mask_into(&digits, found) {
                    *v = Value::String(m);
                }
            }
            Value::Array(items) => items
                .iter_mut()
                .for_each(|i| self.mask_value(key, i, found)),
            Value::Object(map) => map
                .iter_mut()
                .for_each(|(k, i)| self.mask_value(Some(k), i, found)),
            _ => {}
        }
    }

    /// Highlight markers could split a secret from its key, so a fragment is
    /// masked without them; if anything was masked, its markers are dropped.
    fn mask_fragment(&self, field: &str, fragment: &mut String, found: &mut Originals) {
        let plain = unmarked(fragment);
        if self.names.is_secret(field) {
            found.push(plain.to_lowercase());
            *fragment = MASK.into();
        } else if let Cow::Owned(m) = self.mask_into(&plain, found) {
            *fragment = m;
        }
    }

    /// Whether [`Self::mask_hit`] would change `hit`: the same rules, read
    /// without writing.
    fn hit_changes(&self, hit: &LogHit) -> bool {
        let changes = |text: &str| matches!(self.mask(text), Cow::Owned(_));
        // The message is most often a field too, and the longest text:
        // found unchanged once, it is not read again.
        let again =
            |k: &str, v: &Value| v.as_str() != Some(&hit.message) || self.names.is_secret(k);
        changes(&hit.message)
            || hit
                .fields
                .iter()
                .any(|(k, v)| again(k, v) && self.value_changes(k, v))
            || hit.highlight.iter().any(|(k, frags)| {
                !frags.is_empty() && self.names.is_secret(k)
                    || frags.iter().any(|f| changes(&unmarked(f)))
            })
    }

    /// Whether [`Self::mask_value`] would change `v`, held under `key`.
    fn value_changes(&self, key: &str, v: &Value) -> bool {
        if self.names.is_secret(key) {
            return !v.is_null();
        }
        match v {
            Value::String(s) => matches!(self.mask(s), Cow::Owned(_)),
            Value::Number(n) => matches!(self.mask(&n.to_string()), Cow::Owned(_)),
            Value::Array(items) => items.iter().any(|i| self.value_changes(key, i)),
            Value::Object(map) => map.iter().any(|(k, i)| self.value_changes(k, i)),
            _ => false,
        }
    }

    /// Masks one hit and returns what it masked.
    fn mask_hit(&self, hit: &mut LogHit) -> Originals {
        let mut found = Vec::new();
        if let Cow::Owned(m) = self.mask_into(&hit.message, &mut found) {
            hit.message = m;
        }
        for (k, v) in hit.fields.iter_mut() {
            self.mask_value(Some(k), v, &mut found);
        }
        for (k, frags) in hit.highlight.iter_mut() {
            frags
                .iter_mut()
                .for_each(|f| self.mask_fragment(k, f, &mut found));
        }
        found
    }

    /// What non-admins may search: every secret field hidden.
    pub fn scope(&self) -> Arc<Scope> {
        self.scope.clone()
    }

    /// Refuses, for non-admins, a search that names a secret field (or a
    /// field wildcard that could expand to one): searching inside a masked
    /// field would reveal its value one guess at a time.
    pub fn check_query(&self, query: &Query) -> Result<(), String> {
        match query {
            Query::Logs { query, .. }
            | Query::LogHistogram { query, .. }
            | Query::TopValues { query, .. } => self.check_search(query),
            _ => Ok(()),
        }
    }

    /// [`Self::check_query`] for a Lucene query's text.
    pub fn check_search(&self, text: &str) -> Result<(), String> {
        for field in fields::lucene_fields(text) {
            if field.contains(['*', '?']) {
                return Err(format!(
                    "field wildcards ({field}:) are not allowed for your role: name the field"
                ));
            }
            if self.names.is_secret(&field) {
                return Err(format!(
                    "the field {field:?} holds secrets and cannot be searched with your role"
                ));
            }
        }
        Ok(())
    }

    /// Masks everything user-visible in a query answer. A log hit that
    /// matched only through a masked value (a query word found in what was
    /// masked, and nowhere in what is shown) is dropped, as if it had not
    /// matched.
    pub fn mask_data(&self, query: &Query, data: &mut QueryData) {
        match data {
            QueryData::Logs { hits, total, .. } => {
                // The page may be one parse that other askers share:
                // copied (never changed in place) only when a hit changes.
                if !hits.iter().any(|h| self.hit_changes(h)) {
                    return;
                }
                let words = match query {
                    Query::Logs { query, .. } => search_words(query),
                    _ => Vec::new(),
                };
                let before = hits.len();
                Arc::make_mut(hits).retain_mut(|h| {
                    let found = self.mask_hit(h);
                    !matched_only_secrets(&words, &found, h)
                });
                total.value = total.value.saturating_sub((before - hits.len()) as u64);
            }
            QueryData::TopValues { values, .. } => {
                let field = match query {
                    Query::TopValues { field, .. } => Some(field.as_str()),
                    _ => None,
                };
                for v in values {
                    self.mask_value(field, &mut v.value, &mut Vec::new());
                }
            }
            QueryData::Names { names } => {
                let label = match query {
                    Query::LabelValues { label, .. } => Some(label.as_str()),
                    _ => None,
                };
                let secret = label.is_some_and(|l| self.names.is_secret(l));
                for n in names.iter_mut() {
                    if secret {
                        *n = MASK.into();
                    } else if let Cow::Owned(m) = self.mask(n) {
                        *n = m;
                    }
                }
                if secret {
                    names.dedup();
                }
            }
            QueryData::Series { series, .. } => {
                // The series may be a kept answer that other viewers share:
                // copied (never changed in place) only when a label changes.
                let changes =
                    |(k, v): (&String, &String)| self.names.is_secret(k) || self.mask(v) != **v;
                if !series.iter().any(|s| s.labels.iter().any(changes)) {
                    return;
                }
                for s in Arc::make_mut(series) {
                    for (k, v) in s.labels.iter_mut() {
                        if self.names.is_secret(k) {
                            *v = MASK.into();
                        } else if let Cow::Owned(m) = self.mask(v) {
                            *v = m;
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// A highlight fragment without its markers.
fn unmarked(fragment: &str) -> String {
    fragment
        .chars()
        .filter(|c| *c != '\u{e000}' && *c != '\u{e001}')
        .collect()
}

/// A JSON value as the text a search would see.
fn text_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The words of a Lucene query a value could be found by: runs of letters
/// and digits, lower-cased, field names and operators left out.
fn search_words(query: &str) -> Vec<String> {
    let named: Vec<String> = fields::lucene_fields(query);
    query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 2)
        .filter(|w| !matches!(*w, "AND" | "OR" | "NOT" | "TO"))
        .filter(|w| !named.iter().any(|n| n == w))
        .map(str::to_lowercase)
        .collect()
}

/// Whether some query word appears in a masked original of the hit and in
/// nothing the hit still shows.
fn matched_only_secrets(words: &[String], found: &Originals, hit: &LogHit) -> bool {
    if words.is_empty() || found.is_empty() {
        return false;
    }
    let shown = || {
        let mut t = hit.message.to_lowercase();
        for v in hit.fields.values() {
            t.push('\n');
            t.push_str(&text_of(v).to_lowercase());
        }
        t
    };
    let mut shown_text: Option<String> = None;
    words.iter().any(|w| {
        found.iter().any(|f| f.contains(w.as_str()))
            && !shown_text.get_or_insert_with(shown).contains(w.as_str())
    })
}

#[cfg(test)]
mod tests;
