//! Components shared by pages.

mod error_box;
mod highlight;
mod hydration;
mod layout;
mod log_table;
mod time_range;

pub use error_box::{ErrorBox, FormResult};
pub use highlight::Highlighted;
pub use hydration::mark_hydrated;
pub use layout::{use_current_user, Layout};
pub use log_table::LogTable;
pub use time_range::TimeRange;
