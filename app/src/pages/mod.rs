//! One component per route.

mod account;
mod admin_datasources;
mod admin_users;
mod explore;
mod home;
mod login;
mod not_found;

pub use account::AccountPage;
pub use admin_datasources::AdminDataSourcesPage;
pub use admin_users::AdminUsersPage;
pub use explore::ExplorePage;
pub use home::HomePage;
pub use login::LoginPage;
pub use not_found::NotFound;
