//! Reply by email: a member answers a notification or watch email from the mail client. The
//! key in the `Reply-To` address names one member and one post; the reply is posted as that
//! member, answering that post, through the web form's rules.

use chrono::{NaiveDateTime, Utc};

use super::auth::Member;
use super::discussions::Draft;
use super::mail::{self, Email, Message};
use crate::config::Settings;
use crate::db::{self, inbound_messages::NewInbound, DbConn, Pool};
use crate::domain::token;
use crate::email::inbound::{self, Inbound, InboundConfig, Refusal};
use crate::error::AppError;

/// Bytes of the key's tag (20 hex characters): 80 bits, far beyond guessing by mail.
const TAG_BYTES: usize = 10;

/// The reply key of `user_id` answering `post_id`: `USER-POST-TAG`, lower-case only (some mail
/// servers lower-case the recipient they record), the tag an HMAC under the site's secret, so
/// keys are unguessable, need no table, and die with the secret.
pub fn key(secret: &str, user_id: i64, post_id: i64) -> String {
    let tag = token::sign_short_hex(secret, &key_message(user_id, post_id), TAG_BYTES);
    format!("{user_id}-{post_id}-{tag}")
}

fn key_message(user_id: i64, post_id: i64) -> String {
    format!("reply-by-email|{user_id}|{post_id}")
}

/// The member and post a key names, when this site made it.
pub fn read_key(secret: &str, key: &str) -> Option<(i64, i64)> {
    let mut parts = key.trim().splitn(3, '-');
    let user_id: i64 = parts.next()?.parse().ok()?;
    let post_id: i64 = parts.next()?.parse().ok()?;
    let tag = parts.next()?;
    token::verify_short_hex(secret, &key_message(user_id, post_id), tag, TAG_BYTES)
        .then_some((user_id, post_id))
}

/// `LOCAL+KEY@DOMAIN` for the reply address `LOCAL@DOMAIN`.
pub fn reply_address(reply_to: &str, key: &str) -> String {
    match reply_to.rsplit_once('@') {
        Some((local, domain)) => format!("{local}+{key}@{domain}"),
        None => reply_to.to_string(),
    }
}

/// The headers that make a notification or watch email answerable, when reply by email is on.
#[derive(Debug, Clone)]
pub struct ReplyHeaders {
    reply_to: String,
    secret: String,
    /// The site's host: the right-hand side of the message identifiers the headers cite.
    host: String,
}

impl ReplyHeaders {
    /// `None` when `mail.reply_to` is not set: no `Reply-To`, the feature is off.
    pub fn new(settings: &Settings, secret: &str) -> Option<Self> {
        Some(Self {
            reply_to: settings.mail.reply_to.clone()?,
            secret: secret.to_string(),
            host: settings
                .site
                .base_url
                .host_str()
                .unwrap_or("localhost")
                .to_string(),
        })
    }

    /// `Reply-To` with the key of `user_id` answering `post_id`, and `In-Reply-To` and
    /// `References` naming that post and its thread, so mail clients put every email about
    /// one thread together.
    pub fn for_post(
        &self,
        user_id: i64,
        thread_id: i64,
        post_id: i64,
    ) -> Vec<(&'static str, String)> {
        let post = format!("<post-{post_id}@{}>", self.host);
        let thread = format!("<thread-{thread_id}@{}>", self.host);
        vec![
            (
                "Reply-To",
                reply_address(&self.reply_to, &key(&self.secret, user_id, post_id)),
            ),
            ("In-Reply-To", post.clone()),
            ("References", format!("{thread} {post}")),
        ]
    }
}

/// What became of one received message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Published as a reply (the new post).
    Posted(i64),
    /// Posted but held for review (a new member, or a failed DMARC check).
    Held(i64),
    /// Not posted; the member was told why (at most once a day). The catalogue key of why.
    Refused(String),
    /// Not posted and nobody told: automatic mail, or a message already handled.
    Ignored(&'static str),
    /// No recipient carries a key this site made for a member it still has: the mail server
    /// should bounce it.
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

/// The member a key names and the post it answers, as read before deciding.
struct Addressee {
    user: db::users::User,
    /// The answered post's thread (id, title); `None` when the post no longer exists.
    thread: Option<(i64, String)>,
}

/// What the message will become, decided before the write transaction.
enum Plan {
    /// Automatic mail: recorded, never answered.
    Ignore,
    Post {
        who: Addressee,
        member: Member,
        draft: Draft,
    },
    /// Refused with a reason; the member's own text when it is theirs to keep.
    Refuse {
        who: Addressee,
        reason: String,
        text: Option<String>,
    },
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
    let Some(reply_to) = settings.mail.reply_to.as_deref() else {
        return Ok(Outcome::UnknownKey);
    };
    let config = InboundConfig::new(reply_to, settings.mail.inbound_authserv_id.as_deref());
    let message = inbound::parse(&raw, &config);
    drop(raw);
    let message_id = message.message_id.clone();
    let outcome = handle(pool, settings, secret, message).await;
    match &outcome {
        Ok(o) => tracing::info!(message_id, outcome = %o, "reply by email"),
        Err(e) => tracing::warn!(
            message_id,
            error = %e,
            "reply by email not handled; to be retried"
        ),
    }
    outcome
}

async fn handle(
    pool: &Pool,
    settings: &Settings,
    secret: &str,
    message: Inbound,
) -> Result<Outcome, AppError> {
    let Some((user_id, post_id)) = message.keys.iter().find_map(|k| read_key(secret, k)) else {
        return Ok(Outcome::UnknownKey);
    };
    // A program's mail is never answered: two robots must not write to each other forever.
    let plan = if message.auto.is_some() || message.return_path_empty {
        Plan::Ignore
    } else {
        let Some((who, member)) = addressee(pool, user_id, post_id).await? else {
            return Ok(Outcome::UnknownKey);
        };
        plan(pool, &message, who, member, post_id).await?
    };
    settle(pool, settings, message.message_id, user_id, plan).await
}

/// Checks the message against its member and post, then the web's rules (through the draft).
async fn plan(
    pool: &Pool,
    message: &Inbound,
    who: Addressee,
    member: Option<Member>,
    post_id: i64,
) -> Result<Plan, AppError> {
    let from_member = match (message.from.as_deref(), who.user.email.as_deref()) {
        (Some(from), Some(address)) => from.trim().eq_ignore_ascii_case(address.trim()),
        _ => false,
    };
    let own_text = || Some(message.text.clone()).filter(|t| !t.is_empty());
    let thread_id = who.thread.as_ref().map(|(id, _)| *id);
    let refuse = |who, reason: &str, text| Plan::Refuse {
        who,
        reason: reason.to_string(),
        text,
    };
    let (member, thread_id) = match (member, thread_id, &message.refusal) {
        _ if !from_member => return Ok(refuse(who, "reply-refused-wrong-sender", None)),
        (None, _, _) => return Ok(refuse(who, "reply-refused-banned", own_text())),
        (_, None, _) => return Ok(refuse(who, "reply-refused-gone", own_text())),
        (_, _, Some(Refusal::TooLarge { .. })) => {
            return Ok(refuse(who, "reply-refused-too-large", None))
        }
        (_, _, Some(Refusal::Empty)) => return Ok(refuse(who, "reply-refused-empty", None)),
        (_, _, Some(Refusal::NoSender)) => {
            return Ok(refuse(who, "reply-refused-wrong-sender", None))
        }
        (Some(member), Some(thread_id), None) => (member, thread_id),
    };
    let draft = Draft::new(
        pool,
        &member,
        thread_id,
        Some(post_id),
        message.text.clone(),
        None,
    )
    .await;
    Ok(match draft {
        Ok(mut draft) => {
            draft.hold = message.dmarc_fail;
            Plan::Post { who, member, draft }
        }
        Err(e) => refuse(who, &reason_of(e)?, own_text()),
    })
}

/// Reads the key's member and post: `None` when the member no longer exists; the member as
/// the web would see them, `None` when banned.
async fn addressee(
    pool: &Pool,
    user_id: i64,
    post_id: i64,
) -> Result<Option<(Addressee, Option<Member>)>, AppError> {
    pool.run(move |c| {
        let Some(user) = db::users::find_by_id(c, user_id)? else {
            return Ok(None);
        };
        if user.email.is_none() {
            return Ok(None);
        }
        let now = Utc::now().naive_utc();
        let member = match Member::without_session(c, user.clone(), now) {
            Err(AppError::NotFound) => return Ok(None),
            Err(AppError::Forbidden) => None,
            Err(e) => return Err(e),
            Ok(member) => Some(member),
        };
        let thread = match db::posts::find(c, post_id)? {
            Some(post) => db::threads::find_with_board(c, post.thread_id)?
                .map(|(thread, _)| (thread.id, thread.title)),
            None => None,
        };
        Ok(Some((Addressee { user, thread }, member)))
    })
    .await
}

/// The catalogue key that tells a member why the web's rules refused their reply; `Err` for
/// failures that are not refusals (the message is retried).
fn reason_of(e: AppError) -> Result<String, AppError> {
    Ok(match e {
        AppError::Suspended => "reply-refused-suspended".into(),
        AppError::Unverified => "reply-refused-unverified".into(),
        AppError::RateLimited { .. } => "reply-refused-rate".into(),
        AppError::NotFound | AppError::Gone => "reply-refused-gone".into(),
        AppError::Validation(errors) => errors
            .into_values()
            .next()
            .unwrap_or_else(|| "reply-refused-other".into()),
        AppError::Unavailable => return Err(AppError::Unavailable),
        AppError::Unexpected(e) => return Err(AppError::Unexpected(e)),
        _ => "reply-refused-other".into(),
    })
}

/// Records the message, then carries out the plan, in one transaction: a Message-ID already
/// recorded (a redelivery, a replay, another instance that got there first) does nothing
/// more, and a failure undoes the record too, so the message is tried again.
async fn settle(
    pool: &Pool,
    settings: &Settings,
    message_id: String,
    user_id: i64,
    plan: Plan,
) -> Result<Outcome, AppError> {
    let settings = settings.clone();
    pool.run(move |c| {
        let work = |c: &mut DbConn| -> Result<Outcome, AppError> {
            let now = Utc::now().naive_utc();
            let row = NewInbound {
                message_id: &message_id,
                user_id: Some(user_id),
                outcome: "",
                received_at: now,
            };
            if !db::inbound_messages::record(c, &row)? {
                return Ok(Outcome::Ignored("already handled"));
            }
            let outcome = match &plan {
                Plan::Ignore => Outcome::Ignored("automatic mail"),
                Plan::Post { who, member, draft } => match draft.post(c, &settings, member) {
                    Ok(posted) if posted.held => Outcome::Held(posted.id),
                    Ok(posted) => Outcome::Posted(posted.id),
                    Err(e) => {
                        let reason = reason_of(e)?;
                        explain(c, who, &reason, Some(draft.text()), now)?;
                        Outcome::Refused(reason)
                    }
                },
                Plan::Refuse { who, reason, text } => {
                    explain(c, who, reason, text.clone(), now)?;
                    Outcome::Refused(reason.clone())
                }
            };
            db::inbound_messages::set_outcome(c, &message_id, &outcome.to_string())?;
            Ok(outcome)
        };
        if matches!(plan, Plan::Post { .. }) {
            c.in_transaction(work)
        } else {
            c.in_unseen_transaction(work)
        }
    })
    .await
}

/// Queues the explanation, to the member's own address, in their language; one a day.
fn explain(
    c: &mut DbConn,
    who: &Addressee,
    reason: &str,
    text: Option<String>,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    let Some(to) = who.user.email.as_deref() else {
        return Ok(());
    };
    let (link, title) = match &who.thread {
        Some((id, title)) => (format!("/t/{id}"), title.clone()),
        None => ("/".to_string(), String::new()),
    };
    mail::enqueue(
        c,
        Email {
            key: format!("reply_refused:{}:{}", who.user.id, now.date()),
            to,
            locale: who.user.locale,
            message: Message::ReplyRefused {
                username: who.user.username.clone(),
                title,
                reason: reason.to_string(),
                text,
                link,
                footer: "reply-refused-why",
            },
        },
    )?;
    Ok(())
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
