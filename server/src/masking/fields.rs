//! Masking by structure: a field whose name says it holds a secret has its
//! whole value masked, whatever its type. Names are split into words
//! (`db_password`, `x-api-key`, `privateKey`, `http.headers.Authorization`)
//! and compared word by word, so `tokens_used` is not a secret but
//! `github_token` is.

/// The default secret field names, as word sequences.
pub const DEFAULT_NAMES: &[&str] = &[
    "password",
    "passwd",
    "pwd",
    "passphrase",
    "secret",
    "token",
    "api_key",
    "apikey",
    "authorization",
    "cookie",
    "set_cookie",
    "private_key",
    "credential",
    "credentials",
    "access_key",
    "session_key",
    "client_secret",
];

/// Secret field names: the defaults plus configured ones.
pub struct SecretNames {
    names: Vec<Vec<String>>,
    /// Any name's first word, in any case: a field without one holds no
    /// secret name, which is most fields, told without splitting them.
    /// `None` only if very many names outgrow the regex size limit.
    first_words: Option<regex::Regex>,
}

impl SecretNames {
    pub fn new(extra: &[String]) -> Self {
        let names = DEFAULT_NAMES
            .iter()
            .map(|n| n.to_string())
            .chain(extra.iter().cloned())
            .map(|n| words(&n))
            .filter(|w: &Vec<String>| !w.is_empty())
            .collect::<Vec<_>>();
        let alternatives: Vec<String> = names.iter().map(|n| regex::escape(&n[0])).collect();
        let first_words = regex::Regex::new(&format!("(?i){}", alternatives.join("|"))).ok();
        Self { names, first_words }
    }

    /// Field-name wildcard patterns that cover every secret name as the
    /// upstream spells field names (case-sensitive): `*db_password*`-style
    /// patterns in snake, kebab, joined, camel, Pascal and upper case. They
    /// over-cover (`*token*` also matches `tokens_used`), which only ever
    /// hides more from a search, never less.
    pub fn field_patterns(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for words in &self.names {
            let cap = |w: &String| {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect::<String>())
                    .unwrap_or_default()
            };
            let camel: String = words
                .iter()
                .enumerate()
                .map(|(i, w)| if i == 0 { w.clone() } else { cap(w) })
                .collect();
            let pascal: String = words.iter().map(cap).collect();
            for form in [
                words.join("_"),
                words.join("-"),
                words.concat(),
                camel,
                pascal,
                words.join("_").to_uppercase(),
                words.join("-").to_uppercase(),
            ] {
                let pattern = format!("*{form}*");
                if !out.contains(&pattern) {
                    out.push(pattern);
                }
            }
        }
        out
    }

    /// Whether any dotted part of `field` names a secret.
    pub fn is_secret(&self, field: &str) -> bool {
        // Most names hold no secret name's first word at all: say so
        // without splitting them into words (asked for every field of every
        // hit). ASCII only: a non-ASCII letter can lower-case to ASCII.
        if field.is_ascii()
            && self
                .first_words
                .as_ref()
                .is_some_and(|r| !r.is_match(field))
        {
            return false;
        }
        let w = words(field);
        self.names
            .iter()
            .any(|n| w.windows(n.len()).any(|win| win == n.as_slice()))
    }
}

/// Lower-case words of a field name: split at `.`, `_`, `-`, spaces and
/// lower→upper case changes.
fn words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The field names a Lucene query names explicitly (`field:value`,
/// `field:(a b)`, `_exists_:field`), unescaped. Quoted phrases and escaped
/// characters are skipped like Lucene does.
pub fn lucene_fields(query: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = query.chars().peekable();
    let mut after_exists = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            }
            '"' => {
                // A phrase: skip to its closing quote.
                while let Some(n) = chars.next() {
                    match n {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ => {}
                    }
                }
                cur.clear();
            }
            ':' if !cur.is_empty() => {
                let name = std::mem::take(&mut cur);
                after_exists = name == "_exists_";
                if !after_exists {
                    out.push(name);
                }
            }
            c if c.is_whitespace() || "()[]{}^~+!&|<>=/".contains(c) => {
                if after_exists && !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                after_exists = false;
                cur.clear();
            }
            c => cur.push(c),
        }
    }
    if after_exists && !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The query's terms and phrases that name no field (`error`, `"a b"`,
/// `hunt*`), as Lucene text: what a search matches in every field. Values
/// after `field:` (a term, a phrase, a group or a range) are skipped, and so
/// are the operators.
pub fn free_terms(query: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = query.chars().collect();
    let mut i = 0;
    let mut fielded = false;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() || "()+!-".contains(c) && !fielded {
            i += 1;
            continue;
        }
        let start = i;
        let (mut depth, mut quoted) = (0i32, false);
        while i < chars.len() {
            let c = chars[i];
            match c {
                '\\' => i += 1,
                '"' => quoted = !quoted,
                '(' | '[' | '{' if !quoted => depth += 1,
                ')' | ']' | '}' if !quoted && depth > 0 => depth -= 1,
                ')' if !quoted => break,
                ':' if !quoted && depth == 0 && !fielded => {
                    // A field name ends here; its value follows.
                    fielded = true;
                    i += 1;
                    break;
                }
                c if c.is_whitespace() && !quoted && depth == 0 => break,
                _ => {}
            }
            i += 1;
        }
        let token: String = chars[start..i.min(chars.len())].iter().collect();
        if token.ends_with(':') && fielded {
            continue; // the value comes next
        }
        if fielded {
            fielded = false;
        } else if !matches!(token.as_str(), "AND" | "OR" | "NOT" | "&&" | "||" | "") {
            out.push(token);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_compared_word_by_word() {
        let s = SecretNames::new(&["ssn".into()]);
        for secret in [
            "password",
            "db_password",
            "http.headers.Authorization",
            "x-api-key",
            "apiKey",
            "privateKey",
            "PRIVATE_KEY",
            "github_token",
            "Set-Cookie",
            "aws.credentials",
            "user.ssn",
            "clientSecret",
            "pwd",
            "X-Api-Key",
            "AUTHORIZATION",
            // Not ASCII: the Kelvin sign lower-cases to `k`.
            "api_\u{212A}ey",
        ] {
            assert!(s.is_secret(secret), "{secret} not secret");
        }
        for plain in [
            "tokens_used",
            "service",
            "message",
            "host",
            "keyboard",
            "passwords_reset_count2",
        ] {
            assert!(!s.is_secret(plain), "{plain} secret");
        }
    }

    #[test]
    fn free_terms_skip_fielded_values() {
        assert_eq!(free_terms("seq:97"), Vec::<String>::new());
        assert_eq!(free_terms("hunter2"), ["hunter2"]);
        assert_eq!(
            free_terms(r#"service:auth AND hunt* OR "a b" NOT level:(x y) -z"#),
            ["hunt*", "\"a b\"", "z"]
        );
        assert_eq!(free_terms("status:[400 TO 499] error"), ["error"]);
        assert_eq!(free_terms(r"a\:b c"), [r"a\:b", "c"]);
    }

    #[test]
    fn finds_the_fields_a_query_names() {
        assert_eq!(lucene_fields("password:hunter2"), ["password"]);
        assert_eq!(
            lucene_fields(r#"service:payments AND "a:b" OR user.api_key:(x y)"#),
            ["service", "user.api_key"]
        );
        assert_eq!(lucene_fields(r"pass\word:x"), ["password"]);
        assert_eq!(lucene_fields("_exists_:token"), ["token"]);
        assert_eq!(lucene_fields("pass*:x"), ["pass*"]);
        assert_eq!(lucene_fields("error 1234567"), Vec::<String>::new());
        assert_eq!(lucene_fields("(password:x)"), ["password"]);
    }
}
