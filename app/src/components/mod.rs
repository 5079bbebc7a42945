//! Components shared by pages.

mod error_box;
mod hydration;
mod layout;

pub use error_box::{ErrorBox, FormResult};
pub use hydration::mark_hydrated;
pub use layout::{use_current_user, Layout};
