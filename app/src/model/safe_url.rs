//! Which link targets Lookout stores and renders: http(s) and same-site
//! relative URLs only. `javascript:`, `data:` and other schemes never pass,
//! nor do tricks a browser would still read as one (`java\tscript:`,
//! `//evil.example`, `/\evil.example`).

/// Why `url` is refused, or `Ok` when it is safe to put in an `href`.
pub fn check(url: &str) -> Result<(), String> {
    let u = url.trim();
    if u.is_empty() || u.len() > 2_000 {
        return Err("give a link of 1 to 2000 characters".into());
    }
    // Browsers drop tabs and line breaks inside a scheme, so none may be here.
    if u.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err("a link may not hold spaces, tabs or line breaks".into());
    }
    if u.starts_with("//") || u.starts_with("/\\") || u.starts_with('\\') {
        return Err("a link to another host must start with http:// or https://".into());
    }
    let scheme_end = u.find(':');
    let path_start = u.find(['/', '?', '#']).unwrap_or(u.len());
    match scheme_end {
        // `a/b:c` or `?q=x:y`: the colon is in the path, so it is relative.
        Some(i) if i < path_start => {
            let scheme = u[..i].to_ascii_lowercase();
            let rest = &u[i + 1..];
            if (scheme == "http" || scheme == "https") && rest.starts_with("//") {
                Ok(())
            } else {
                Err(format!(
                    "only http(s) and relative links are allowed, not {scheme:?}"
                ))
            }
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn only_http_and_relative_links_pass() {
        for ok in [
            "https://grafana.example/d/x?from=now-1h",
            "HTTP://example.com",
            "/d/host-metrics?var-instance=a:b",
            "d/host",
            "?from=now-6h",
            "#panel-cpu",
            "explore?q=level:error",
        ] {
            assert_eq!(check(ok), Ok(()), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:x",
            "//evil.example/x",
            "/\\evil.example",
            "\\\\evil.example",
            "https:evil.example",
            "",
        ] {
            assert!(check(bad).is_err(), "{bad:?} passed");
        }
    }
}
