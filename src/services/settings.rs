//! A member's own account: language, email, password, data export, deletion.

use chrono::{NaiveDateTime, TimeDelta, Utc};
use serde::Serialize;
use serde_json::json;

use super::accounts::{issue_token, VERIFY_HOURS};
use super::auth::Member;
use super::mail::{self, Email, Message};
use super::passwords;
use crate::db::{self, users::User, Pool};
use crate::domain::{token, EmailAddress, Locale, Password};
use crate::error::AppError;

async fn load(pool: &Pool, id: i64) -> Result<User, AppError> {
    pool.run(move |c| db::users::find_by_id(c, id)?.ok_or(AppError::NotFound))
        .await
}

/// Checks the current password typed to confirm a sensitive change.
async fn confirm_password(user: &User, typed: String, field: &str) -> Result<(), AppError> {
    if passwords::verify(typed, user.password_hash.clone()).await? {
        Ok(())
    } else {
        Err(AppError::field(field, "password-wrong"))
    }
}

/// What the settings page shows about the member.
#[derive(Debug, Serialize)]
pub struct AccountView {
    pub username: String,
    pub email: String,
    pub verified: bool,
    pub locale: Locale,
    pub notify_email: crate::domain::NotifyEmail,
    pub affiliation: super::affiliation::AffiliationView,
}

/// The member's current account details.
pub async fn account(pool: &Pool, member: &Member) -> Result<AccountView, AppError> {
    let user = load(pool, member.id).await?;
    let affiliation = super::affiliation::view(pool, member).await?;
    Ok(AccountView {
        affiliation,
        username: user.username,
        email: user.email.unwrap_or_default(),
        verified: user.email_verified_at.is_some(),
        locale: user.locale,
        notify_email: user.notify_email,
    })
}

/// Sets the member's language.
pub async fn change_locale(pool: &Pool, member: &Member, locale: Locale) -> Result<(), AppError> {
    let id = member.id;
    pool.run(move |c| Ok(db::users::update_locale(c, id, locale)?))
        .await
}

/// Sets a new password after checking the current one; every other session ends.
#[tracing::instrument(skip_all, fields(user = member.id))]
pub async fn change_password(
    pool: &Pool,
    member: &Member,
    current: String,
    new: String,
) -> Result<(), AppError> {
    let user = load(pool, member.id).await?;
    confirm_password(&user, current, "current_password").await?;
    let related = [user.username.as_str(), user.email.as_deref().unwrap_or("")];
    let password = Password::parse(&new, &related)
        .map_err(|e| AppError::field("new_password", &e.to_string()))?;
    let hash = passwords::hash(password).await?;
    let (id, keep) = (member.id, member.session_id);
    pool.run(move |c| {
        c.in_unseen_transaction(|c| {
            db::users::update_password(c, id, &hash)?;
            db::sessions::delete_for_user(c, id, Some(keep))?;
            // A reset link sent before the change must not undo it.
            db::email_tokens::expire_open(c, id, "reset", Utc::now().naive_utc())?;
            Ok(())
        })
    })
    .await
}

/// Emails a confirmation link to a new address; the change happens when it is followed.
#[tracing::instrument(skip_all, fields(user = member.id))]
pub async fn request_email_change(
    pool: &Pool,
    member: &Member,
    password: String,
    new_email: String,
) -> Result<(), AppError> {
    let email = EmailAddress::parse(&new_email)
        .map_err(|e| AppError::field("new_email", &e.to_string()))?;
    let user = load(pool, member.id).await?;
    confirm_password(&user, password, "email_password").await?;
    pool.run(move |c| {
        c.in_transaction(|c| {
            let now = Utc::now().naive_utc();
            db::email_tokens::expire_open(c, user.id, "email_change", now)?;
            let secret = issue_token(
                c,
                user.id,
                "email_change",
                Some(email.as_str()),
                now,
                TimeDelta::hours(VERIFY_HOURS),
                None,
            )?;
            mail::enqueue(
                c,
                Email {
                    key: format!("email_change:{}", token::hash(&secret)),
                    to: email.as_str(),
                    locale: user.locale,
                    message: Message::EmailChange {
                        username: user.username.clone(),
                        link: format!("/verify/{secret}"),
                        hours: VERIFY_HOURS,
                    },
                },
            )?;
            Ok(())
        })
    })
    .await
}

fn stamp(t: NaiveDateTime) -> String {
    t.and_utc().to_rfc3339()
}

/// Everything stored about the member, as JSON: the account (with its stakeholder label and
/// the work address that verified it), sessions, every post with its earlier versions, reports, appeals, watched threads and digest subscriptions.
pub async fn export(pool: &Pool, member: &Member) -> Result<serde_json::Value, AppError> {
    let id = member.id;
    let (user, work_address, sessions, all) = pool
        .run(move |c| {
            let user = db::users::find_by_id(c, id)?.ok_or(AppError::NotFound)?;
            let work_address = db::stakeholders::find(c, id)?.and_then(|a| a.email);
            let sessions = db::sessions::list_for_user(c, id)?;
            let all = db::personal::everything(c, id)?;
            Ok::<_, AppError>((user, work_address, sessions, all))
        })
        .await?;
    let revisions_of = |post: i64| {
        all.revisions
            .iter()
            .filter(|r| r.post_id == post)
            .map(|r| {
                json!({
                    "body": r.body_source,
                    "reason": r.reason,
                    "replaced_at": stamp(r.created_at),
                })
            })
            .collect::<Vec<_>>()
    };
    Ok(json!({
        "exported_at": stamp(Utc::now().naive_utc()),
        "account": {
            "username": user.username,
            "email": user.email,
            "email_verified_at": user.email_verified_at.map(stamp),
            "role": user.role,
            "locale": user.locale,
            "created_at": stamp(user.created_at),
            "post_count": user.post_count,
            "suspended_until": user.suspended_until.map(stamp),
            "suspension_reason": user.suspension_reason,
            "notify_email": user.notify_email,
            "stakeholder": {
                "group": user.label.stakeholder,
                "organization": user.label.organization,
                "work_address": work_address,
                "verified_at": user.label.affiliation_verified_at.map(stamp),
            },
        },
        "sessions": sessions.iter().map(|s| json!({
            "created_at": stamp(s.created_at),
            "last_seen_at": stamp(s.last_seen_at),
            "expires_at": stamp(s.expires_at),
        })).collect::<Vec<_>>(),
        "posts": all.posts.iter().map(|p| json!({
            "id": p.id,
            "thread_id": p.thread_id,
            "thread_title": p.thread_title,
            "parent_id": p.parent_id,
            "body": p.body_source,
            "status": p.status,
            "created_at": stamp(p.created_at),
            "edited_at": p.edited_at.map(stamp),
            "revisions": revisions_of(p.id),
        })).collect::<Vec<_>>(),
        "reports": all.reports.iter().map(|r| json!({
            "post_id": r.post_id,
            "reason": r.reason,
            "note": r.note,
            "created_at": stamp(r.created_at),
            "resolved_at": r.resolved_at.map(stamp),
        })).collect::<Vec<_>>(),
        "appeals": all.appeals.iter().map(|a| json!({
            "decision": a.modlog_id,
            "action": a.action,
            "message": a.message,
            "created_at": stamp(a.created_at),
            "outcome": a.outcome,
            "decided_at": a.decided_at.map(stamp),
        })).collect::<Vec<_>>(),
        "watches": all.watches.iter().map(|(id, title, since)| json!({
            "thread_id": id,
            "title": title,
            "since": stamp(*since),
        })).collect::<Vec<_>>(),
        "digest_subscriptions": all.subscriptions.iter().map(|(board, frequency, since)| json!({
            "board": board,
            "frequency": frequency,
            "since": stamp(*since),
        })).collect::<Vec<_>>(),
        "supports": all.supports.iter().map(|(post, since)| json!({
            "post_id": post,
            "since": stamp(*since),
        })).collect::<Vec<_>>(),
        "ignored_members": all.ignores.iter().map(|(name, since)| json!({
            "username": name,
            "since": stamp(*since),
        })).collect::<Vec<_>>(),
        "notifications": all.notifications.iter().map(|(kind, post, at, read)| json!({
            "kind": kind,
            "post_id": post,
            "created_at": stamp(*at),
            "read_at": read.map(stamp),
        })).collect::<Vec<_>>(),
        "threads_read": all.reads.iter().map(|(thread, through, at)| json!({
            "thread_id": thread,
            "last_read_post_id": through,
            "read_at": stamp(*at),
        })).collect::<Vec<_>>(),
    }))
}

/// Deletes the account after checking the password: personal data goes (earlier versions of
/// their posts, report notes, appeal messages, watches, subscriptions, tokens, mail to their
/// addresses), posts stay under "deleted member", every session ends.
#[tracing::instrument(skip_all, fields(user = member.id))]
pub async fn delete_account(
    pool: &Pool,
    member: &Member,
    password: String,
) -> Result<(), AppError> {
    let user = load(pool, member.id).await?;
    confirm_password(&user, password, "delete_password").await?;
    let id = user.id;
    pool.run(move |c| {
        c.in_transaction(|c| {
            let now = Utc::now().naive_utc();
            let user = db::users::find_by_id(c, id)?.ok_or(AppError::NotFound)?;
            let work = db::stakeholders::find(c, id)?.and_then(|a| a.email);
            let addresses =
                db::personal::addresses(c, id, &[user.email.as_deref(), work.as_deref()])?;
            db::personal::erase(c, id, &user.username, &addresses)?;
            db::users::anonymize(c, id, now)?;
            db::sessions::delete_for_user(c, id, None)?;
            Ok(())
        })
    })
    .await
}
