//! Share links. Editors and admins make, list and revoke them; anyone
//! holding one (with a login unless the link says otherwise) opens the
//! shared view and runs its stored panels (`shared_*`).

mod create;
mod list;
mod options;
mod panel;
mod revoke;
mod view;

pub use create::{create_share, CreateShare};
pub use list::{list_shares, ListShares};
pub use options::{shared_options, SharedOptions};
pub use panel::{shared_panel, SharedPanel};
pub use revoke::{revoke_share, RevokeShare};
pub use view::{shared_view, SharedViewFn};

/// The server functions a share link's holder calls; the auth gate lets
/// them through without a session, and each checks the link itself.
pub const HOLDER_FNS: [&str; 3] = ["shared_view", "shared_panel", "shared_options"];
