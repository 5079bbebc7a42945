//! Types shared by the browser and the server. They cross the wire as JSON,
//! so they hold plain data only.

pub mod annotation;
pub mod audit;
#[cfg(feature = "ssr")]
pub mod by_address;
pub mod dashboard;
mod datasource;
mod query;
pub mod safe_url;
mod saved;
pub mod share;
#[cfg(feature = "ssr")]
pub mod shared_json;
pub mod template;
pub mod time;
pub mod timenav;
pub mod timestamps;
pub mod token;
mod user;

pub use datasource::{
    default_context_fields, default_timeout_ms, AuthKind, DataSource, DataSourceInput,
    DataSourceKind, DataSourceSettings, MetricsLink, TestOutcome,
};
pub use query::{
    Bucket, Cursor, FieldInfo, HitCount, LogHit, Query, QueryAnswer, QueryData, QueryError,
    QueryErrorKind, QueryOutcome, QueryStats, Series, TimeRange, TopValue,
};
pub use saved::{ExploreMode, SavedQuery, SavedQuerySpec};
pub use user::{CurrentUser, NewUser, Role, UserInfo, UserUpdate};
