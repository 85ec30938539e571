//! Reply by email: a member answers a notification or watch email from the mail client. The
//! key in the `Reply-To` address names one member and one post; the reply is posted as that
//! member, answering that post, through the web form's rules.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::config::Settings;
use crate::db::Pool;
use crate::email::inbound::{self, InboundConfig};
use crate::error::AppError;

/// Hex characters of the key's tag: 80 bits, far beyond guessing by mail.
const TAG_CHARS: usize = 20;

/// The reply key of `user_id` answering `post_id`: `USER-POST-TAG`, lower-case only (some mail
/// servers lower-case the recipient they record), the tag an HMAC under the site's secret, so
/// keys are unguessable, need no table, and die with the secret.
pub fn key(secret: &str, user_id: i64, post_id: i64) -> String {
    format!("{user_id}-{post_id}-{}", tag(secret, user_id, post_id))
}

fn tag(secret: &str, user_id: i64, post_id: i64) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(format!("reply-by-email|{user_id}|{post_id}").as_bytes());
    let mut tag = hex::encode(mac.finalize().into_bytes());
    tag.truncate(TAG_CHARS);
    tag
}

/// The member and post a key names, when this site made it (compared in constant time).
pub fn read_key(secret: &str, key: &str) -> Option<(i64, i64)> {
    let key = key.trim().to_ascii_lowercase();
    let mut parts = key.splitn(3, '-');
    let user_id: i64 = parts.next()?.parse().ok()?;
    let post_id: i64 = parts.next()?.parse().ok()?;
    let given = parts.next()?;
    let genuine = tag(secret, user_id, post_id);
    let same = given.len() == genuine.len()
        && given
            .bytes()
            .zip(genuine.bytes())
            .fold(0u8, |diff, (a, b)| diff | (a ^ b))
            == 0;
    same.then_some((user_id, post_id))
}

/// `LOCAL+KEY@DOMAIN` for the reply address `LOCAL@DOMAIN`.
pub fn reply_address(reply_to: &str, key: &str) -> String {
    match reply_to.rsplit_once('@') {
        Some((local, domain)) => format!("{local}+{key}@{domain}"),
        None => reply_to.to_string(),
    }
}

/// What became of one received message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Published as a reply (the new post).
    Posted(i64),
    /// Posted but held for review (a new member, or a failed DMARC check).
    Held(i64),
    /// Not posted; the member was told why (at most once a day).
    Refused(&'static str),
    /// Not posted and nobody told: automatic mail, or a message already handled.
    Ignored(&'static str),
    /// No recipient carries a key this site made: the mail server should bounce it.
    UnknownKey,
}

impl Outcome {
    /// The exit status of `tertulia mail receive` (sysexits: 67 is "addressee unknown").
    pub fn exit_code(&self) -> u8 {
        match self {
            Outcome::UnknownKey => 67,
            _ => 0,
        }
    }
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Outcome::Posted(id) => write!(f, "posted as post {id}"),
            Outcome::Held(id) => write!(f, "posted as post {id}, held for review"),
            Outcome::Refused(why) => write!(f, "refused ({why})"),
            Outcome::Ignored(why) => write!(f, "ignored ({why})"),
            Outcome::UnknownKey => write!(f, "no recipient has a valid reply key"),
        }
    }
}

/// Handles one raw RFC 5322 message. `Err` only when the database cannot be reached (or
/// fails): the caller keeps the message to try again (`mail receive` exits 75; `mail fetch`
/// leaves it unseen).
pub async fn receive(
    pool: &Pool,
    settings: &Settings,
    secret: &str,
    raw: Vec<u8>,
) -> Result<Outcome, AppError> {
    let _ = (pool, secret);
    let Some(reply_to) = settings.mail.reply_to.as_deref() else {
        return Ok(Outcome::UnknownKey);
    };
    let config = InboundConfig::new(reply_to, settings.mail.inbound_authserv_id.as_deref());
    match inbound::parse(&raw, &config) {
        Ok(message) if message.keys.is_empty() => Ok(Outcome::UnknownKey),
        Ok(_) => Ok(Outcome::Ignored("not built yet")),
        Err(_) => Ok(Outcome::Ignored("unreadable")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_name_their_member_and_post_and_nothing_else() {
        let k = key("s3cret", 12, 345);
        assert!(k.starts_with("12-345-"));
        assert_eq!(k, k.to_ascii_lowercase());
        assert_eq!(read_key("s3cret", &k), Some((12, 345)));
        assert_eq!(read_key("s3cret", &k.to_ascii_uppercase()), Some((12, 345)));
        assert_eq!(read_key("other", &k), None);
        let forged = k.replacen("12-345", "13-345", 1);
        assert_eq!(read_key("s3cret", &forged), None);
        assert_eq!(read_key("s3cret", "12-345"), None);
        assert_eq!(read_key("s3cret", &k[..k.len() - 1]), None);
        assert_eq!(
            reply_address("respuestas@foro.example.org", &k),
            format!("respuestas+{k}@foro.example.org")
        );
    }
}
