//! The session cookie: a random token the browser holds; the database holds
//! only its SHA-256.

use axum::http::{header, HeaderMap};
use sha2::{Digest, Sha256};

pub const NAME: &str = "lookout_session";

/// 32 random bytes, hex-encoded.
pub fn new_token() -> String {
    hex::encode(rand::random::<[u8; 32]>())
}

/// Whether `token` is `prefix` and then 64 lower-case hex digits: the
/// shape of every token `new_token` makes (API tokens, share links).
pub fn has_shape(token: &str, prefix: &str) -> bool {
    token
        .strip_prefix(prefix)
        .is_some_and(|h| h.len() == 64 && h.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
}

pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// `HttpOnly; SameSite=Lax`, and `Secure` when the request came over https.
pub fn set(token: &str, max_age_secs: u64, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{NAME}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure}")
}

pub fn clear(secure: bool) -> String {
    set("", 0, secure)
}

/// The session token from the request's `Cookie` headers, if well-formed.
pub fn token_from(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == NAME)
        .map(|(_, v)| v.to_string())
        .filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Whether the client reached us over https, directly or through a proxy.
pub fn is_https(headers: &HeaderMap) -> bool {
    headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_flags() {
        let c = set("abc", 60, false);
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax") && !c.contains("Secure"));
        assert!(set("abc", 60, true).ends_with("; Secure"));
        assert!(clear(false).contains("Max-Age=0"));
    }

    #[test]
    fn reads_only_well_formed_tokens() {
        let token = new_token();
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            format!("a=b; {NAME}={token}").parse().unwrap(),
        );
        assert_eq!(token_from(&h), Some(token));
        h.insert(header::COOKIE, format!("{NAME}=short").parse().unwrap());
        assert_eq!(token_from(&h), None);
    }
}
