//! What a data-source save must satisfy (each rule with a message that says
//! how to fix it), the columns it writes, and how a stored row reads back.

use app::error::AppError;
use app::model::{AuthKind, DataSource, DataSourceInput, DataSourceSettings};

use super::http::Limits;
use crate::error::ServiceResult;
use crate::now_secs;
use crate::storage::datasources::{DataSourceRow, Fields};

pub(super) fn name_taken(name: &str) -> AppError {
    AppError::Conflict(format!(
        "A data source named {name:?} exists: choose another name."
    ))
}

pub(super) fn not_found(id: i64) -> AppError {
    AppError::NotFound(format!(
        "There is no data source with id {id}. Reload the list."
    ))
}

pub(super) fn decode(row: &DataSourceRow) -> ServiceResult<DataSource> {
    let settings: DataSourceSettings = serde_json::from_str(&row.settings)
        .map_err(|e| anyhow::anyhow!("stored settings of data source {}: {e}", row.id))?;
    Ok(DataSource {
        id: row.id,
        settings,
        has_secret: row.secret.is_some(),
        version: row.version,
    })
}

pub(super) fn validate(input: &DataSourceInput, has_stored_secret: bool) -> Result<(), AppError> {
    let s = &input.settings;
    if s.name.trim().is_empty() || s.name.chars().count() > 100 {
        return Err(AppError::invalid(
            "Name is empty or longer than 100 characters: enter a short name.",
        ));
    }
    super::http::HttpClient::new(s, None, Limits::default())
        .map_err(|e| AppError::Invalid(e.to_string()))?;
    if let Some(pattern) = s.index_pattern.as_deref().filter(|p| !p.trim().is_empty()) {
        super::elasticsearch::index::check(pattern.trim())
            .map_err(|why| AppError::Invalid(format!("Default index pattern: {why}.")))?;
    }
    if s.max_response_mb
        .is_some_and(|mb| !(1..=16_384).contains(&mb))
    {
        return Err(AppError::invalid(
            "Largest answer must be between 1 and 16384 MiB, or empty for the server default.",
        ));
    }
    if !(100..=300_000).contains(&s.timeout_ms) {
        return Err(AppError::invalid(
            "Timeout must be between 100 ms and 300000 ms (5 minutes).",
        ));
    }
    let secret_after = match &input.secret {
        Some(s) => !s.is_empty(),
        None => has_stored_secret,
    };
    if s.auth != AuthKind::None && !secret_after {
        return Err(AppError::invalid(
            "This auth method needs a secret (password, token or API key): enter it.",
        ));
    }
    if s.auth == AuthKind::Basic && s.basic_username.as_deref().unwrap_or("").is_empty() {
        return Err(AppError::invalid("Basic auth needs a username: enter it."));
    }
    Ok(())
}

/// The columns a save writes.
pub(super) fn fields<'a>(s: &'a DataSourceSettings, json: &'a str) -> Fields<'a> {
    Fields {
        name: s.name.trim(),
        kind: s.kind.as_str(),
        settings: json,
        now: now_secs(),
    }
}
