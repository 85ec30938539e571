//! "Apoyo": a member supports a post that is not theirs, once, and may take it back. The post
//! shows how many members support it.

use chrono::Utc;

use super::auth::Member;
use crate::db::{self, Pool};
use crate::domain::PostStatus;
use crate::error::AppError;

/// Supports (`on`) or stops supporting a published post; doing either twice changes nothing.
/// Not one's own post (Forbidden), not while suspended, not before verifying one's address.
#[tracing::instrument(skip(pool, member), fields(user = member.id))]
pub async fn set(pool: &Pool, member: &Member, post_id: i64, on: bool) -> Result<(), AppError> {
    member.require_active()?;
    if !member.verified {
        return Err(AppError::Unverified);
    }
    let me = member.id;
    pool.run(move |c| {
        c.in_transaction(|c| {
            let post = db::posts::find_to_change(c, post_id)?.ok_or(AppError::NotFound)?;
            let (thread, _) =
                db::threads::find_with_board(c, post.thread_id)?.ok_or(AppError::NotFound)?;
            if post.status != PostStatus::Published || thread.status != PostStatus::Published {
                return Err(AppError::NotFound);
            }
            if post.author_id == me {
                return Err(AppError::Forbidden);
            }
            if on {
                db::supports::add(c, post_id, me, Utc::now().naive_utc())?;
            } else {
                db::supports::remove(c, post_id, me)?;
            }
            Ok(())
        })
    })
    .await
}
