//! Registration and email confirmation.

use chrono::{NaiveDateTime, TimeDelta, Utc};

use super::limits::Limit;
use super::mail::{self, Email, Message};
use super::passwords;
use crate::config::LimitSettings;
use crate::db::{self, email_tokens::NewEmailToken, users::NewUser, DbConn, DbError, Pool};
use crate::domain::{token, EmailAddress, Locale, Password, Role, Username};
use crate::error::{AppError, FieldErrors};

/// How long a verification link works.
pub const VERIFY_HOURS: i64 = 48;

/// What a person typed into the registration form.
#[derive(Debug, Clone)]
pub struct Registration {
    pub username: String,
    pub email: String,
    pub password: String,
    pub locale: Locale,
    pub ip: String,
    /// A random key the registering browser keeps: the verification link signs the new
    /// member in where it is presented.
    pub browser_key: String,
}

fn registrations_limit(limits: &LimitSettings) -> Limit {
    Limit {
        kind: "register_ip",
        max: limits.registrations_per_ip_per_hour,
        window: TimeDelta::hours(1),
    }
}

const RESEND_LIMIT: Limit = Limit {
    kind: "verify_resend",
    max: 3,
    window: TimeDelta::hours(1),
};

/// Parses the three fields, collecting every problem.
fn parse(r: &Registration) -> Result<(Username, EmailAddress, Password), AppError> {
    let mut errors = FieldErrors::new();
    let username = Username::parse(&r.username)
        .map_err(|e| errors.insert("username".into(), e.to_string()))
        .ok();
    let email = EmailAddress::parse(&r.email)
        .map_err(|e| errors.insert("email".into(), e.to_string()))
        .ok();
    let local_part = r.email.split('@').next().unwrap_or("");
    let password = Password::parse(&r.password, &[r.username.trim(), local_part])
        .map_err(|e| errors.insert("password".into(), e.to_string()))
        .ok();
    match (username, email, password) {
        (Some(u), Some(e), Some(p)) if errors.is_empty() => Ok((u, e, p)),
        _ => Err(AppError::Validation(errors)),
    }
}

/// Creates an unverified account and emails a confirmation link. When the address already
/// belongs to an account, its owner gets an email instead and the answer is the same.
#[tracing::instrument(skip_all)]
pub async fn register(
    pool: &Pool,
    limits: &LimitSettings,
    r: Registration,
) -> Result<(), AppError> {
    let (username, email, password) = parse(&r)?;
    let limit = registrations_limit(limits);
    let ip = r.ip.clone();
    pool.run(
        move |c| match limit.check(c, &ip, Utc::now().naive_utc())? {
            Ok(()) => Ok(()),
            Err(e) => Err(AppError::RateLimited {
                retry_after_secs: e.retry_after_secs,
            }),
        },
    )
    .await?;
    let hash = passwords::hash(password).await?;
    let locale = r.locale;
    pool.run(move |c| {
        c.in_transaction(|c| {
            let now = Utc::now().naive_utc();
            if db::users::find_by_username_key(c, &username.key())?.is_some() {
                return Err(AppError::field("username", "username-taken"));
            }
            if db::users::find_by_skeleton(c, &username.skeleton())?.is_some() {
                return Err(AppError::field("username", "username-look-alike"));
            }
            // Checked again where it is counted: parallel sign-ups cannot all pass the first look.
            if let Err(e) = limit.take(c, &r.ip, now)? {
                return Err(AppError::RateLimited {
                    retry_after_secs: e.retry_after_secs,
                });
            }
            if let Some(owner) = db::users::find_by_email(c, email.as_str())? {
                tracing::info!(to = email.masked(), "registration with a known address");
                notify_owner(c, &owner, email.as_str())?;
                return Ok(());
            }
            let id = db::users::insert(
                c,
                &NewUser {
                    username: username.as_str(),
                    username_key: &username.key(),
                    username_skeleton: &username.skeleton(),
                    email: Some(email.as_str()),
                    password_hash: Some(&hash),
                    role: Role::Member,
                    locale,
                    email_verified_at: None,
                    created_at: now,
                },
            )?;
            send_verification(
                c,
                id,
                username.as_str(),
                email.as_str(),
                locale,
                now,
                Some(&token::hash(&r.browser_key)),
            )?;
            Ok(())
        })
    })
    .await
}

fn notify_owner(c: &mut DbConn, owner: &db::users::User, email: &str) -> Result<(), DbError> {
    mail::enqueue(
        c,
        Email {
            key: format!("already_registered:{}:{}", owner.id, token::random()),
            to: email,
            locale: owner.locale,
            message: Message::AlreadyRegistered {
                username: owner.username.clone(),
            },
        },
    )
    .map(drop)
}

/// Stores a single-use token for `purpose` and returns the secret to put in a link.
pub(crate) fn issue_token(
    c: &mut DbConn,
    user_id: i64,
    purpose: &str,
    new_email: Option<&str>,
    now: NaiveDateTime,
    lifetime: TimeDelta,
    browser_hash: Option<&str>,
) -> Result<String, DbError> {
    let secret = token::random();
    db::email_tokens::insert(
        c,
        &NewEmailToken {
            token_hash: &token::hash(&secret),
            user_id,
            purpose,
            new_email,
            created_at: now,
            expires_at: now + lifetime,
            browser_hash,
        },
    )?;
    Ok(secret)
}

fn send_verification(
    c: &mut DbConn,
    user_id: i64,
    username: &str,
    email: &str,
    locale: Locale,
    now: NaiveDateTime,
    browser_hash: Option<&str>,
) -> Result<(), DbError> {
    db::email_tokens::expire_open(c, user_id, "verify", now)?;
    let secret = issue_token(
        c,
        user_id,
        "verify",
        None,
        now,
        TimeDelta::hours(VERIFY_HOURS),
        browser_hash,
    )?;
    mail::enqueue(
        c,
        Email {
            key: format!("verify:{}", token::hash(&secret)),
            to: email,
            locale,
            message: Message::Verify {
                username: username.to_string(),
                link: format!("/verify/{secret}"),
                hours: VERIFY_HOURS,
            },
        },
    )
    .map(drop)
}

/// Sends a fresh verification link to an unverified member (a few per hour at most).
#[tracing::instrument(skip(pool))]
pub async fn resend_verification(pool: &Pool, user_id: i64) -> Result<(), AppError> {
    pool.run(move |c| {
        c.in_transaction(|c| {
            let now = Utc::now().naive_utc();
            let user = db::users::find_by_id(c, user_id)?.ok_or(AppError::NotFound)?;
            let (Some(email), None) = (user.email.as_deref(), user.email_verified_at) else {
                return Ok(());
            };
            let subject = user.id.to_string();
            if let Err(e) = RESEND_LIMIT.check(c, &subject, now)? {
                return Err(AppError::RateLimited {
                    retry_after_secs: e.retry_after_secs,
                });
            }
            RESEND_LIMIT.record(c, &subject, now)?;
            let locale = user.locale;
            send_verification(c, user.id, &user.username, email, locale, now, None)?;
            Ok(())
        })
    })
    .await
}

/// What following an emailed link achieved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirmed {
    /// A new account's address; `session` is a session's secret when the link was opened in
    /// the browser that registered (which holds `browser_key`).
    Verified {
        session: Option<String>,
    },
    EmailChanged,
}

/// Uses a link from a verification or email-change message. Unknown → NotFound; used or
/// expired → Gone; an address taken meanwhile → Conflict.
#[tracing::instrument(skip_all)]
pub async fn confirm_email(
    pool: &Pool,
    secret: String,
    browser_key: Option<String>,
) -> Result<Confirmed, AppError> {
    pool.run(move |c| {
        c.in_transaction(|c| {
            let now = Utc::now().naive_utc();
            let hash = token::hash(&secret);
            let found = match db::email_tokens::find(c, &hash, "verify")? {
                Some(t) => Some(t),
                None => db::email_tokens::find(c, &hash, "email_change")?,
            };
            let t = found.ok_or(AppError::NotFound)?;
            if t.used_at.is_some() || t.expires_at <= now {
                return Err(AppError::Gone);
            }
            if !db::email_tokens::mark_used(c, t.id, now)? {
                return Err(AppError::Gone);
            }
            let user = db::users::find_by_id(c, t.user_id)?.ok_or(AppError::NotFound)?;
            match t.new_email.as_deref() {
                None => {
                    db::users::mark_verified(c, t.user_id, now)?;
                    let same_browser = match (&t.browser_hash, &browser_key) {
                        (Some(stored), Some(key)) => token::hash(key) == *stored,
                        _ => false,
                    };
                    let session = if same_browser && user.deleted_at.is_none() {
                        Some(super::auth::start_session(c, user.id, now)?)
                    } else {
                        None
                    };
                    Ok(Confirmed::Verified { session })
                }
                Some(new_email) => {
                    if db::users::find_by_email(c, new_email)?.is_some_and(|u| u.id != user.id) {
                        return Err(AppError::Conflict);
                    }
                    db::users::update_email(c, user.id, new_email, now)?;
                    // Reset links went to the old address: they end with it.
                    db::email_tokens::expire_open(c, user.id, "reset", now)?;
                    if let Some(old) = user.email.as_deref().filter(|o| *o != new_email) {
                        mail::enqueue(
                            c,
                            Email {
                                key: format!("email_changed:{hash}"),
                                to: old,
                                locale: user.locale,
                                message: Message::EmailChanged {
                                    username: user.username.clone(),
                                    new_email: crate::domain::mask_email(new_email),
                                },
                            },
                        )?;
                    }
                    Ok(Confirmed::EmailChanged)
                }
            }
        })
    })
    .await
}
