mod delete;
mod list;
mod save;
mod test;

pub use delete::{delete_datasource, DeleteDatasource};
pub use list::{list_datasources, ListDatasources};
pub use save::{save_datasource, SaveDatasource, Saved};
pub use test::{test_datasource, TestDatasource};
