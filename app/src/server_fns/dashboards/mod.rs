//! Dashboards: list, open, run one panel's stored queries, import a
//! ready-made one.

mod delete;
mod diff;
mod get;
mod import;
mod library;
mod list;
mod markdown;
mod restore;
mod run_panel;
mod save;
mod star;
mod variable_options;
mod versions;

pub use delete::{delete_dashboard, DeleteDashboard};
pub use diff::{diff_dashboard, DiffDashboard};
pub use get::{get_dashboard, GetDashboard};
pub use import::{import_library, ImportLibrary};
pub use library::{list_library, ListLibrary};
pub use list::{list_dashboards, ListDashboards};
pub use markdown::{render_markdown, RenderMarkdown};
pub use restore::{restore_dashboard, RestoreDashboard};
pub use run_panel::{run_panel, RunPanel};
pub use save::{save_dashboard, SaveDashboard};
pub use star::{star_dashboard, StarDashboard};
pub use variable_options::{variable_options, VariableOptions};
pub use versions::{dashboard_versions, DashboardVersions};
