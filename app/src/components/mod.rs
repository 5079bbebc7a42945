//! Components shared by pages.

mod auto_refresh;
pub mod chart;
mod clock;
mod error_box;
mod highlight;
mod hydration;
mod layout;
pub mod log_context;
mod log_table;
pub mod panel;
pub mod promql;
pub mod recent;
mod revoke_button;
pub mod save_file;
mod share_form;
mod time_range;
mod time_state;
pub mod url;
mod visible;
mod zone;

pub use auto_refresh::use_auto_refresh;
pub use clock::{view_now, KeptNow, RenderedAt, RENDERED_AT_META};
pub use error_box::{ErrorBox, FormResult};
pub use highlight::Highlighted;
#[cfg(feature = "hydrate")]
pub use hydration::mark_hydrated;
pub use hydration::use_hydrated;
pub use layout::{use_current_user, Layout};
pub use log_table::{field_text, ExpandedHits, LogTable, RowActions};
pub use revoke_button::RevokeButton;
pub use share_form::ShareForm;
pub use time_range::{TimeChange, TimeRange, REFRESH};
pub use time_state::{TimeExprs, TimeState};
pub use visible::{watch_visible, InView};
pub use zone::{provide_zone, use_zone, Zone};
