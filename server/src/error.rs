//! Errors inside the server's services. User-facing failures are already an
//! `AppError`; everything else is logged here with a reference and reaches
//! the caller only as that reference.

use app::error::AppError;

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error(transparent)]
    App(#[from] AppError),
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

impl From<ServiceError> for AppError {
    fn from(e: ServiceError) -> Self {
        match e {
            ServiceError::App(app) => app,
            ServiceError::Db(db) if crate::storage::is_read_only(&db) => {
                tracing::warn!(error = %db, "a write failed: the database is read-only or locked");
                AppError::Unavailable(
                    "Lookout cannot save right now: its database is read-only or locked. \
                     Nothing was changed; try again later, or ask an admin to check the database."
                        .into(),
                )
            }
            other => {
                let reference = format!("ref {:08x}", rand::random::<u32>());
                tracing::error!(error = %other, reference, "request failed");
                AppError::Internal(reference)
            }
        }
    }
}

pub type ServiceResult<T> = Result<T, ServiceError>;
