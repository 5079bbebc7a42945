//! Types shared by the browser and the server. They cross the wire as JSON,
//! so they hold plain data only.

mod datasource;
mod query;
pub mod time;
mod user;

pub use datasource::{
    default_timeout_ms, AuthKind, DataSource, DataSourceInput, DataSourceKind, DataSourceSettings,
    TestOutcome,
};
pub use query::{
    Bucket, Cursor, FieldInfo, HitCount, LogHit, Query, QueryAnswer, QueryData, QueryError,
    QueryErrorKind, QueryOutcome, QueryStats, Series, TimeRange, TopValue,
};
pub use user::{CurrentUser, NewUser, Role, UserInfo, UserUpdate};
