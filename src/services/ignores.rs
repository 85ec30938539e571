//! Ignoring a member: their posts fold away for whoever ignores them. Moderators and admins
//! cannot be ignored (their decisions must be seen), nor can one ignore oneself.

use chrono::{NaiveDateTime, Utc};
use serde::Serialize;

use super::auth::{powers_of, Member};
use crate::db::{self, DbConn, Pool};
use crate::domain::Username;
use crate::error::AppError;

/// Whether `user` may be ignored by member `me`: not oneself, not someone with powers.
fn ignorable(c: &mut DbConn, me: i64, user: &db::users::User) -> Result<bool, AppError> {
    if user.id == me || user.deleted_at.is_some() {
        return Ok(false);
    }
    let powers = powers_of(c, user, Utc::now().naive_utc())?;
    Ok(!(powers.admin || powers.every_board || !powers.boards.is_empty()))
}

/// Starts (`on`) or stops ignoring the member called `username`. Forbidden for oneself and
/// for moderators and admins; doing either twice changes nothing.
#[tracing::instrument(skip(pool, member), fields(user = member.id))]
pub async fn set(pool: &Pool, member: &Member, username: String, on: bool) -> Result<(), AppError> {
    let me = member.id;
    pool.run(move |c| {
        c.in_unseen_transaction(|c| {
            let user = db::users::find_by_username_key(c, &Username::key_of(&username))?
                .filter(|u| u.deleted_at.is_none())
                .ok_or(AppError::NotFound)?;
            if on {
                if !ignorable(c, me, &user)? {
                    return Err(AppError::Forbidden);
                }
                db::ignores::add(c, me, user.id, Utc::now().naive_utc())?;
            } else {
                db::ignores::remove(c, me, user.id)?;
            }
            Ok(())
        })
    })
    .await
}

/// Whether `viewer` ignores member `user_id`; `None` where they cannot (logged out, oneself,
/// someone with powers).
pub async fn standing(
    pool: &Pool,
    viewer: Option<&Member>,
    user_id: i64,
) -> Result<Option<bool>, AppError> {
    let Some(me) = viewer.map(|m| m.id) else {
        return Ok(None);
    };
    pool.run(move |c| {
        let Some(user) = db::users::find_by_id(c, user_id)? else {
            return Ok(None);
        };
        let ignored = db::ignores::exists(c, me, user_id)?;
        // One already ignored can always be un-ignored, even after becoming a moderator.
        Ok((ignored || ignorable(c, me, &user)?).then_some(ignored))
    })
    .await
}

/// A member someone ignores, for their settings.
#[derive(Debug, Serialize)]
pub struct Ignored {
    pub username: String,
    pub since: NaiveDateTime,
}

/// The members `member` ignores, by name.
pub async fn list(pool: &Pool, member: &Member) -> Result<Vec<Ignored>, AppError> {
    let me = member.id;
    pool.run(move |c| {
        Ok(db::ignores::list(c, me)?
            .into_iter()
            .map(|(username, since)| Ignored { username, since })
            .collect())
    })
    .await
}
