//! Reads for a thread's open data and its printable report: the published posts with their
//! authors' labels, a page at a time in id order (keyset on the `posts_thread` index), so an
//! export of any length streams with flat memory.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{posts, users};
use super::DbConn;
use crate::domain::{ContributionKind, PostStatus};

/// One published post as exports and the report show it.
#[derive(Debug, Clone, Queryable)]
pub struct ExportRow {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub number: i64,
    pub created_at: NaiveDateTime,
    pub kind: Option<ContributionKind>,
    pub body_source: String,
    pub author: String,
    pub author_deleted: Option<NaiveDateTime>,
    pub stakeholder: Option<String>,
    pub organization: Option<String>,
    pub verified_at: Option<NaiveDateTime>,
}

/// What an export row reads: the post and its author's name and label.
type Columns = (
    posts::id,
    posts::parent_id,
    posts::number,
    posts::created_at,
    posts::kind,
    posts::body_source,
    users::username,
    users::deleted_at,
    users::stakeholder,
    users::organization,
    users::affiliation_verified_at,
);
const COLUMNS: Columns = (
    posts::id,
    posts::parent_id,
    posts::number,
    posts::created_at,
    posts::kind,
    posts::body_source,
    users::username,
    users::deleted_at,
    users::stakeholder,
    users::organization,
    users::affiliation_verified_at,
);

/// The published posts of thread `thread_id` after post `after`, at most `limit`, oldest
/// first: one query, without their HTML (exports carry the Markdown source).
pub fn published_page(
    conn: &mut DbConn,
    thread_id: i64,
    after: i64,
    limit: i64,
) -> QueryResult<Vec<ExportRow>> {
    posts::table
        .inner_join(users::table.on(users::id.eq(posts::author_id)))
        .filter(posts::thread_id.eq(thread_id))
        .filter(posts::id.gt(after))
        .filter(posts::status.eq(PostStatus::Published))
        .order(posts::id.asc())
        .limit(limit)
        .select(COLUMNS)
        .load(conn)
}

/// Every published post of thread `thread_id`, oldest first, with its HTML: one query (the
/// printable report shows them all on one page).
pub fn published_with_html(
    conn: &mut DbConn,
    thread_id: i64,
) -> QueryResult<Vec<(ExportRow, String)>> {
    posts::table
        .inner_join(users::table.on(users::id.eq(posts::author_id)))
        .filter(posts::thread_id.eq(thread_id))
        .filter(posts::status.eq(PostStatus::Published))
        .order(posts::id.asc())
        .select((COLUMNS, posts::body_html))
        .load(conn)
}
