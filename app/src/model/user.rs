use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What a user may do. Ordered: every role can do what the roles below it can.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Looks at dashboards and runs queries; changes nothing.
    Viewer,
    /// Also creates and edits dashboards and saved queries.
    Editor,
    /// Also manages users and data sources.
    Admin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Admin, Role::Editor, Role::Viewer];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Editor => "editor",
            Role::Admin => "admin",
        }
    }

    /// True when this role includes everything `needed` may do.
    pub fn allows(self, needed: Role) -> bool {
        self >= needed
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "viewer" => Ok(Role::Viewer),
            "editor" => Ok(Role::Editor),
            "admin" => Ok(Role::Admin),
            other => Err(format!(
                "unknown role {other:?}: use admin, editor or viewer"
            )),
        }
    }
}

/// The logged-in user of the current request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CurrentUser {
    pub id: i64,
    pub username: String,
    pub role: Role,
}

impl CurrentUser {
    /// `Ok` if this user's role includes `needed`; the one role check every
    /// service and server function uses.
    pub fn require(&self, needed: Role) -> Result<(), crate::error::AppError> {
        if self.role.allows(needed) {
            Ok(())
        } else {
            Err(crate::error::AppError::forbidden_role(needed))
        }
    }
}

/// A user as the admin page lists it. Never carries the password hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct UserInfo {
    pub id: i64,
    pub username: String,
    pub role: Role,
    pub disabled: bool,
    /// Unix seconds.
    pub created_at: i64,
}

/// What an admin fills in to create a user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct NewUser {
    pub username: String,
    pub password: String,
    pub role: Role,
}

/// A partial change to a user; absent fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct UserUpdate {
    pub role: Option<Role>,
    pub disabled: Option<bool>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_ordered_by_power() {
        assert!(Role::Admin.allows(Role::Editor));
        assert!(Role::Editor.allows(Role::Viewer));
        assert!(!Role::Viewer.allows(Role::Editor));
        assert!(!Role::Editor.allows(Role::Admin));
    }

    #[test]
    fn role_parsing_names_the_choices() {
        assert_eq!("Admin".parse::<Role>(), Ok(Role::Admin));
        let err = "root".parse::<Role>().unwrap_err();
        assert!(err.contains("admin, editor or viewer"), "{err}");
    }
}
