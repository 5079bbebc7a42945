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
mod hits;
mod recent;
pub mod rules;

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

use app::model::{Query, QueryData};
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
    /// Pages of hits masked last, for the next viewer given the same one.
    recent: recent::Recent,
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
            recent: recent::Recent::new(recent::KEEP),
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
                let words = match query {
                    Query::Logs { query, .. } => hits::search_words(query),
                    _ => Vec::new(),
                };
                let masked = match self.recent.get(hits, &words) {
                    Some(done) => done,
                    None => {
                        let done = self.mask_page(hits, &words);
                        self.recent.put(hits, words, done.clone());
                        done
                    }
                };
                if let Some((copy, left_out)) = masked {
                    *hits = copy;
                    total.value = total.value.saturating_sub(left_out);
                }
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

/// A JSON value as the text a search would see.
fn text_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests;
