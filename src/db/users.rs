//! Queries on `users`.

use crate::domain::{Locale, NotifyEmail, Role};
use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::users;
use super::DbConn;

/// A member as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub username_key: String,
    pub email: Option<String>,
    pub password_hash: Option<String>,
    pub role: Role,
    pub locale: Locale,
    pub email_verified_at: Option<NaiveDateTime>,
    pub post_count: i64,
    pub created_at: NaiveDateTime,
    pub deleted_at: Option<NaiveDateTime>,
    pub suspended_until: Option<NaiveDateTime>,
    pub suspension_reason: Option<String>,
    pub suspension_log_id: Option<i64>,
    pub banned: bool,
    pub username_skeleton: Option<String>,
    pub notify_email: NotifyEmail,
    /// Their stakeholder label.
    #[diesel(embed)]
    pub label: super::stakeholders::LabelColumns,
}

/// A member to create.
#[derive(Debug, Insertable)]
#[diesel(table_name = users)]
pub struct NewUser<'a> {
    pub username: &'a str,
    pub username_key: &'a str,
    pub username_skeleton: &'a str,
    pub email: Option<&'a str>,
    pub password_hash: Option<&'a str>,
    pub role: Role,
    pub locale: Locale,
    pub email_verified_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

/// Inserts a member and returns the new id.
pub fn insert(conn: &mut DbConn, user: &NewUser<'_>) -> QueryResult<i64> {
    diesel::insert_into(users::table)
        .values(user)
        .returning(users::id)
        .get_result(conn)
}

/// The member with this id.
pub fn find_by_id(conn: &mut DbConn, id: i64) -> QueryResult<Option<User>> {
    users::table
        .find(id)
        .select(User::as_select())
        .first(conn)
        .optional()
}

/// The member whose username matches `key` (lower case).
pub fn find_by_username_key(conn: &mut DbConn, key: &str) -> QueryResult<Option<User>> {
    users::table
        .filter(users::username_key.eq(key))
        .select(User::as_select())
        .first(conn)
        .optional()
}

/// The member with this (normalised) email.
pub fn find_by_email(conn: &mut DbConn, email: &str) -> QueryResult<Option<User>> {
    users::table
        .filter(users::email.eq(email))
        .select(User::as_select())
        .first(conn)
        .optional()
}

/// Replaces the password hash.
pub fn update_password(conn: &mut DbConn, id: i64, hash: &str) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set(users::password_hash.eq(Some(hash)))
        .execute(conn)
        .map(drop)
}

/// Sets a confirmed email address.
pub fn update_email(
    conn: &mut DbConn,
    id: i64,
    email: &str,
    verified_at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set((
            users::email.eq(Some(email)),
            users::email_verified_at.eq(Some(verified_at)),
        ))
        .execute(conn)
        .map(drop)
}

/// Records that the member confirmed their address.
pub fn mark_verified(conn: &mut DbConn, id: i64, at: NaiveDateTime) -> QueryResult<()> {
    diesel::update(
        users::table
            .find(id)
            .filter(users::email_verified_at.is_null()),
    )
    .set(users::email_verified_at.eq(Some(at)))
    .execute(conn)
    .map(drop)
}

/// Sets the member's language.
pub fn update_locale(conn: &mut DbConn, id: i64, locale: Locale) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set(users::locale.eq(locale))
        .execute(conn)
        .map(drop)
}

/// A member whose name looks like `skeleton` (see `Username::skeleton`).
pub fn find_by_skeleton(conn: &mut DbConn, skeleton: &str) -> QueryResult<Option<User>> {
    users::table
        .filter(users::username_skeleton.eq(skeleton))
        .select(User::as_select())
        .first(conn)
        .optional()
}

/// Up to `limit` members whose skeleton is not stored yet: (id, username).
pub fn list_without_skeleton(conn: &mut DbConn, limit: i64) -> QueryResult<Vec<(i64, String)>> {
    users::table
        .filter(users::username_skeleton.is_null())
        .order(users::id.asc())
        .limit(limit)
        .select((users::id, users::username))
        .load(conn)
}

/// Stores a member's skeleton.
pub fn set_skeleton(conn: &mut DbConn, id: i64, skeleton: &str) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set(users::username_skeleton.eq(skeleton))
        .execute(conn)
        .map(drop)
}

/// Removes the personal data of a member, keeping the row so their posts still read.
pub fn anonymize(conn: &mut DbConn, id: i64, at: NaiveDateTime) -> QueryResult<()> {
    let placeholder = format!("deleted-{id}");
    diesel::update(users::table.find(id))
        .set((
            users::username.eq(&placeholder),
            users::username_key.eq(&placeholder),
            users::username_skeleton.eq(&placeholder),
            users::email.eq(None::<String>),
            users::password_hash.eq(None::<String>),
            users::email_verified_at.eq(None::<NaiveDateTime>),
            users::deleted_at.eq(Some(at)),
            users::stakeholder.eq(None::<String>),
            users::organization.eq(None::<String>),
            users::affiliation_email.eq(None::<String>),
            users::affiliation_verified_at.eq(None::<NaiveDateTime>),
        ))
        .execute(conn)
        .map(drop)
}

/// Adds `delta` to a member's count of published posts.
pub fn add_post_count(conn: &mut DbConn, id: i64, delta: i64) -> QueryResult<()> {
    super::prepared(
        diesel::update(users::table.find(id)).set(users::post_count.eq(users::post_count + delta)),
    )
    .run(conn)
}

/// Suspends a member until `until` (far in the future for no end), citing a log entry.
pub fn suspend(
    conn: &mut DbConn,
    id: i64,
    until: NaiveDateTime,
    reason: &str,
    log_id: i64,
) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set((
            users::suspended_until.eq(Some(until)),
            users::suspension_reason.eq(Some(reason)),
            users::suspension_log_id.eq(Some(log_id)),
        ))
        .execute(conn)
        .map(drop)
}

/// Lifts a suspension.
pub fn unsuspend(conn: &mut DbConn, id: i64) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set((
            users::suspended_until.eq(None::<NaiveDateTime>),
            users::suspension_reason.eq(None::<String>),
        ))
        .execute(conn)
        .map(drop)
}

/// Bans a member for good.
pub fn ban(conn: &mut DbConn, id: i64) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set(users::banned.eq(true))
        .execute(conn)
        .map(drop)
}

/// The members (not deleted) whose lookup keys are among `keys`: (key, name as registered).
pub fn names_by_keys(conn: &mut DbConn, keys: &[String]) -> QueryResult<Vec<(String, String)>> {
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    users::table
        .filter(users::username_key.eq_any(keys))
        .filter(users::deleted_at.is_null())
        .select((users::username_key, users::username))
        .load(conn)
}

/// The ids of the members named by lookup `keys` who have not deleted their account, in the
/// order of `keys`.
pub fn ids_by_keys(conn: &mut DbConn, keys: &[String]) -> QueryResult<Vec<i64>> {
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    let found: Vec<(String, i64)> = users::table
        .filter(users::username_key.eq_any(keys))
        .filter(users::deleted_at.is_null())
        .select((users::username_key, users::id))
        .load(conn)?;
    Ok(keys
        .iter()
        .filter_map(|k| found.iter().find(|(key, _)| key == k).map(|(_, id)| *id))
        .collect())
}

/// Sets whether member `id` gets notifications by email.
pub fn set_notify_email(conn: &mut DbConn, id: i64, value: NotifyEmail) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set(users::notify_email.eq(value))
        .execute(conn)
        .map(drop)
}
