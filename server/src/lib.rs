//! Lookout's server: configuration, storage, auth, the REST API and the
//! router that also serves the Leptos app and its server functions.
//! `Application::build` is what `main` and the black-box tests both start.

pub mod annotations;
pub mod api;
pub mod audit;
pub mod auth;
pub mod cli;
pub mod config;
pub mod dashboards;
pub mod datasources;
pub mod error;
pub mod masking;
pub mod memory;
pub mod precompress;
pub mod query;
pub mod render;
pub mod saved;
pub mod seam;
pub mod secrets;
pub mod shares;
pub mod startup;
pub mod state;
pub mod storage;
pub mod telemetry;
pub mod web;

/// Unix seconds now. Stored times are Unix seconds throughout.
pub fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}
