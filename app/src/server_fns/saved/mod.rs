mod delete;
mod list;
mod save;

pub use delete::{delete_saved_query, DeleteSavedQuery};
pub use list::{list_saved_queries, ListSavedQueries};
pub use save::{save_query, SaveQuery};
