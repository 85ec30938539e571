//! Public profiles, and accounts made by an operator.

use chrono::{NaiveDateTime, Utc};
use serde::Serialize;

use super::passwords;
use crate::db::{self, users::NewUser, DbConn, DbError, Pool};
use crate::domain::{EmailAddress, Locale, Password, Role, Username};
use crate::error::AppError;

/// What anyone sees of a member.
#[derive(Debug, Serialize)]
pub struct Profile {
    pub id: i64,
    pub username: String,
    pub suspended_until: Option<NaiveDateTime>,
    pub joined_at: NaiveDateTime,
    pub post_count: i64,
    pub role: Role,
    /// Their stakeholder label.
    pub label: Option<super::labels::Label>,
}

/// The profile of a member (case-insensitive); NotFound for deleted or unknown ones.
pub async fn profile(pool: &Pool, username: String) -> Result<Profile, AppError> {
    let user = pool
        .run(move |c| {
            Ok::<_, AppError>(db::users::find_by_username_key(
                c,
                &Username::key_of(&username),
            )?)
        })
        .await?
        .filter(|u| u.deleted_at.is_none())
        .ok_or(AppError::NotFound)?;
    let now = Utc::now().naive_utc();
    Ok(Profile {
        label: super::labels::Label::of(user.label, user.deleted_at),
        id: user.id,
        suspended_until: user.suspended_until.filter(|u| *u > now),
        role: user.role,
        username: user.username,
        joined_at: user.created_at,
        post_count: user.post_count,
    })
}

/// How many of member `id`'s posts wait for review (for them and the moderators to see).
pub async fn held_count(pool: &Pool, id: i64) -> Result<i64, AppError> {
    pool.run(move |c| Ok(db::posts::count_held(c, id)?)).await
}

/// Creates a verified account (for `tertulia user create`); errors are plain sentences.
pub async fn create(
    pool: &Pool,
    username: &str,
    email: &str,
    role: Role,
    password: &str,
    locale: Locale,
) -> anyhow::Result<i64> {
    let username = Username::parse(username)
        .map_err(|e| anyhow::anyhow!("the username is not valid ({e})"))?;
    let email = EmailAddress::parse(email)
        .map_err(|e| anyhow::anyhow!("the email address is not valid ({e})"))?;
    let password = Password::parse(password, &[username.as_str(), email.as_str()])
        .map_err(|e| anyhow::anyhow!("the password is not accepted ({e})"))?;
    let hash = passwords::hash(password).await?;
    pool.run(move |c| -> anyhow::Result<i64> {
        c.in_transaction(|c| {
            if db::users::find_by_username_key(c, &username.key())?.is_some() {
                anyhow::bail!("the username {username} is taken");
            }
            if let Some(other) = db::users::find_by_skeleton(c, &username.skeleton())? {
                anyhow::bail!(
                    "the username {username} looks like {}, which is taken",
                    other.username
                );
            }
            if db::users::find_by_email(c, email.as_str())?.is_some() {
                anyhow::bail!("the address {email} already has an account");
            }
            let now = Utc::now().naive_utc();
            Ok(db::users::insert(
                c,
                &NewUser {
                    username: username.as_str(),
                    username_key: &username.key(),
                    username_skeleton: &username.skeleton(),
                    email: Some(email.as_str()),
                    password_hash: Some(&hash),
                    role,
                    locale,
                    email_verified_at: Some(now),
                    created_at: now,
                },
            )?)
        })
    })
    .await
}

/// Stores the skeleton of every account made before usernames had one.
pub fn fill_skeletons(c: &mut DbConn) -> Result<usize, DbError> {
    let mut filled = 0;
    loop {
        let batch = db::users::list_without_skeleton(c, 500)?;
        if batch.is_empty() {
            return Ok(filled);
        }
        c.in_transaction(|c| {
            for (id, name) in &batch {
                db::users::set_skeleton(c, *id, &Username::skeleton_of(name))?;
            }
            Ok::<_, DbError>(())
        })?;
        filled += batch.len();
    }
}
