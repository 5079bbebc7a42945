//! API tokens: list, create (shown once), revoke. Editors and admins, from
//! a browser session.

mod create;
mod list;
mod revoke;

pub use create::{create_token, CreateToken};
pub use list::{list_tokens, ListTokens};
pub use revoke::{revoke_token, RevokeToken};
