//! The built-in text rules: credential formats as secret scanners (gitleaks,
//! detect-secrets) know them. A rule with a group named `secret` masks only
//! that group, so the key stays readable (`password=••••`); a rule with a
//! `check` masks a match only if the check agrees, which keeps look-alikes
//! ("basic information") readable.

use base64::Engine;
use regex::Regex;

/// One rule: a pattern and an optional check of the matched secret.
#[derive(Clone)]
pub struct Rule {
    pub regex: Regex,
    pub check: Option<fn(&str) -> bool>,
}

/// A check that a matched secret is real (not a look-alike).
type Check = Option<fn(&str) -> bool>;

/// The built-in patterns, each with its optional check.
const DEFAULTS: &[(&str, Check)] = &[
    // PEM private keys, whole block (or to the end if the block is cut).
    (
        r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]*?-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|[\s\S]*)",
        None,
    ),
    // `Authorization: Bearer …`, `Bearer …`.
    (r"(?i)\bbearer\s+(?P<secret>[A-Za-z0-9\-._~+/]+=*)", None),
    // `Authorization: Basic <base64 of user:pass>`.
    (
        r"(?i)\bbasic\s+(?P<secret>[A-Za-z0-9+/]{6,}={0,2})",
        Some(is_basic_credentials),
    ),
    // Credentials in URLs: `scheme://user:pass@host` (the password) …
    (
        r"(?i)\b[a-z][a-z0-9+.\-]*://[^\s:/?#@]*:(?P<secret>[^\s/?#@]+)@",
        None,
    ),
    // … and `scheme://token@host` (a long user part is a token).
    (
        r"(?i)\b[a-z][a-z0-9+.\-]*://(?P<secret>[^\s:/?#@]{16,})@",
        None,
    ),
    // Passwords in `k=v`, `k: v` and JSON form, whatever the key's prefix.
    (
        r#"(?i)[a-z0-9_.\-]*(?:password|passwd|pwd|passphrase)["']?\s*[=:]\s*["']?(?P<secret>[^\s"'&;,]+)"#,
        None,
    ),
    // Keys and tokens in `k=v`, `k: v` and JSON form.
    (
        r#"(?i)[a-z0-9_.\-]*(?:secret|token|api[_\-]?key|apikey|access[_\-]?key|private[_\-]?key|credentials?)["']?\s*[=:]\s*["']?(?P<secret>[A-Za-z0-9\-_.+/=]{8,})"#,
        None,
    ),
    // Provider tokens with fixed prefixes.
    (r"\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b", None), // AWS access key ids
    (r"\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}", None), // GitHub
    (r"\bgithub_pat_[A-Za-z0-9_]{22,}", None),
    (r"\bglpat-[A-Za-z0-9\-_]{20,}", None),      // GitLab
    (r"\bxox[abposr]-[A-Za-z0-9\-]{10,}", None), // Slack tokens
    (r"https://hooks\.slack\.com/services/[A-Za-z0-9/_\-]+", None),
    (r"\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{10,}", None), // Stripe
    (r"\bAIza[0-9A-Za-z\-_]{35}", None),                      // Google API keys
    (r"\bnpm_[A-Za-z0-9]{36}", None),                         // npm
    (r"\bsk-(?:proj-|ant-)?[A-Za-z0-9_\-]{20,}", None),       // OpenAI, Anthropic
    (r"\bSG\.[A-Za-z0-9_\-]{16,}\.[A-Za-z0-9_\-]{16,}", None), // SendGrid
    // Bare JWTs: header and payload are base64url JSON objects.
    (
        r"\beyJ[A-Za-z0-9_\-]{4,}\.eyJ[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]*",
        None,
    ),
    // Card-like numbers: 13–19 digits (spaced or not) that could be a
    // payment card and pass Luhn.
    (r"\b\d(?:[ \-]?\d){12,18}\b", Some(is_card)),
];

/// The built-in rules, compiled.
pub fn defaults() -> Vec<Rule> {
    DEFAULTS
        .iter()
        .map(|(re, check)| Rule {
            regex: Regex::new(re).expect("built-in rules compile (unit-tested)"),
            check: *check,
        })
        .collect()
}

/// `user:pass` once base64-decoded: a real Basic credential.
fn is_basic_credentials(b64: &str) -> bool {
    base64::engine::general_purpose::STANDARD
        .decode(b64)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .is_some_and(|s| s.contains(':'))
}

/// A payment card number: its first digit names a bank or payment industry
/// (2–6; 13 digits only for the old Visa, which starts with 4) and it passes
/// the Luhn checksum every card number passes. Without the first-digit rule
/// a tenth of all epoch-millisecond timestamps (13 digits, starting with 1
/// until 2033) passed for cards, and viewers saw `@timestamp: ••••`.
fn is_card(text: &str) -> bool {
    let digits: Vec<u32> = text.chars().filter_map(|c| c.to_digit(10)).collect();
    let first = digits.first().copied().unwrap_or(0);
    let issuer = match digits.len() {
        13 => first == 4,
        14..=19 => (2..=6).contains(&first),
        _ => false,
    };
    if !issuer {
        return false;
    }
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| match (i % 2 == 1, d * 2) {
            (true, dd) if dd > 9 => dd - 9,
            (true, dd) => dd,
            (false, _) => d,
        })
        .sum();
    sum.is_multiple_of(10)
}
