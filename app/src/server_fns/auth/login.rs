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
/// bounce a user to another site.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(p)
            if p.starts_with('/')
                && !p.starts_with("//")
                && !p.contains('\\')
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
    }
}
