//! Which indices a query may search. The index becomes one path segment of
//! the upstream URL, so it is held to a strict grammar first; then a
//! per-query index may only narrow the data source's configured pattern
//! (unless an admin allowed any index on that source), and system or hidden
//! indices (a leading `.` or `_`) are never reachable.

/// Longest index expression accepted.
const MAX_LEN: usize = 1024;

/// Why an index expression was refused, in words the user can act on.
pub type Refusal = String;

/// Checks the grammar: comma-separated parts of letters, digits and
/// `- _ . *`, none starting with `.`, `_` or `+`; a part after the first may
/// be an exclusion (`-name`). Nothing else can reach the URL.
pub fn check(pattern: &str) -> Result<(), Refusal> {
    let bad = |why: &str| Err(format!("{pattern:?} is not an index pattern: {why}"));
    if pattern.is_empty() || pattern.len() > MAX_LEN {
        return bad("use names like logs-* (letters, digits, - _ . *)");
    }
    for (i, part) in pattern.split(',').enumerate() {
        let name = match part.strip_prefix('-') {
            Some(rest) if i > 0 => rest,
            _ => part,
        };
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.*".contains(c))
        {
            return bad("use names like logs-* (letters, digits, - _ . *)");
        }
        if name.starts_with(['.', '_', '-', '+']) {
            return bad("system and hidden indices (starting with . or _) cannot be searched");
        }
    }
    Ok(())
}

/// The index to search: `asked` if it narrows `configured` (or any valid
/// pattern when `allow_any`), else `configured`. The configured pattern's
/// exclusions are kept, so an admin's `-logs-secret` still applies.
pub fn resolve(
    asked: Option<&str>,
    configured: Option<&str>,
    allow_any: bool,
) -> Result<String, Refusal> {
    let configured = configured.map(str::trim).filter(|c| !c.is_empty());
    let asked = asked.map(str::trim).filter(|a| !a.is_empty());
    let Some(asked) = asked else {
        let c = configured.ok_or_else(|| {
            "no index pattern: pick one, or set a default on the data source".to_owned()
        })?;
        check(c)?;
        return Ok(c.to_owned());
    };
    check(asked)?;
    let Some(configured) = configured.filter(|_| !allow_any) else {
        return Ok(asked.to_owned());
    };
    check(configured)?;
    let (allowed, excluded): (Vec<&str>, Vec<&str>) =
        configured.split(',').partition(|p| !p.starts_with('-'));
    for part in asked.split(',').filter(|p| !p.starts_with('-')) {
        if !allowed.iter().any(|a| glob(a, part)) {
            return Err(format!(
                "index {part:?} is outside this data source's pattern {configured:?}: \
                 search within it (e.g. {}), or ask an admin to allow other indices",
                allowed.first().copied().unwrap_or("logs-*")
            ));
        }
    }
    let mut out = asked.to_owned();
    for ex in excluded {
        out.push(',');
        out.push_str(ex);
    }
    Ok(out)
}

/// Whether `text` matches `pattern`, whose `*` matches any run of
/// characters. A `*` in `text` is an ordinary character here, so a pattern
/// that matches a narrower pattern matches everything that one can expand to.
fn glob(pattern: &str, text: &str) -> bool {
    let (p, t) = (pattern.as_bytes(), text.as_bytes());
    let (mut pi, mut ti) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while ti < t.len() {
        if pi < p.len() && p[pi] == b'*' {
            star = Some(pi);
            pi += 1;
            mark = ti;
        } else if pi < p.len() && p[pi] == t[ti] {
            pi += 1;
            ti += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == b'*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grammar_refuses_everything_that_could_change_the_url() {
        for bad in [
            "http:127.0.0.1:9",
            "https:evil",
            "//evil",
            "../x",
            "%2e%2e",
            "a?b",
            "a#b",
            "a@b",
            "a/b",
            "a\\b",
            "_all",
            ".security",
            "logs,.kibana",
            "logs,_x",
            "-logs",
            "logs,",
            "",
            "a b",
            "a\nb",
            "logs:1",
            "+logs",
            "logs\u{0}",
        ] {
            assert!(check(bad).is_err(), "{bad:?} accepted");
        }
        for good in ["logs-*", "logs-2026.11.27", "logs-*,-logs-secret", "a_b*c"] {
            assert!(check(good).is_ok(), "{good:?} refused");
        }
    }

    #[test]
    fn a_query_index_only_narrows_the_configured_one() {
        let r = |a: &str| resolve(Some(a), Some("logs-*,-logs-audit"), false);
        assert_eq!(r("logs-payments").unwrap(), "logs-payments,-logs-audit");
        assert_eq!(r("logs-pay*").unwrap(), "logs-pay*,-logs-audit");
        for wider in ["*", "l*", "metrics-1", "logs-1,other", "*-payments"] {
            assert!(r(wider).is_err(), "{wider:?} accepted");
        }
        assert_eq!(resolve(None, Some("logs-*"), false).unwrap(), "logs-*");
        assert_eq!(
            resolve(Some("other"), Some("logs-*"), true).unwrap(),
            "other"
        );
        assert_eq!(resolve(Some("other"), None, false).unwrap(), "other");
        assert!(resolve(None, None, false).is_err());
        assert!(resolve(Some(".kibana"), Some("*"), false).is_err());
    }

    #[test]
    fn glob_matches_like_elasticsearch_wildcards() {
        assert!(glob("logs-*", "logs-"));
        assert!(glob("*a*b", "xxaxxb"));
        assert!(!glob("*a*b", "xxaxxbc"));
        assert!(glob("a*", "a*"));
        assert!(!glob("a", "a*"));
    }
}
