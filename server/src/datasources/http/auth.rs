//! The data source's credentials as the header sent with every request, and
//! the digest of it that keys the answer cache.

use app::model::{AuthKind, DataSourceSettings};
use base64::Engine;
use reqwest::header::HeaderValue;

use super::UpstreamError;
use crate::secrets::Secret;

/// A short digest of the auth header, never the header itself.
pub(super) fn digest(auth: Option<&HeaderValue>) -> String {
    use sha2::Digest;
    auth.map_or_else(String::new, |a| {
        hex::encode(&sha2::Sha256::digest(a.as_bytes())[..8])
    })
}

pub(super) fn auth_header(
    settings: &DataSourceSettings,
    secret: Option<&Secret>,
) -> Result<Option<HeaderValue>, UpstreamError> {
    let secret = secret.map(Secret::expose).unwrap_or_default();
    let value = match settings.auth {
        AuthKind::None => return Ok(None),
        AuthKind::Basic => {
            let user = settings.basic_username.as_deref().unwrap_or_default();
            format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(format!("{user}:{secret}"))
            )
        }
        AuthKind::Bearer => format!("Bearer {secret}"),
        AuthKind::ApiKey => format!("ApiKey {secret}"),
    };
    let mut header = HeaderValue::from_str(&value).map_err(|_| {
        UpstreamError::Config("the secret has characters not allowed in an HTTP header".into())
    })?;
    header.set_sensitive(true);
    Ok(Some(header))
}
