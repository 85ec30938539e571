//! Secret tokens: random values for links and cookies, their stored hashes, and HMAC tags.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::{Digest, Sha256};

/// A fresh random token: 256 bits, URL-safe base64 (43 characters).
pub fn random() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// What the database keeps of a token: its SHA-256, hex.
pub fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// An HMAC-SHA256 tag of `message` under `secret`, URL-safe base64.
pub fn sign(secret: &str, message: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(message.as_bytes());
    URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
}

/// Checks a tag made by `sign`, in constant time.
pub fn verify(secret: &str, message: &str, tag: &str) -> bool {
    let Ok(raw) = URL_SAFE_NO_PAD.decode(tag) else {
        return false;
    };
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(message.as_bytes());
    mac.verify_slice(&raw).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_url_safe() {
        let a = random();
        assert_eq!(a.len(), 43);
        assert_ne!(a, random());
        assert!(a
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        assert_eq!(hash(&a).len(), 64);
    }

    #[test]
    fn tags_verify_only_for_the_same_secret_and_message() {
        let tag = sign("s3cret", "csrf|abc");
        assert!(verify("s3cret", "csrf|abc", &tag));
        assert!(!verify("other", "csrf|abc", &tag));
        assert!(!verify("s3cret", "csrf|abd", &tag));
        assert!(!verify("s3cret", "csrf|abc", "not base64!"));
    }
}
