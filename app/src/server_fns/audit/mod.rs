//! The audit log, for admins.

mod list;

pub use list::{list_audit, ListAudit};
