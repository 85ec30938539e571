//! Queries on `subscribers`, `subscriptions` and `subscription_requests`: who receives which
//! boards' digests, and email-only requests waiting for their confirmation.

use crate::domain::{Frequency, Locale};
use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{
    subscribers, subscription_request_boards, subscription_requests, subscriptions,
};
use super::DbConn;

/// A digest recipient: a member (`user_id`) or an email-only subscriber (`email`).
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = subscribers)]
pub struct Subscriber {
    pub id: i64,
    pub user_id: Option<i64>,
    pub email: Option<String>,
    pub locale: Locale,
    pub unsubscribe_key: String,
    pub created_at: NaiveDateTime,
}

/// A recipient to create.
#[derive(Debug, Insertable)]
#[diesel(table_name = subscribers)]
pub struct NewSubscriber<'a> {
    pub user_id: Option<i64>,
    pub email: Option<&'a str>,
    pub locale: Locale,
    pub unsubscribe_key: &'a str,
    pub created_at: NaiveDateTime,
}

/// Inserts a recipient and returns it.
pub fn insert(conn: &mut DbConn, s: &NewSubscriber<'_>) -> QueryResult<Subscriber> {
    let id: i64 = diesel::insert_into(subscribers::table)
        .values(s)
        .returning(subscribers::id)
        .get_result(conn)?;
    find(conn, id)?.ok_or(diesel::result::Error::NotFound)
}

/// The recipient with this id.
pub fn find(conn: &mut DbConn, id: i64) -> QueryResult<Option<Subscriber>> {
    subscribers::table
        .find(id)
        .select(Subscriber::as_select())
        .first(conn)
        .optional()
}

/// The recipient row of a member.
pub fn find_by_user(conn: &mut DbConn, user_id: i64) -> QueryResult<Option<Subscriber>> {
    subscribers::table
        .filter(subscribers::user_id.eq(user_id))
        .select(Subscriber::as_select())
        .first(conn)
        .optional()
}

/// The email-only recipient with this address.
pub fn find_by_email(conn: &mut DbConn, email: &str) -> QueryResult<Option<Subscriber>> {
    subscribers::table
        .filter(subscribers::email.eq(email))
        .select(Subscriber::as_select())
        .first(conn)
        .optional()
}

/// The recipient whose unsubscribe links carry `key`.
pub fn find_by_key(conn: &mut DbConn, key: &str) -> QueryResult<Option<Subscriber>> {
    subscribers::table
        .filter(subscribers::unsubscribe_key.eq(key))
        .select(Subscriber::as_select())
        .first(conn)
        .optional()
}

/// Sets the language of an email-only recipient's digests.
pub fn update_locale(conn: &mut DbConn, id: i64, locale: Locale) -> QueryResult<()> {
    diesel::update(subscribers::table.find(id))
        .set(subscribers::locale.eq(locale))
        .execute(conn)
        .map(drop)
}

/// A recipient's boards and how often, by board id.
pub fn list_boards(conn: &mut DbConn, subscriber_id: i64) -> QueryResult<Vec<(i64, Frequency)>> {
    subscriptions::table
        .filter(subscriptions::subscriber_id.eq(subscriber_id))
        .order(subscriptions::board_id.asc())
        .select((subscriptions::board_id, subscriptions::frequency))
        .load(conn)
}

/// Replaces a recipient's boards with `choices` (board id, frequency).
pub fn replace_boards(
    conn: &mut DbConn,
    subscriber_id: i64,
    choices: &[(i64, Frequency)],
    now: NaiveDateTime,
) -> QueryResult<()> {
    delete_all(conn, subscriber_id)?;
    for (board_id, frequency) in choices {
        diesel::insert_into(subscriptions::table)
            .values((
                subscriptions::subscriber_id.eq(subscriber_id),
                subscriptions::board_id.eq(board_id),
                subscriptions::frequency.eq(frequency),
                subscriptions::created_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Ends every subscription of a recipient; returns how many there were.
pub fn delete_all(conn: &mut DbConn, subscriber_id: i64) -> QueryResult<usize> {
    diesel::delete(subscriptions::table.filter(subscriptions::subscriber_id.eq(subscriber_id)))
        .execute(conn)
}

/// Which of `subscriber_ids` get which boards at `frequency`: (subscriber id, board id).
pub fn list_for_recipients(
    conn: &mut DbConn,
    subscriber_ids: &[i64],
    frequency: Frequency,
) -> QueryResult<Vec<(i64, i64)>> {
    subscriptions::table
        .filter(subscriptions::subscriber_id.eq_any(subscriber_ids))
        .filter(subscriptions::frequency.eq(frequency))
        .order((subscriptions::subscriber_id, subscriptions::board_id))
        .select((subscriptions::subscriber_id, subscriptions::board_id))
        .load(conn)
}

/// An email-only request waiting for confirmation.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = subscription_requests)]
pub struct Request {
    pub id: i64,
    pub subscriber_id: i64,
    pub token_hash: String,
    pub frequency: Frequency,
    pub locale: Locale,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
}

/// A request to store.
#[derive(Debug, Insertable)]
#[diesel(table_name = subscription_requests)]
pub struct NewRequest<'a> {
    pub subscriber_id: i64,
    pub token_hash: &'a str,
    pub frequency: Frequency,
    pub locale: Locale,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
}

/// Stores a request for the boards with these ids.
pub fn insert_request(conn: &mut DbConn, r: &NewRequest<'_>, boards: &[i64]) -> QueryResult<()> {
    let id: i64 = diesel::insert_into(subscription_requests::table)
        .values(r)
        .returning(subscription_requests::id)
        .get_result(conn)?;
    // One row per board (a handful): the two-backend connection has no multi-row insert.
    for board in boards {
        diesel::insert_into(subscription_request_boards::table)
            .values((
                subscription_request_boards::request_id.eq(id),
                subscription_request_boards::board_id.eq(board),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// The ids of the boards a request asks for, in id order.
pub fn request_boards(conn: &mut DbConn, request_id: i64) -> QueryResult<Vec<i64>> {
    subscription_request_boards::table
        .filter(subscription_request_boards::request_id.eq(request_id))
        .order(subscription_request_boards::board_id)
        .select(subscription_request_boards::board_id)
        .load(conn)
}

/// The request whose link carries the token with this hash.
pub fn find_request(conn: &mut DbConn, token_hash: &str) -> QueryResult<Option<Request>> {
    subscription_requests::table
        .filter(subscription_requests::token_hash.eq(token_hash))
        .select(Request::as_select())
        .first(conn)
        .optional()
}

/// When the newest request for a recipient was made.
pub fn latest_request_at(
    conn: &mut DbConn,
    subscriber_id: i64,
) -> QueryResult<Option<NaiveDateTime>> {
    subscription_requests::table
        .filter(subscription_requests::subscriber_id.eq(subscriber_id))
        .select(diesel::dsl::max(subscription_requests::created_at))
        .first(conn)
}

/// Uses a request once: true only for the first caller.
pub fn mark_request_used(conn: &mut DbConn, id: i64, now: NaiveDateTime) -> QueryResult<bool> {
    let updated = diesel::update(
        subscription_requests::table
            .find(id)
            .filter(subscription_requests::used_at.is_null()),
    )
    .set(subscription_requests::used_at.eq(Some(now)))
    .execute(conn)?;
    Ok(updated == 1)
}

/// Forgets email-only addresses that never confirmed: no subscription and no request left.
pub fn delete_unconfirmed(conn: &mut DbConn) -> QueryResult<usize> {
    diesel::delete(
        subscribers::table
            .filter(subscribers::user_id.is_null())
            .filter(diesel::dsl::not(diesel::dsl::exists(
                subscriptions::table.filter(subscriptions::subscriber_id.eq(subscribers::id)),
            )))
            .filter(diesel::dsl::not(diesel::dsl::exists(
                subscription_requests::table
                    .filter(subscription_requests::subscriber_id.eq(subscribers::id)),
            ))),
    )
    .execute(conn)
}
