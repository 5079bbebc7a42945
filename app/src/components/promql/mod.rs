//! The PromQL input with autocomplete, shared by Explore's metrics bar and
//! the dashboard panel editor.

mod complete;
mod input;

pub use input::PromInput;
