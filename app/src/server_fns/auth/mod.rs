mod change_password;
mod login;
mod logout;
mod me;

pub use change_password::ChangePassword;
pub use login::{safe_next, Login};
pub use logout::Logout;
pub use me::{me, Me};
