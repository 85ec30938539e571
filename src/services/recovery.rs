//! Forgotten passwords: a single-use emailed link that sets a new one and ends every session.

use chrono::{TimeDelta, Utc};

use super::accounts::issue_token;
use super::limits::Limit;
use super::mail::{self, Email, Message};
use super::passwords;
use crate::db::{self, Pool};
use crate::domain::{token, EmailAddress, Password};
use crate::error::AppError;

/// How long a reset link works.
pub const RESET_MINUTES: i64 = 60;

const REQUEST_LIMIT: Limit = Limit {
    kind: "reset_request",
    max: 3,
    window: TimeDelta::hours(1),
};

/// Emails a reset link when the address belongs to an account; answers the same either way.
#[tracing::instrument(skip_all)]
pub async fn request_reset(pool: &Pool, email: String) -> Result<(), AppError> {
    let Ok(email) = EmailAddress::parse(&email) else {
        return Err(AppError::field("email", "email-invalid"));
    };
    pool.run(move |c| {
        c.in_transaction(|c| {
            let now = Utc::now().naive_utc();
            let Some(user) = db::users::find_by_email(c, email.as_str())? else {
                return Ok(());
            };
            let subject = user.id.to_string();
            if REQUEST_LIMIT.check(c, &subject, now)?.is_err() {
                tracing::info!(to = email.masked(), "reset requests limited");
                return Ok(());
            }
            REQUEST_LIMIT.record(c, &subject, now)?;
            let secret = issue_token(
                c,
                user.id,
                "reset",
                None,
                now,
                TimeDelta::minutes(RESET_MINUTES),
                None,
            )?;
            mail::enqueue(
                c,
                Email {
                    key: format!("reset:{}", token::hash(&secret)),
                    to: email.as_str(),
                    locale: user.locale,
                    message: Message::Reset {
                        username: user.username.clone(),
                        link: format!("/password/reset/{secret}"),
                        minutes: RESET_MINUTES,
                    },
                },
            )?;
            Ok(())
        })
    })
    .await
}

/// Whether a reset link can still be used: NotFound when unknown, Gone when used or expired.
pub async fn check_reset(pool: &Pool, secret: String) -> Result<(), AppError> {
    pool.run(move |c| {
        let now = Utc::now().naive_utc();
        let t =
            db::email_tokens::find(c, &token::hash(&secret), "reset")?.ok_or(AppError::NotFound)?;
        if t.used_at.is_some() || t.expires_at <= now {
            return Err(AppError::Gone);
        }
        Ok(())
    })
    .await
}

/// Sets a new password through a reset link and ends every session of the member.
#[tracing::instrument(skip_all)]
pub async fn reset_password(pool: &Pool, secret: String, password: String) -> Result<(), AppError> {
    check_reset(pool, secret.clone()).await?;
    let hash = token::hash(&secret);
    let h = hash.clone();
    let user = pool
        .run(move |c| {
            let t = db::email_tokens::find(c, &h, "reset")?.ok_or(AppError::NotFound)?;
            db::users::find_by_id(c, t.user_id)?.ok_or(AppError::NotFound)
        })
        .await?;
    let related = [user.username.as_str(), user.email.as_deref().unwrap_or("")];
    let password = Password::parse(&password, &related)
        .map_err(|e| AppError::field("password", &e.to_string()))?;
    let new_hash = passwords::hash(password).await?;
    pool.run(move |c| {
        c.in_transaction(|c| {
            let now = Utc::now().naive_utc();
            let t = db::email_tokens::find(c, &hash, "reset")?.ok_or(AppError::NotFound)?;
            if t.expires_at <= now || !db::email_tokens::mark_used(c, t.id, now)? {
                return Err(AppError::Gone);
            }
            db::users::update_password(c, t.user_id, &new_hash)?;
            db::sessions::delete_for_user(c, t.user_id, None)?;
            // Every other reset link of the member ends with this one.
            db::email_tokens::expire_open(c, t.user_id, "reset", now)?;
            // The owner proved it by email: guesses by others no longer pause the account.
            super::auth::clear_login_failures(c, t.user_id)?;
            Ok(())
        })
    })
    .await
}
