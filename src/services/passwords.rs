//! Password hashing with argon2id (OWASP parameters), always off the async executor.

use std::sync::LazyLock;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

use crate::domain::Password;

/// A hash of nothing anyone knows, verified when an account does not exist so that the
/// answer takes as long as for a real one.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    hash_now("no account has this password, it only spends time").expect("argon2 works")
});

fn hash_now(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("argon2: {e}"))
}

/// Hashes a new password (m=19456 KiB, t=2, p=1) on the blocking pool.
pub async fn hash(password: Password) -> anyhow::Result<String> {
    let span = tracing::Span::current();
    tokio::task::spawn_blocking(move || span.in_scope(|| hash_now(password.expose()))).await?
}

/// Checks `password` against `stored`; with no stored hash it spends the same time and fails.
pub async fn verify(password: String, stored: Option<String>) -> bool {
    let span = tracing::Span::current();
    tokio::task::spawn_blocking(move || {
        span.in_scope(|| {
            let known = stored.is_some();
            let stored = stored.unwrap_or_else(|| DUMMY_HASH.clone());
            let Ok(parsed) = PasswordHash::new(&stored) else {
                return false;
            };
            let ok = Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok();
            ok && known
        })
    })
    .await
    .unwrap_or(false)
}

/// Computes the dummy hash now so the first unknown login is not faster than later ones.
pub fn warm_up() {
    LazyLock::force(&DUMMY_HASH);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_are_argon2id_and_verify_only_the_right_password() {
        let p = Password::parse("caballo correcto batería grapa", &[]).unwrap();
        let h = hash(p).await.unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify("caballo correcto batería grapa".into(), Some(h.clone())).await);
        assert!(!verify("otra cosa distinta".into(), Some(h)).await);
        assert!(
            !verify(
                "no account has this password, it only spends time".into(),
                None
            )
            .await
        );
    }
}
