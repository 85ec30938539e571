//! Subscriptions to board digests without an account (double opt-in), and the signed
//! unsubscribe links, which never expire, of every recipient.

use chrono::{NaiveDateTime, TimeDelta, Utc};
use serde::Serialize;

use super::mail::{self, Email, Message};
use crate::db::{self, boards::Board, subscriptions::Subscriber, DbConn, DbError, Pool};
use crate::domain::digest::Frequency;
use crate::domain::{token, EmailAddress, Locale};
use crate::error::{AppError, FieldErrors};

/// How long a confirmation link works.
pub const CONFIRM_DAYS: i64 = 7;
/// A second request for one address within this time sends no second email.
pub const REQUEST_QUIET_MINUTES: i64 = 10;

/// The path of the link that ends a recipient's subscriptions: the key and its HMAC tag.
pub fn unsubscribe_path(secret: &str, key: &str) -> String {
    let tag = token::sign(secret, &format!("unsubscribe|{key}"));
    format!("/unsubscribe/{key}.{tag}")
}

/// The key inside an unsubscribe token, when its tag is genuine.
pub fn verify_unsubscribe(secret: &str, token: &str) -> Option<String> {
    let (key, tag) = token.split_once('.')?;
    token::verify(secret, &format!("unsubscribe|{key}"), tag).then(|| key.to_string())
}

/// A board's name in `locale`.
pub fn board_name(board: &Board, locale: Locale) -> String {
    match locale {
        Locale::Es => board.name_es.clone(),
        Locale::En => board.name_en.clone(),
    }
}

/// What the subscription form asked for.
#[derive(Debug, Clone)]
pub struct SubscribeRequest {
    pub email: String,
    pub boards: Vec<String>,
    pub frequency: String,
    pub locale: Locale,
}

fn parse_request(
    c: &mut DbConn,
    r: &SubscribeRequest,
) -> Result<(EmailAddress, Vec<Board>, Frequency), AppError> {
    let mut errors = FieldErrors::new();
    let email = EmailAddress::parse(&r.email)
        .map_err(|e| errors.insert("email".into(), e.to_string()))
        .ok();
    let frequency = r
        .frequency
        .parse::<Frequency>()
        .map_err(|_| errors.insert("frequency".into(), "subscribe-frequency-unknown".into()))
        .ok();
    let mut wanted = r.boards.clone();
    wanted.sort();
    wanted.dedup();
    let chosen: Vec<Board> = db::boards::list_active(c)?
        .into_iter()
        .filter(|b| wanted.contains(&b.slug))
        .collect();
    if chosen.is_empty() || chosen.len() != wanted.len() {
        errors.insert("boards".into(), "subscribe-boards-required".into());
    }
    match (email, frequency) {
        (Some(e), Some(f)) if errors.is_empty() => Ok((e, chosen, f)),
        _ => Err(AppError::Validation(errors)),
    }
}

/// A fresh random key for a recipient's unsubscribe links.
pub(crate) fn new_key() -> String {
    token::random()
}

fn subscriber_for_email(
    c: &mut DbConn,
    email: &str,
    locale: Locale,
    now: NaiveDateTime,
) -> Result<Subscriber, DbError> {
    if let Some(s) = db::subscriptions::find_by_email(c, email)? {
        return Ok(s);
    }
    db::subscriptions::insert(
        c,
        &db::subscriptions::NewSubscriber {
            user_id: None,
            email: Some(email),
            locale,
            unsubscribe_key: &new_key(),
            created_at: now,
        },
    )
}

/// Records an email-only subscription request and emails its confirmation link. The answer
/// is the same for a known or unknown address; a repeat within a few minutes sends nothing.
#[tracing::instrument(skip_all)]
pub async fn request(pool: &Pool, secret: String, r: SubscribeRequest) -> Result<(), AppError> {
    pool.run(move |c| {
        c.in_transaction(|c| {
            let (email, boards, frequency) = parse_request(c, &r)?;
            let now = Utc::now().naive_utc();
            let subscriber = subscriber_for_email(c, email.as_str(), r.locale, now)?;
            let quiet = now - TimeDelta::minutes(REQUEST_QUIET_MINUTES);
            if db::subscriptions::latest_request_at(c, subscriber.id)?.is_some_and(|t| t > quiet) {
                tracing::info!(
                    to = email.masked(),
                    "repeated subscription request; no email"
                );
                return Ok(());
            }
            let link_secret = token::random();
            let hash = token::hash(&link_secret);
            let ids: Vec<i64> = boards.iter().map(|b| b.id).collect();
            db::subscriptions::insert_request(
                c,
                &db::subscriptions::NewRequest {
                    subscriber_id: subscriber.id,
                    token_hash: &hash,
                    frequency,
                    locale: r.locale,
                    created_at: now,
                    expires_at: now + TimeDelta::days(CONFIRM_DAYS),
                },
                &ids,
            )?;
            let names: Vec<String> = boards.iter().map(|b| board_name(b, r.locale)).collect();
            mail::enqueue(
                c,
                Email {
                    key: format!("subscribe_confirm:{hash}"),
                    to: email.as_str(),
                    locale: r.locale,
                    message: Message::SubscribeConfirm {
                        link: format!("/subscribe/confirm/{link_secret}"),
                        unsubscribe_link: unsubscribe_path(&secret, &subscriber.unsubscribe_key),
                        boards: names.join(", "),
                        frequency,
                        days: CONFIRM_DAYS,
                        footer: "email-subscribe-footer",
                    },
                },
            )?;
            Ok(())
        })
    })
    .await
}

/// What a confirmed subscription covers, and how to end it.
#[derive(Debug, Serialize)]
pub struct ConfirmedView {
    pub boards: String,
    pub frequency: Frequency,
    pub unsubscribe_link: String,
}

/// Follows a confirmation link: unknown → NotFound; used or expired → Gone.
#[tracing::instrument(skip_all)]
pub async fn confirm(
    pool: &Pool,
    secret: String,
    link_secret: String,
) -> Result<ConfirmedView, AppError> {
    pool.run(move |c| {
        c.in_transaction(|c| {
            let now = Utc::now().naive_utc();
            let r = db::subscriptions::find_request(c, &token::hash(&link_secret))?
                .ok_or(AppError::NotFound)?;
            if r.used_at.is_some() || r.expires_at <= now {
                return Err(AppError::Gone);
            }
            if !db::subscriptions::mark_request_used(c, r.id, now)? {
                return Err(AppError::Gone);
            }
            let locale: Locale = r.locale;
            let wanted = db::subscriptions::request_boards(c, r.id)?;
            let boards: Vec<Board> = db::boards::list_active(c)?
                .into_iter()
                .filter(|b| wanted.contains(&b.id))
                .collect();
            let choices: Vec<(i64, Frequency)> =
                boards.iter().map(|b| (b.id, r.frequency)).collect();
            db::subscriptions::replace_boards(c, r.subscriber_id, &choices, now)?;
            db::subscriptions::update_locale(c, r.subscriber_id, locale)?;
            let key = find_key(c, r.subscriber_id)?;
            Ok(ConfirmedView {
                boards: boards
                    .iter()
                    .map(|b| board_name(b, locale))
                    .collect::<Vec<_>>()
                    .join(", "),
                frequency: r.frequency,
                unsubscribe_link: unsubscribe_path(&secret, &key),
            })
        })
    })
    .await
}

fn find_key(c: &mut DbConn, subscriber_id: i64) -> Result<String, AppError> {
    let s = db::subscriptions::find(c, subscriber_id)?.ok_or(AppError::NotFound)?;
    Ok(s.unsubscribe_key)
}

/// Whether the recipient behind an unsubscribe token still gets digests. A token whose tag
/// is wrong, or that names nobody, is NotFound.
pub async fn unsubscribe_status(
    pool: &Pool,
    secret: &str,
    token: String,
) -> Result<bool, AppError> {
    let key = verify_unsubscribe(secret, &token).ok_or(AppError::NotFound)?;
    pool.run(move |c| {
        let s = db::subscriptions::find_by_key(c, &key)?.ok_or(AppError::NotFound)?;
        Ok(!db::subscriptions::list_boards(c, s.id)?.is_empty())
    })
    .await
}

/// Ends every digest of the recipient behind an unsubscribe token, at once.
#[tracing::instrument(skip_all)]
pub async fn unsubscribe(pool: &Pool, secret: &str, token: String) -> Result<(), AppError> {
    let key = verify_unsubscribe(secret, &token).ok_or(AppError::NotFound)?;
    pool.run(move |c| {
        c.in_transaction(|c| {
            let s = db::subscriptions::find_by_key(c, &key)?.ok_or(AppError::NotFound)?;
            let ended = db::subscriptions::delete_all(c, s.id)?;
            tracing::info!(subscriber = s.id, ended, "unsubscribed");
            Ok(())
        })
    })
    .await
}

/// Every active board as (slug, name in `locale`), in board order.
pub async fn board_options(pool: &Pool, locale: Locale) -> Result<Vec<(String, String)>, AppError> {
    pool.run(move |c| {
        Ok(db::boards::list_active(c)?
            .into_iter()
            .map(|b| (b.slug.clone(), board_name(&b, locale)))
            .collect())
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsubscribe_links_carry_the_key_and_a_tag_that_only_the_site_can_make() {
        let path = unsubscribe_path("s3cret", "abcDEF-_123");
        let token = path.strip_prefix("/unsubscribe/").unwrap();
        assert!(token.starts_with("abcDEF-_123."));
        assert_eq!(
            verify_unsubscribe("s3cret", token).as_deref(),
            Some("abcDEF-_123")
        );
        assert_eq!(verify_unsubscribe("other", token), None);
        let (_, tag) = token.split_once('.').unwrap();
        assert_eq!(
            verify_unsubscribe("s3cret", &format!("abcDEF-_124.{tag}")),
            None
        );
        assert_eq!(verify_unsubscribe("s3cret", "abcDEF-_123"), None);
        assert_eq!(verify_unsubscribe("s3cret", "abcDEF-_123.AAAA"), None);
    }
}
