//! Queries on `email_tokens`: single-use links sent by email (verify, reset, email change).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::email_tokens;
use super::DbConn;

/// A token as stored (its hash only).
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = email_tokens)]
pub struct EmailToken {
    pub id: i64,
    pub token_hash: String,
    pub user_id: i64,
    pub purpose: String,
    pub new_email: Option<String>,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
    /// For a new account's link: the hash of the key its registering browser holds.
    pub browser_hash: Option<String>,
}

/// A token to store.
#[derive(Debug, Insertable)]
#[diesel(table_name = email_tokens)]
pub struct NewEmailToken<'a> {
    pub token_hash: &'a str,
    pub user_id: i64,
    pub purpose: &'a str,
    pub new_email: Option<&'a str>,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub browser_hash: Option<&'a str>,
}

/// Stores a token.
pub fn insert(conn: &mut DbConn, token: &NewEmailToken<'_>) -> QueryResult<()> {
    diesel::insert_into(email_tokens::table)
        .values(token)
        .execute(conn)
        .map(drop)
}

/// The token with this hash and purpose, used or not.
pub fn find(conn: &mut DbConn, token_hash: &str, purpose: &str) -> QueryResult<Option<EmailToken>> {
    email_tokens::table
        .filter(email_tokens::token_hash.eq(token_hash))
        .filter(email_tokens::purpose.eq(purpose))
        .select(EmailToken::as_select())
        .first(conn)
        .optional()
}

/// Uses a token once: true only for the first caller.
pub fn mark_used(conn: &mut DbConn, id: i64, now: NaiveDateTime) -> QueryResult<bool> {
    let updated = diesel::update(
        email_tokens::table
            .find(id)
            .filter(email_tokens::used_at.is_null()),
    )
    .set(email_tokens::used_at.eq(Some(now)))
    .execute(conn)?;
    Ok(updated == 1)
}

/// Uses up every open token of a member for `purpose` (a newer one replaces them).
pub fn expire_open(
    conn: &mut DbConn,
    user_id: i64,
    purpose: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(
        email_tokens::table
            .filter(email_tokens::user_id.eq(user_id))
            .filter(email_tokens::purpose.eq(purpose))
            .filter(email_tokens::used_at.is_null()),
    )
    .set(email_tokens::used_at.eq(Some(now)))
    .execute(conn)
    .map(drop)
}

/// Deletes every token of a member.
pub fn delete_for_user(conn: &mut DbConn, user_id: i64) -> QueryResult<()> {
    diesel::delete(email_tokens::table.filter(email_tokens::user_id.eq(user_id)))
        .execute(conn)
        .map(drop)
}

/// A member's newest unused, unexpired token for `purpose`.
pub fn find_open(
    conn: &mut DbConn,
    user_id: i64,
    purpose: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<EmailToken>> {
    email_tokens::table
        .filter(email_tokens::user_id.eq(user_id))
        .filter(email_tokens::purpose.eq(purpose))
        .filter(email_tokens::used_at.is_null())
        .filter(email_tokens::expires_at.gt(now))
        .order(email_tokens::id.desc())
        .select(EmailToken::as_select())
        .first(conn)
        .optional()
}
