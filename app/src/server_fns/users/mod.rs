mod create;
mod list;
mod reset_password;
mod update;

pub use create::CreateUser;
pub use list::{list_users, ListUsers};
pub use reset_password::ResetPassword;
pub use update::UpdateUser;
