//! Masking the pages of hits a log search answers. A page may be one parse
//! that other askers share (`elasticsearch::logs`): it is never changed in
//! place, only copied when some hit in it changes.

use std::borrow::Cow;
use std::sync::Arc;

use app::model::LogHit;
use serde_json::Value;

use super::{fields, recent, text_of, Masker, Originals, MASK};

impl Masker {
    /// A viewer's copy of `page` and how many hits it left out (a hit that
    /// matched only through what was masked), or `None` when masking
    /// changes nothing in it.
    pub(super) fn mask_page(&self, page: &Arc<Vec<LogHit>>, words: &[String]) -> recent::Masked {
        if !page.iter().any(|h| self.hit_changes(h)) {
            return None;
        }
        let mut copy = Vec::clone(page);
        let before = copy.len();
        copy.retain_mut(|h| {
            let found = self.mask_hit(h);
            !matched_only_secrets(words, &found, h)
        });
        let left_out = (before - copy.len()) as u64;
        Some((Arc::new(copy), left_out))
    }

    /// Highlight markers could split a secret from its key, so a fragment is
    /// masked without them; if anything was masked, its markers are dropped.
    pub(super) fn mask_fragment(&self, field: &str, fragment: &mut String, found: &mut Originals) {
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
    pub(super) fn hit_changes(&self, hit: &LogHit) -> bool {
        // The message is most often a field too, and the longest text:
        // found unchanged once, it is not read again.
        let again =
            |k: &str, v: &Value| v.as_str() != Some(&hit.message) || self.names.is_secret(k);
        self.text_changes(&hit.message)
            || hit
                .fields
                .iter()
                .any(|(k, v)| again(k, v) && self.value_changes(k, v))
            || hit.highlight.iter().any(|(k, frags)| {
                !frags.is_empty() && self.names.is_secret(k)
                    || frags.iter().any(|f| self.text_changes(&unmarked(f)))
            })
    }

    /// Whether a text rule would rewrite `text`.
    fn text_changes(&self, text: &str) -> bool {
        matches!(self.mask(text), Cow::Owned(_))
    }

    /// Whether [`Self::mask_value`] would change `v`, held under `key`.
    fn value_changes(&self, key: &str, v: &Value) -> bool {
        if self.names.is_secret(key) {
            return !v.is_null();
        }
        match v {
            Value::String(s) => self.text_changes(s),
            Value::Number(n) => self.text_changes(&n.to_string()),
            Value::Array(items) => items.iter().any(|i| self.value_changes(key, i)),
            Value::Object(map) => map.iter().any(|(k, i)| self.value_changes(k, i)),
            _ => false,
        }
    }

    /// Masks one hit and returns what it masked.
    pub(super) fn mask_hit(&self, hit: &mut LogHit) -> Originals {
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
}

/// A highlight fragment without its markers.
fn unmarked(fragment: &str) -> String {
    fragment
        .chars()
        .filter(|c| *c != '\u{e000}' && *c != '\u{e001}')
        .collect()
}

/// The words of a Lucene query a value could be found by: runs of letters
/// and digits, lower-cased, field names and operators left out.
pub(super) fn search_words(query: &str) -> Vec<String> {
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
