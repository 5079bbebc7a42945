mod run;

pub use run::{run_queries, RunQueries};
