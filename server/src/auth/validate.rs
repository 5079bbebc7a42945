//! Input rules for usernames and passwords, with messages that say the rule.

use app::error::AppError;

pub const USERNAME_MAX: usize = 64;
pub const PASSWORD_MIN: usize = 8;
/// argon2 hashes any length, but a megabyte password is a denial of service.
pub const PASSWORD_MAX: usize = 1024;

pub fn username(name: &str) -> Result<&str, AppError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::invalid("Username is empty: enter a username."));
    }
    if name.chars().count() > USERNAME_MAX {
        return Err(AppError::invalid(format!(
            "Username is too long: use at most {USERNAME_MAX} characters."
        )));
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "._-@".contains(c))
    {
        return Err(AppError::invalid(
            "Username has characters that are not allowed: use letters, digits, '.', '_', '-' or '@'.",
        ));
    }
    Ok(name)
}

pub fn new_password(password: &str) -> Result<(), AppError> {
    let n = password.chars().count();
    if n < PASSWORD_MIN {
        return Err(AppError::invalid(format!(
            "Password is too short: use at least {PASSWORD_MIN} characters."
        )));
    }
    if password.len() > PASSWORD_MAX {
        return Err(AppError::invalid(format!(
            "Password is too long: use at most {PASSWORD_MAX} bytes."
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames() {
        assert_eq!(username("  alice "), Ok("alice"));
        assert!(username("").unwrap_err().to_string().contains("empty"));
        assert!(username(&"a".repeat(65))
            .unwrap_err()
            .to_string()
            .contains("at most 64"));
        assert!(username("a b").is_err());
        assert!(username("<script>").is_err());
    }

    #[test]
    fn passwords() {
        assert!(new_password("short")
            .unwrap_err()
            .to_string()
            .contains("at least 8"));
        assert!(new_password(&"x".repeat(2000))
            .unwrap_err()
            .to_string()
            .contains("too long"));
        assert!(new_password("long enough").is_ok());
    }
}
