//! Secrets at rest: data-source passwords, tokens and API keys are sealed
//! with XChaCha20-Poly1305 under one server key. The key comes from config
//! (`LOOKOUT_SECRET_KEY`, 64 hex characters) or is generated on first start
//! and kept beside the database, readable by the owner only.

use std::fmt;
use std::path::Path;

use anyhow::{bail, Context};
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};

/// A secret in memory. Its `Debug` never shows the value, so it cannot leak
/// through a log line by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: String) -> Self {
        Secret(value)
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(••••)")
    }
}

#[derive(Clone)]
pub struct SecretBox {
    cipher: XChaCha20Poly1305,
}

impl SecretBox {
    /// Uses the configured key, or the key file beside the database
    /// (creating it on first start).
    pub fn load(configured_hex: Option<&str>, key_file: &Path) -> anyhow::Result<Self> {
        let key = match configured_hex {
            Some(hex_key) => decode_key(hex_key).context("LOOKOUT_SECRET_KEY")?,
            None if key_file.exists() => {
                let text = std::fs::read_to_string(key_file)
                    .with_context(|| format!("reading {}", key_file.display()))?;
                decode_key(text.trim())
                    .with_context(|| format!("key file {}", key_file.display()))?
            }
            None => {
                let key: [u8; 32] = rand::random();
                write_private(key_file, &hex::encode(key))?;
                tracing::info!(path = %key_file.display(), "generated the key that encrypts data-source secrets; back it up with the database");
                key
            }
        };
        Ok(SecretBox {
            cipher: XChaCha20Poly1305::new(&key.into()),
        })
    }

    pub fn seal(&self, secret: &Secret) -> Vec<u8> {
        let nonce: [u8; 24] = rand::random();
        let mut out = nonce.to_vec();
        let sealed = self
            .cipher
            .encrypt(XNonce::from_slice(&nonce), secret.expose().as_bytes())
            .expect("XChaCha20 encrypts any length");
        out.extend(sealed);
        out
    }

    pub fn open(&self, sealed: &[u8]) -> anyhow::Result<Secret> {
        if sealed.len() < 24 {
            bail!("stored secret is truncated");
        }
        let (nonce, body) = sealed.split_at(24);
        let plain = self
            .cipher
            .decrypt(XNonce::from_slice(nonce), body)
            .map_err(|_| {
                anyhow::anyhow!("stored secret does not decrypt: was the secret key changed?")
            })?;
        Ok(Secret(
            String::from_utf8(plain).context("stored secret is not UTF-8")?,
        ))
    }
}

fn decode_key(hex_key: &str) -> anyhow::Result<[u8; 32]> {
    let bytes = hex::decode(hex_key).context("the key must be 64 hex characters")?;
    bytes
        .try_into()
        .map_err(|_| anyhow::anyhow!("the key must be 32 bytes (64 hex characters)"))
}

fn write_private(path: &Path, contents: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    let mut f = opts
        .open(path)
        .with_context(|| format!("creating {}", path.display()))?;
    f.write_all(contents.as_bytes())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seals_and_opens_and_never_debug_prints() {
        let dir = tempfile::tempdir().unwrap();
        let key = dir.path().join("secret.key");
        let b = SecretBox::load(None, &key).unwrap();
        let s = Secret::new("hunter2-token".into());
        let sealed = b.seal(&s);
        assert!(!sealed.windows(7).any(|w| w == b"hunter2"));
        assert_eq!(
            SecretBox::load(None, &key).unwrap().open(&sealed).unwrap(),
            s,
            "the kept key opens it after a restart"
        );
        assert_eq!(format!("{s:?}"), "Secret(••••)");
        let other = SecretBox::load(Some(&"11".repeat(32)), &key).unwrap();
        assert!(other
            .open(&sealed)
            .unwrap_err()
            .to_string()
            .contains("secret key changed"));
    }
}
