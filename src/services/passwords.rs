//! Password hashing with argon2id (OWASP parameters), always off the async executor.

use crate::error::AppError;
use std::sync::{mpsc, Arc, LazyLock, Mutex};

use tokio::sync::oneshot;

use std::cell::RefCell;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{Output, ParamsString, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};

use crate::domain::Password;

/// A hash of nothing anyone knows, verified when an account does not exist so that the
/// answer takes as long as for a real one.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    hash_now("no account has this password, it only spends time").expect("argon2 works")
});

thread_local! {
    /// The 19 MiB of working memory of this hashing thread, reused for every hash.
    static BLOCKS: RefCell<Vec<Block>> = const { RefCell::new(Vec::new()) };
}

fn compute(argon: &Argon2<'_>, password: &[u8], salt: &[u8], out: &mut [u8]) -> argon2::Result<()> {
    BLOCKS.with(|cell| {
        let mut blocks = cell.borrow_mut();
        let need = argon.params().block_count();
        if blocks.len() < need {
            blocks.resize(need, Block::default());
        }
        argon.hash_password_into_with_memory(password, salt, out, &mut blocks[..need])
    })
}

fn hash_now(password: &str) -> anyhow::Result<String> {
    let err = |e: &dyn std::fmt::Display| anyhow::anyhow!("argon2: {e}");
    let salt = SaltString::generate(&mut OsRng);
    let mut salt_buf = [0u8; 64];
    let salt_bytes = salt.decode_b64(&mut salt_buf).map_err(|e| err(&e))?;
    let argon = Argon2::default();
    let output = Output::init_with(Params::DEFAULT_OUTPUT_LEN, |out| {
        compute(&argon, password.as_bytes(), salt_bytes, out).map_err(Into::into)
    })
    .map_err(|e| err(&e))?;
    let phc = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(argon.params()).map_err(|e| err(&e))?,
        salt: Some(salt.as_salt()),
        hash: Some(output),
    };
    Ok(phc.to_string())
}

fn verify_now(password: &str, stored: &str) -> Option<bool> {
    let parsed = PasswordHash::new(stored).ok()?;
    let argon = Argon2::new(
        Algorithm::try_from(parsed.algorithm).ok()?,
        parsed
            .version
            .map_or(Some(Version::V0x13), |v| Version::try_from(v).ok())?,
        Params::try_from(&parsed).ok()?,
    );
    let mut salt_buf = [0u8; 64];
    let salt = parsed.salt?.decode_b64(&mut salt_buf).ok()?;
    let expected = parsed.hash?;
    let actual = Output::init_with(expected.len(), |out| {
        compute(&argon, password.as_bytes(), salt, out).map_err(Into::into)
    })
    .ok()?;
    Some(actual == expected)
}

type Job = Box<dyn FnOnce() + Send>;

/// How long a hashing thread keeps its 19 MiB after its last hash (a burst of logins reuses
/// them; a quiet server does not hold them).
const IDLE: std::time::Duration = std::time::Duration::from_secs(5);

/// A few threads that do all the hashing. Each hash takes 19 MiB: with one thread per core
/// the memory stays bounded however many logins arrive at once (they queue instead).
static HASHERS: LazyLock<Mutex<mpsc::Sender<Job>>> = LazyLock::new(|| {
    let (tx, rx) = mpsc::channel::<Job>();
    let rx = Arc::new(Mutex::new(rx));
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    for i in 0..threads {
        let rx = rx.clone();
        std::thread::Builder::new()
            .name(format!("argon2-{i}"))
            .spawn(move || loop {
                let job = match rx.lock() {
                    Ok(rx) => rx.recv_timeout(IDLE),
                    Err(_) => return,
                };
                match job {
                    Ok(job) => job(),
                    // Quiet for a while: give the working memory back until the next login.
                    Err(mpsc::RecvTimeoutError::Timeout) => {
                        BLOCKS.with(|b| *b.borrow_mut() = Vec::new())
                    }
                    Err(mpsc::RecvTimeoutError::Disconnected) => return,
                }
            })
            .expect("start a hashing thread");
    }
    Mutex::new(tx)
});

/// Runs `work` on a hashing thread, keeping the caller's span.
async fn on_hasher<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> anyhow::Result<T> {
    on(&HASHERS, work).await
}

/// Runs `work` on one of the threads behind `hashers`.
async fn on<T: Send + 'static>(
    hashers: &Mutex<mpsc::Sender<Job>>,
    work: impl FnOnce() -> T + Send + 'static,
) -> anyhow::Result<T> {
    let (tx, rx) = oneshot::channel();
    let span = tracing::Span::current();
    let job: Job = Box::new(move || {
        let _ = tx.send(span.in_scope(work));
    });
    hashers
        .lock()
        .map_err(|_| anyhow::anyhow!("the hashing threads stopped"))?
        .send(job)
        .map_err(|_| anyhow::anyhow!("the hashing threads stopped"))?;
    rx.await
        .map_err(|_| anyhow::anyhow!("a hashing job was dropped"))
}

/// Hashes a new password (m=19456 KiB, t=2, p=1) off the async executor.
pub async fn hash(password: Password) -> anyhow::Result<String> {
    on_hasher(move || hash_now(password.expose())).await?
}

/// Checks `password` against `stored`; with no stored hash it spends the same time and fails.
/// When the hashing threads cannot answer, that is an error, never a wrong password.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, AppError> {
    verify_on(&HASHERS, password, stored).await
}

async fn verify_on(
    hashers: &Mutex<mpsc::Sender<Job>>,
    password: String,
    stored: Option<String>,
) -> Result<bool, AppError> {
    on(hashers, move || {
        let known = stored.is_some();
        let stored = stored.unwrap_or_else(|| DUMMY_HASH.clone());
        verify_now(&password, &stored).unwrap_or(false) && known
    })
    .await
    .map_err(AppError::Unexpected)
}

/// Computes the dummy hash now so the first unknown login is not faster than later ones.
pub fn warm_up() {
    LazyLock::force(&DUMMY_HASH);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_dead_hashing_pool_is_an_error_not_a_wrong_password() {
        let (tx, rx) = mpsc::channel::<Job>();
        drop(rx);
        let dead = Mutex::new(tx);
        let answer = verify_on(&dead, "cualquier cosa".into(), None).await;
        assert!(matches!(answer, Err(AppError::Unexpected(_))), "{answer:?}");
    }

    #[tokio::test]
    async fn hashes_are_argon2id_and_verify_only_the_right_password() {
        let p = Password::parse("caballo correcto batería grapa", &[]).unwrap();
        let h = hash(p).await.unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(
            verify("caballo correcto batería grapa".into(), Some(h.clone()))
                .await
                .unwrap()
        );
        assert!(!verify("otra cosa distinta".into(), Some(h)).await.unwrap());
        assert!(!verify(
            "no account has this password, it only spends time".into(),
            None
        )
        .await
        .unwrap());
    }
}
