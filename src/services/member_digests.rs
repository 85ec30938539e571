//! A member's digest choice per board (off, daily or weekly), kept as a recipient row of its
//! own so the member's digests carry their own unsubscribe link.

use chrono::Utc;
use serde::Serialize;

use super::auth::Member;
use super::subscriptions::{board_name, new_key};
use crate::db::{self, Pool};
use crate::domain::digest::Frequency;
use crate::domain::Locale;
use crate::error::AppError;

/// A member's digest choice for one board.
#[derive(Debug, Clone, Serialize)]
pub struct BoardChoice {
    pub slug: String,
    pub name: String,
    /// `off`, `daily` or `weekly`.
    pub frequency: String,
}

/// Every active board with the member's choice for it.
pub async fn choices(
    pool: &Pool,
    member: &Member,
    locale: Locale,
) -> Result<Vec<BoardChoice>, AppError> {
    let user_id = member.id;
    pool.run(move |c| {
        let chosen = match db::subscriptions::find_by_user(c, user_id)? {
            Some(s) => db::subscriptions::list_boards(c, s.id)?,
            None => Vec::new(),
        };
        Ok(db::boards::list_active(c)?
            .into_iter()
            .map(|b| BoardChoice {
                frequency: chosen
                    .iter()
                    .find(|(id, _)| *id == b.id)
                    .map_or("off".to_string(), |(_, f)| f.to_string()),
                name: board_name(&b, locale),
                slug: b.slug,
            })
            .collect())
    })
    .await
}

/// Saves a member's choices: (board slug, `off` | `daily` | `weekly`); boards not named are off.
#[tracing::instrument(skip_all, fields(user = member.id))]
pub async fn save(
    pool: &Pool,
    member: &Member,
    choices: Vec<(String, String)>,
) -> Result<(), AppError> {
    let mut wanted: Vec<(String, Frequency)> = Vec::new();
    for (slug, value) in choices {
        if value == "off" {
            continue;
        }
        let frequency = value.parse::<Frequency>().map_err(|_| {
            AppError::field(&format!("digest_{slug}"), "subscribe-frequency-unknown")
        })?;
        wanted.push((slug, frequency));
    }
    let user_id = member.id;
    pool.run(move |c| {
        c.in_unseen_transaction(|c| {
            let now = Utc::now().naive_utc();
            let boards = db::boards::list_active(c)?;
            let picked: Vec<(i64, Frequency)> = boards
                .iter()
                .filter_map(|b| {
                    let (_, f) = wanted.iter().find(|(s, _)| *s == b.slug)?;
                    Some((b.id, *f))
                })
                .collect();
            let subscriber = match db::subscriptions::find_by_user(c, user_id)? {
                Some(s) => s,
                None => {
                    let user = db::users::find_by_id(c, user_id)?.ok_or(AppError::NotFound)?;
                    db::subscriptions::insert(
                        c,
                        &db::subscriptions::NewSubscriber {
                            user_id: Some(user_id),
                            email: None,
                            locale: user.locale,
                            unsubscribe_key: &new_key(),
                            created_at: now,
                        },
                    )?
                }
            };
            db::subscriptions::replace_boards(c, subscriber.id, &picked, now)?;
            Ok(())
        })
    })
    .await
}
