use leptos::prelude::*;

use crate::error::AppError;

/// Checks the password, starts a session cookie and redirects to `next`.
#[server(prefix = "/api/fn", endpoint = "login")]
pub async fn login(
    username: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    use crate::services::{seam, send_cookie};
    let (services, ctx) = seam()?;
    if username.trim().is_empty() || password.is_empty() {
        return Err(AppError::invalid("Enter both a username and a password."));
    }
    let cookie = services
        .login(username.trim(), &password, ctx.secure)
        .await?;
    send_cookie(cookie);
    leptos_axum::redirect(&safe_next(next.as_deref()));
    Ok(())
}

/// Only same-site paths are followed after login, so a crafted link cannot
/// bounce a user to another site: one leading `/`, then only visible ASCII
/// (browsers drop tabs and line breaks, so `/\t/evil` would become
/// `//evil`; a line break would also split the `Location` header), no
/// backslash (read as `/`). Anything else is `/`.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(p)
            if p.starts_with('/')
                && !p[1..].starts_with(['/', '\\'])
                && p.bytes().all(|b| (0x21..=0x7e).contains(&b) && b != b'\\')
                && !p.starts_with("/login") =>
        {
            p.to_string()
        }
        _ => "/".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(safe_next(Some("/admin/users")), "/admin/users");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(Some("/login")), "/");
        assert_eq!(safe_next(None), "/");
        assert_eq!(safe_next(Some("/explore?q=a%20b#x")), "/explore?q=a%20b#x");
        for evil in [
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\nX: y",
            "/\u{b}/evil",
            "/ /evil",
            "\\\\evil",
            "/%09/ok-but-space /",
            "/\u{7f}",
            "/é",
            "",
            "evil.example",
            "javascript:alert(1)",
            "/\\/evil",
            "/a\\b",
        ] {
            assert_eq!(safe_next(Some(evil)), "/", "{evil:?} followed");
        }
    }

    proptest::proptest! {
        /// Whatever `next` is, the redirect stays on this site and is a valid header.
        #[test]
        fn any_next_stays_on_site(next in "\\PC{0,30}|/[\t\r\n /\\\\a-z%.:]{0,12}") {
            let to = safe_next(Some(&next));
            proptest::prop_assert!(to.starts_with('/'));
            proptest::prop_assert!(!to.starts_with("//"));
            proptest::prop_assert!(to.bytes().all(|b| (0x21..0x7f).contains(&b) && b != b'\\'));
        }
    }
}
