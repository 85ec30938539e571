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

fn mac(secret: &str, message: &str) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(message.as_bytes());
    mac
}

/// An HMAC-SHA256 tag of `message` under `secret`, URL-safe base64.
pub fn sign(secret: &str, message: &str) -> String {
    URL_SAFE_NO_PAD.encode(mac(secret, message).finalize().into_bytes())
}

/// Checks a tag made by `sign`, in constant time.
pub fn verify(secret: &str, message: &str, tag: &str) -> bool {
    let Ok(raw) = URL_SAFE_NO_PAD.decode(tag) else {
        return false;
    };
    mac(secret, message).verify_slice(&raw).is_ok()
}

/// The first `bytes` bytes of the tag of `message`, in lower-case hex: for places that do not
/// keep letter case, such as the local part of an email address.
pub fn sign_short_hex(secret: &str, message: &str, bytes: usize) -> String {
    hex::encode(&mac(secret, message).finalize().into_bytes()[..bytes])
}

/// Checks a tag made by `sign_short_hex` with `bytes` bytes (any letter case), in constant
/// time; a tag of any other length is refused.
pub fn verify_short_hex(secret: &str, message: &str, tag: &str, bytes: usize) -> bool {
    match hex::decode(tag) {
        Ok(raw) if raw.len() == bytes => mac(secret, message).verify_truncated_left(&raw).is_ok(),
        _ => false,
    }
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

    #[test]
    fn short_hex_tags_are_lower_case_and_checked_whole() {
        let tag = sign_short_hex("s3cret", "reply|1|2", 10);
        assert_eq!(tag.len(), 20);
        assert_eq!(tag, tag.to_ascii_lowercase());
        assert!(verify_short_hex("s3cret", "reply|1|2", &tag, 10));
        assert!(verify_short_hex(
            "s3cret",
            "reply|1|2",
            &tag.to_ascii_uppercase(),
            10
        ));
        assert!(!verify_short_hex("s3cret", "reply|1|3", &tag, 10));
        assert!(
            !verify_short_hex("s3cret", "reply|1|2", &tag[..2], 10),
            "a shorter tag is no tag"
        );
        assert!(!verify_short_hex("s3cret", "reply|1|2", "zz", 1));
    }
}
