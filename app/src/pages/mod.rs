//! One component per route.

mod account;
mod admin_audit;
mod admin_datasources;
mod admin_users;
mod dashboards;
mod explore;
mod login;
mod not_found;
mod shares;
mod tokens;

pub use account::AccountPage;
pub use admin_audit::AdminAuditPage;
pub use admin_datasources::AdminDataSourcesPage;
pub use admin_users::AdminUsersPage;
pub use dashboards::{DashboardListPage, DashboardPage, HistoryPage, SharedPage};
pub use explore::ExplorePage;
pub use login::LoginPage;
pub use not_found::NotFound;
pub use shares::SharesPage;
pub use tokens::TokensPage;
