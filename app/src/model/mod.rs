//! Types shared by the browser and the server. They cross the wire as JSON,
//! so they hold plain data only.

mod user;

pub use user::{CurrentUser, NewUser, Role, UserInfo, UserUpdate};
