//! Reply by email: a member answers a notification or watch email from the mail client. The
//! key in the `Reply-To` address names one member and one post; the reply is posted as that
//! member, answering that post, through the web form's rules.

use crate::config::Settings;
use crate::db::Pool;
use crate::email::inbound::{self, InboundConfig};
use crate::error::AppError;

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
