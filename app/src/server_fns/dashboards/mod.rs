//! Dashboards: list, open, run one panel's stored queries, import a
//! ready-made one.

mod delete;
mod get;
mod import;
mod library;
mod list;
mod run_panel;
mod save;

pub use delete::{delete_dashboard, DeleteDashboard};
pub use get::{get_dashboard, GetDashboard};
pub use import::{import_library, ImportLibrary};
pub use library::{list_library, ListLibrary};
pub use list::{list_dashboards, ListDashboards};
pub use run_panel::{run_panel, RunPanel};
pub use save::{save_dashboard, SaveDashboard};
