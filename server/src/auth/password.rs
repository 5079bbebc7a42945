//! argon2id password hashing, off the async runtime.

use anyhow::Context;
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use tokio::sync::Semaphore;

/// argon2 is slow on purpose (about 20 MB and tens of ms each); bounding
/// how many run at once keeps a flood of logins, with real or made-up
/// names, from taking every core and a lot of memory.
static HASHING: Semaphore = Semaphore::const_new(4);

async fn bounded<T: Send + 'static>(
    work: impl FnOnce() -> anyhow::Result<T> + Send + 'static,
) -> anyhow::Result<T> {
    let _permit = HASHING.acquire().await.context("hashing limiter closed")?;
    tokio::task::spawn_blocking(|| {
        let done = work();
        // The hash's ~19 MiB is freed here, on a thread that may now idle.
        crate::memory::release_freed();
        done
    })
    .await
    .context("password hashing task")?
}

/// Hashes with argon2id and the crate's recommended parameters.
pub async fn hash(password: &str) -> anyhow::Result<String> {
    let password = password.to_owned();
    bounded(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| anyhow::anyhow!("hashing a password: {e}"))
    })
    .await
}

/// True when `password` matches the stored PHC string.
pub async fn verify(password: &str, stored: &str) -> anyhow::Result<bool> {
    let (password, stored) = (password.to_owned(), stored.to_owned());
    bounded(move || {
        let parsed = PasswordHash::new(&stored).map_err(|e| anyhow::anyhow!("stored hash: {e}"))?;
        Ok(Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok())
    })
    .await
}

/// A random password for the first admin: 20 characters, about 119 bits.
pub fn generate() -> String {
    use rand::Rng;
    const CHARS: &[u8] = b"abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::thread_rng();
    (0..20)
        .map(|_| CHARS[rng.gen_range(0..CHARS.len())] as char)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_are_argon2id_and_verify() {
        let h = hash("correct horse").await.unwrap();
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(verify("correct horse", &h).await.unwrap());
        assert!(!verify("wrong horse", &h).await.unwrap());
    }

    #[test]
    fn generated_passwords_differ_and_are_long() {
        let (a, b) = (generate(), generate());
        assert_eq!(a.len(), 20);
        assert_ne!(a, b);
    }
}
