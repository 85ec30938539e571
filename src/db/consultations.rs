//! Queries on `consultations` and their synthesis revisions. A consultation is a thread: its
//! first post is the question, its replies the contributions.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text};

use super::schema::{consultations, synthesis_revisions, threads};
use super::DbConn;
use crate::domain::consultation::Schedule;

/// A consultation as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = consultations)]
pub struct Consultation {
    pub thread_id: i64,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub closed_at: Option<NaiveDateTime>,
    pub close_reason: Option<String>,
    pub synthesis_source: Option<String>,
    pub synthesis_html: Option<String>,
    pub synthesis_published_at: Option<NaiveDateTime>,
    pub created_by: Option<i64>,
    pub created_at: NaiveDateTime,
}

impl Consultation {
    /// What its phase depends on.
    pub fn schedule(&self) -> Schedule {
        Schedule {
            opens_on: self.opens_on,
            closes_on: self.closes_on,
            closed_early: self.closed_at.is_some(),
            synthesis_published: self.synthesis_published_at.is_some(),
        }
    }
}

/// A consultation to create.
#[derive(Debug, Insertable)]
#[diesel(table_name = consultations)]
pub struct NewConsultation {
    pub thread_id: i64,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub created_by: Option<i64>,
    pub created_at: NaiveDateTime,
}

/// Creates the consultation of thread `c.thread_id`, a draft until `opens_at` (UTC).
pub fn insert(
    conn: &mut DbConn,
    new: &NewConsultation,
    opens_at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(consultations::table)
        .values(new)
        .execute(conn)?;
    diesel::update(threads::table.find(new.thread_id))
        .set(threads::opens_at.eq(Some(opens_at)))
        .execute(conn)
        .map(drop)
}

/// The consultation of thread `thread_id`, if it is one.
pub fn find(conn: &mut DbConn, thread_id: i64) -> QueryResult<Option<Consultation>> {
    consultations::table
        .find(thread_id)
        .select(Consultation::as_select())
        .first(conn)
        .optional()
}

/// One consultation in a list, with its thread and board.
#[derive(Debug, Clone, Queryable)]
pub struct ListRow {
    pub consultation: Consultation,
    pub title: String,
    pub board_slug: String,
    pub board_name_es: String,
    pub board_name_en: String,
    pub reply_count: i64,
}

/// Consultations whose last day is `from` or later (those still to come or open), or, with
/// `closed`, the others and those closed early, newest first; at most `limit`.
pub fn list(
    conn: &mut DbConn,
    today: NaiveDate,
    closed: bool,
    limit: i64,
) -> QueryResult<Vec<ListRow>> {
    use super::schema::boards;
    let query = consultations::table
        .inner_join(threads::table.inner_join(boards::table))
        .filter(threads::status.eq(crate::domain::PostStatus::Published))
        .select((
            Consultation::as_select(),
            threads::title,
            boards::slug,
            boards::name_es,
            boards::name_en,
            threads::reply_count,
        ))
        .limit(limit)
        .into_boxed();
    let still = consultations::closes_on
        .ge(today)
        .and(consultations::closed_at.is_null())
        .and(consultations::synthesis_published_at.is_null());
    if closed {
        query
            .filter(diesel::dsl::not(still))
            .order((
                consultations::closes_on.desc(),
                consultations::thread_id.desc(),
            ))
            .load(conn)
    } else {
        query
            .filter(still)
            .order((
                consultations::closes_on.asc(),
                consultations::thread_id.asc(),
            ))
            .load(conn)
    }
}

/// Closes a consultation before its date; false when it was already closed.
pub fn close(
    conn: &mut DbConn,
    thread_id: i64,
    reason: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    diesel::update(
        consultations::table
            .find(thread_id)
            .filter(consultations::closed_at.is_null()),
    )
    .set((
        consultations::closed_at.eq(Some(now)),
        consultations::close_reason.eq(Some(reason)),
    ))
    .execute(conn)
    .map(|n| n == 1)
}

/// Saves a revision of the synthesis and makes it the current text.
pub fn save_synthesis(
    conn: &mut DbConn,
    thread_id: i64,
    source: &str,
    html: &str,
    author_id: i64,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(synthesis_revisions::table)
        .values((
            synthesis_revisions::thread_id.eq(thread_id),
            synthesis_revisions::body_source.eq(source),
            synthesis_revisions::author_id.eq(Some(author_id)),
            synthesis_revisions::created_at.eq(now),
        ))
        .execute(conn)?;
    diesel::update(consultations::table.find(thread_id))
        .set((
            consultations::synthesis_source.eq(Some(source)),
            consultations::synthesis_html.eq(Some(html)),
        ))
        .execute(conn)
        .map(drop)
}

/// Publishes the synthesis once; false when it already was.
pub fn publish_synthesis(
    conn: &mut DbConn,
    thread_id: i64,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    diesel::update(
        consultations::table
            .find(thread_id)
            .filter(consultations::synthesis_published_at.is_null())
            .filter(consultations::synthesis_source.is_not_null()),
    )
    .set(consultations::synthesis_published_at.eq(Some(now)))
    .execute(conn)
    .map(|n| n == 1)
}

/// How many revisions the synthesis has.
pub fn revision_count(conn: &mut DbConn, thread_id: i64) -> QueryResult<i64> {
    synthesis_revisions::table
        .filter(synthesis_revisions::thread_id.eq(thread_id))
        .count()
        .get_result(conn)
}

/// Published contributions (replies, not the question) counted by stakeholder group and by
/// kind: one row per (group, kind) pair present; either may be absent.
#[derive(Debug, Clone, QueryableByName)]
pub struct CountRow {
    #[diesel(sql_type = Nullable<Text>)]
    pub stakeholder: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub kind: Option<String>,
    #[diesel(sql_type = BigInt)]
    pub n: i64,
}

/// The contribution counts of consultation `thread_id`, in one query.
pub fn counts(conn: &mut DbConn, thread_id: i64) -> QueryResult<Vec<CountRow>> {
    diesel::sql_query(
        "SELECT u.stakeholder AS stakeholder, p.kind AS kind, COUNT(*) AS n \
         FROM posts p JOIN users u ON u.id = p.author_id \
         WHERE p.thread_id = $1 AND p.status = 'published' AND p.number > 1 \
         GROUP BY u.stakeholder, p.kind",
    )
    .bind::<BigInt, _>(thread_id)
    .load(conn)
}

/// Members to tell that the synthesis of `thread_id` is out: everyone with a published post
/// in it and everyone watching it, but not `except` (who published it).
pub fn audience(conn: &mut DbConn, thread_id: i64, except: i64) -> QueryResult<Vec<i64>> {
    #[derive(QueryableByName)]
    struct Id {
        #[diesel(sql_type = BigInt)]
        id: i64,
    }
    let rows: Vec<Id> = diesel::sql_query(
        "SELECT u.id FROM users u WHERE u.deleted_at IS NULL AND u.id IN ( \
           SELECT p.author_id FROM posts p WHERE p.thread_id = $1 AND p.status = 'published' \
           UNION SELECT w.user_id FROM thread_watches w WHERE w.thread_id = $1) ORDER BY u.id",
    )
    .bind::<BigInt, _>(thread_id)
    .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|r| r.id)
        .filter(|id| *id != except)
        .collect())
}
