//! Queries on `posts` and `post_revisions`.

use crate::domain::consultation::Filter;
use crate::domain::{ContributionKind, PostStatus};
use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{
    boards, modlog, post_revisions, post_supports, posts, thread_reads, threads, user_ignores,
    users,
};
use super::DbConn;

diesel::alias!(posts as parents: Parents, users as parent_authors: ParentAuthors);

/// A post to create.
#[derive(Debug, Insertable)]
#[diesel(table_name = posts)]
pub struct NewPost<'a> {
    pub thread_id: i64,
    pub author_id: i64,
    pub parent_id: Option<i64>,
    pub body_source: &'a str,
    pub body_html: &'a str,
    pub status: PostStatus,
    pub created_at: NaiveDateTime,
    /// What a reply in a consultation contributes.
    pub kind: Option<ContributionKind>,
}

/// Inserts a post with the next number of its thread and returns its id.
pub fn insert(conn: &mut DbConn, post: &NewPost<'_>) -> QueryResult<i64> {
    // The thread's row hands out numbers: concurrent replies queue on it and never share one.
    let number: i64 = super::prepared(
        diesel::update(threads::table.find(post.thread_id))
            .set(threads::posts_numbered.eq(threads::posts_numbered + 1))
            .returning(threads::posts_numbered),
    )
    .get_result(conn)?;
    super::prepared(
        diesel::insert_into(posts::table)
            .values((post, posts::number.eq(number)))
            .returning(posts::id),
    )
    .get_result(conn)
}

/// A post as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = posts)]
pub struct Post {
    pub id: i64,
    pub thread_id: i64,
    pub author_id: i64,
    pub parent_id: Option<i64>,
    pub body_source: String,
    pub body_html: String,
    pub status: PostStatus,
    pub deleted_by: Option<String>,
    pub revision_count: i32,
    pub edited_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub moderation_log_id: Option<i64>,
    /// How many members support it ("apoyos").
    pub support_count: i64,
    /// Its number in its thread: #1 opens it.
    pub number: i64,
    pub kind: Option<ContributionKind>,
}

/// The post with this id.
pub fn find(conn: &mut DbConn, id: i64) -> QueryResult<Option<Post>> {
    posts::table
        .find(id)
        .select(Post::as_select())
        .first(conn)
        .optional()
}

/// `find` for a write: on PostgreSQL the post's row is locked until the transaction ends, so
/// an edit and a moderator's decision on one post take turns and each sees the other's
/// outcome (SQLite's writers hold the database's write lock already).
pub fn find_to_change(conn: &mut DbConn, id: i64) -> QueryResult<Option<Post>> {
    if let DbConn::Pg(c) = conn {
        return posts::table
            .find(id)
            .select(Post::as_select())
            .for_update()
            .first(c)
            .optional();
    }
    find(conn, id)
}

/// Who is reading a thread: pending posts show only to their author and to moderators.
#[derive(Debug, Clone, Copy, Default)]
pub struct Reader {
    pub user_id: Option<i64>,
    pub moderator: bool,
}

/// The posts `reader` may see, as an expression of the query builder with bound values, so
/// the queries that hold it are prepared once per connection and kept (and on PostgreSQL
/// planned once): the reader's id and standing are parameters, not text.
macro_rules! visible_to {
    ($reader:expr) => {{
        use diesel::IntoSql;
        let reader: Reader = $reader;
        posts::status
            .eq(PostStatus::Published)
            .or(posts::status.eq(PostStatus::Deleted))
            .or(posts::status.eq(PostStatus::Hidden))
            .or(posts::status.eq(PostStatus::Pending).and(
                // Ids are positive: a visitor is the author of nothing.
                posts::author_id
                    .eq(reader.user_id.unwrap_or(0))
                    .or(reader.moderator.into_sql::<diesel::sql_types::Bool>()),
            ))
    }};
}

/// The posts a consultation's filter keeps (a SQL condition built only from known names):
/// the question always, and the contributions of the group and kind asked for. Text, so a
/// query holding it is prepared on each run: only filtered pages use it.
fn contributions(filter: Filter) -> diesel::expression::SqlLiteral<diesel::sql_types::Bool> {
    let mut conditions = Vec::new();
    if let Some(kind) = filter.kind {
        conditions.push(format!("posts.kind = '{}'", kind.as_str()));
    }
    if let Some(group) = filter.stakeholder {
        conditions.push(format!(
            "EXISTS (SELECT 1 FROM users fu WHERE fu.id = posts.author_id AND fu.stakeholder = '{}')",
            group.as_str()
        ));
    }
    if conditions.is_empty() {
        return diesel::dsl::sql("TRUE");
    }
    diesel::dsl::sql(&format!(
        "(posts.number = 1 OR ({}))",
        conditions.join(" AND ")
    ))
}

/// Where a post sits in its thread (1-based) among the posts `reader` sees.
pub fn position(
    conn: &mut DbConn,
    thread_id: i64,
    post_id: i64,
    reader: Reader,
) -> QueryResult<i64> {
    posts::table
        .filter(posts::thread_id.eq(thread_id))
        .filter(posts::id.le(post_id))
        .filter(visible_to!(reader))
        .count()
        .get_result(conn)
}

/// The thread's opening post.
pub fn first_id(conn: &mut DbConn, thread_id: i64) -> QueryResult<Option<i64>> {
    posts::table
        .filter(posts::thread_id.eq(thread_id))
        .select(diesel::dsl::min(posts::id))
        .first(conn)
}

/// The first published post of a thread after post `after`, else its last published post.
pub fn first_published_after(
    conn: &mut DbConn,
    thread_id: i64,
    after: i64,
) -> QueryResult<Option<i64>> {
    let published = posts::table
        .filter(posts::thread_id.eq(thread_id))
        .filter(posts::status.eq(PostStatus::Published));
    let next = published
        .filter(posts::id.gt(after))
        .select(diesel::dsl::min(posts::id))
        .first::<Option<i64>>(conn)?;
    match next {
        Some(id) => Ok(Some(id)),
        None => published.select(diesel::dsl::max(posts::id)).first(conn),
    }
}

/// How many posts `reader` sees in a thread.
pub fn count_shown(
    conn: &mut DbConn,
    thread_id: i64,
    reader: Reader,
    filter: Filter,
) -> QueryResult<i64> {
    let shown = posts::table
        .filter(posts::thread_id.eq(thread_id))
        .filter(visible_to!(reader));
    if filter.is_empty() {
        shown.count().get_result(conn)
    } else {
        shown.filter(contributions(filter)).count().get_result(conn)
    }
}

/// One post of a thread page, with its author and what it answers.
#[derive(Debug, Clone, Queryable)]
pub struct PostRow {
    pub post: Post,
    pub author: String,
    pub author_deleted: Option<NaiveDateTime>,
    pub parent_html: Option<String>,
    pub parent_status: Option<PostStatus>,
    pub parent_number: Option<i64>,
    pub parent_author: Option<String>,
    pub parent_author_deleted: Option<NaiveDateTime>,
    pub moderation_rule: Option<i32>,
    /// When the reader supported the post, if they do.
    pub supported_at: Option<NaiveDateTime>,
    /// When the reader started ignoring its author, if they do.
    pub author_ignored_at: Option<NaiveDateTime>,
    /// The last post of the thread the reader had read (the same on every row).
    pub read_through: Option<i64>,
    pub author_label: super::stakeholders::LabelColumns,
}

/// A page of a thread's posts in time order, with what the reader supports, whom they ignore
/// and where they stopped reading, in one query.
pub fn list_for_thread(
    conn: &mut DbConn,
    thread_id: i64,
    reader: Reader,
    filter: Filter,
    limit: i64,
    offset: i64,
) -> QueryResult<Vec<PostRow>> {
    // Ids are positive: a visitor matches no support and no ignore.
    let reading_member = reader.user_id.unwrap_or(0);
    let page = posts::table
        .inner_join(users::table.on(users::id.eq(posts::author_id)))
        .left_join(parents.on(parents.field(posts::id).nullable().eq(posts::parent_id)))
        .left_join(
            parent_authors.on(parent_authors
                .field(users::id)
                .nullable()
                .eq(parents.field(posts::author_id).nullable())),
        )
        .left_join(modlog::table.on(modlog::id.nullable().eq(posts::moderation_log_id)))
        .left_join(
            post_supports::table.on(post_supports::post_id
                .eq(posts::id)
                .and(post_supports::user_id.eq(reading_member))),
        )
        .left_join(
            user_ignores::table.on(user_ignores::ignored_id
                .eq(posts::author_id)
                .and(user_ignores::user_id.eq(reading_member))),
        )
        .left_join(
            thread_reads::table.on(thread_reads::thread_id
                .eq(posts::thread_id)
                .and(thread_reads::user_id.eq(reading_member))),
        )
        .filter(posts::thread_id.eq(thread_id))
        .filter(visible_to!(reader))
        .order(posts::id.asc())
        .select((
            Post::as_select(),
            users::username,
            users::deleted_at,
            parents.field(posts::body_html).nullable(),
            parents.field(posts::status).nullable(),
            parents.field(posts::number).nullable(),
            parent_authors.field(users::username).nullable(),
            parent_authors.field(users::deleted_at).nullable(),
            modlog::rule_number.nullable(),
            post_supports::created_at.nullable(),
            user_ignores::created_at.nullable(),
            thread_reads::last_read_post_id.nullable(),
            super::stakeholders::LABEL,
        ));
    if filter.is_empty() {
        super::paged(page, limit, offset).load(conn)
    } else {
        super::paged(page.filter(contributions(filter)), limit, offset).load(conn)
    }
}

/// The authors of thread `thread_id`'s posts awaiting approval (each sees theirs).
pub fn pending_authors(conn: &mut DbConn, thread_id: i64) -> QueryResult<Vec<i64>> {
    posts::table
        .filter(posts::thread_id.eq(thread_id))
        .filter(posts::status.eq(PostStatus::Pending))
        .select(posts::author_id)
        .distinct()
        .load(conn)
}

/// A member's own marks on a page of a thread: where they stopped reading it, whether they
/// watch it, which of its posts they support and whom they ignore.
#[derive(Debug, Default, QueryableByName)]
pub struct Marks {
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::BigInt>)]
    pub read_through: Option<i64>,
    #[diesel(sql_type = diesel::sql_types::Bool)]
    pub watching: bool,
    /// Supported posts' ids, comma-separated.
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    supported: Option<String>,
    /// Ignored members' ids, comma-separated.
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    ignored: Option<String>,
}

impl Marks {
    /// Whether they support post `id`.
    pub fn supports(&self, id: i64) -> bool {
        Self::lists(self.supported.as_deref(), id)
    }

    /// Whether they ignore member `id`.
    pub fn ignores(&self, id: i64) -> bool {
        Self::lists(self.ignored.as_deref(), id)
    }

    fn lists(ids: Option<&str>, id: i64) -> bool {
        ids.is_some_and(|ids| ids.split(',').any(|i| i.parse() == Ok(id)))
    }
}

/// Member `user_id`'s marks on thread `thread_id`, supports among posts `first..=last`: one
/// statement, kept prepared.
pub fn marks(
    conn: &mut DbConn,
    user_id: i64,
    thread_id: i64,
    first: i64,
    last: i64,
) -> QueryResult<Marks> {
    use diesel::sql_types::BigInt;
    super::prepared(
        diesel::sql_query(
            "SELECT \
             (SELECT last_read_post_id FROM thread_reads WHERE user_id = $1 AND thread_id = $2) \
               AS read_through, \
             EXISTS (SELECT 1 FROM thread_watches WHERE user_id = $1 AND thread_id = $2) \
               AS watching, \
             (SELECT string_agg(CAST(post_id AS TEXT), ',') FROM post_supports \
               WHERE user_id = $1 AND post_id BETWEEN $3 AND $4) AS supported, \
             (SELECT string_agg(CAST(ignored_id AS TEXT), ',') FROM user_ignores \
               WHERE user_id = $1) AS ignored",
        )
        .bind::<BigInt, _>(user_id)
        .bind::<BigInt, _>(thread_id)
        .bind::<BigInt, _>(first)
        .bind::<BigInt, _>(last),
    )
    .get_result(conn)
}

/// One entry of a feed or a profile: a published post with its thread and board.
#[derive(Debug, Clone, Queryable)]
pub struct PostEntry {
    pub id: i64,
    pub body_html: String,
    pub created_at: NaiveDateTime,
    pub edited_at: Option<NaiveDateTime>,
    pub thread_id: i64,
    pub thread_title: String,
    pub board_slug: String,
    pub author: String,
    pub author_deleted: Option<NaiveDateTime>,
    pub author_label: super::stakeholders::LabelColumns,
}

/// Which published posts to list, newest first.
#[derive(Debug, Clone, Copy)]
pub enum Scope {
    Board(i64),
    Thread(i64),
    Author(i64),
}

/// The newest published posts in a board, a thread or by an author.
pub fn list_recent(conn: &mut DbConn, scope: Scope, limit: i64) -> QueryResult<Vec<PostEntry>> {
    list_recent_from(conn, scope, limit, 0)
}

/// Like `list_recent`, skipping the `offset` newest (an author's or a thread's pages; a
/// board's newest are only ever read from the start).
pub fn list_recent_from(
    conn: &mut DbConn,
    scope: Scope,
    limit: i64,
    offset: i64,
) -> QueryResult<Vec<PostEntry>> {
    debug_assert!(offset == 0 || !matches!(scope, Scope::Board(_)));
    let mut query = posts::table
        .inner_join(threads::table.inner_join(boards::table))
        .inner_join(users::table.on(users::id.eq(posts::author_id)))
        .filter(posts::status.eq(PostStatus::Published))
        .filter(threads::status.eq(PostStatus::Published))
        .into_boxed();
    query = match scope {
        Scope::Board(id) => {
            // The newest posts of a board live in its most recently active threads: if the
            // `limit` threads with the latest activity all had a post at or after `since`,
            // there are `limit` posts at least that new, so no older post and no other thread
            // can be among the newest. Reading those threads from `since` on stays cheap at
            // a million posts, where sorting every post of the board took 1.5 s.
            let top: Vec<(i64, NaiveDateTime)> = threads::table
                .filter(threads::board_id.eq(id))
                .filter(threads::status.eq(PostStatus::Published))
                .order(threads::last_post_at.desc())
                .limit(limit)
                .select((threads::id, threads::last_post_at))
                .load(conn)?;
            let since = match top.last() {
                Some(last) if top.len() as i64 == limit => Some(last.1),
                _ => None,
            };
            let ids: Vec<i64> = top.iter().map(|t| t.0).collect();
            let query = query.filter(posts::thread_id.eq_any(ids));
            match since {
                Some(since) => query.filter(posts::created_at.ge(since)),
                None => query,
            }
            .order((posts::created_at.desc(), posts::id.desc()))
        }
        Scope::Thread(id) => query
            .filter(posts::thread_id.eq(id))
            .order(posts::id.desc()),
        Scope::Author(id) => query
            .filter(posts::author_id.eq(id))
            .order(posts::id.desc()),
    };
    query
        .limit(limit)
        .offset(offset)
        .select((
            posts::id,
            posts::body_html,
            posts::created_at,
            posts::edited_at,
            posts::thread_id,
            threads::title,
            boards::slug,
            users::username,
            users::deleted_at,
            super::stakeholders::LABEL,
        ))
        .load(conn)
}

/// Replaces a post's body after an edit, only while its status is still `status` (so an edit
/// never lands on a post a moderator hid in the meantime); false when it was not.
pub fn update_body(
    conn: &mut DbConn,
    id: i64,
    status: PostStatus,
    source: &str,
    html: &str,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    diesel::update(posts::table.find(id).filter(posts::status.eq(status)))
        .set((
            posts::body_source.eq(source),
            posts::body_html.eq(html),
            posts::edited_at.eq(Some(at)),
            posts::revision_count.eq(posts::revision_count + 1),
        ))
        .execute(conn)
        .map(|n| n == 1)
}

/// Leaves a tombstone, only while the post's status is still `status`: the body is gone, who
/// deleted it stays. False when the status had changed.
pub fn mark_deleted(conn: &mut DbConn, id: i64, status: PostStatus, by: &str) -> QueryResult<bool> {
    diesel::update(posts::table.find(id).filter(posts::status.eq(status)))
        .set((
            posts::status.eq(PostStatus::Deleted),
            posts::deleted_by.eq(Some(by)),
            posts::body_source.eq(""),
            posts::body_html.eq(""),
        ))
        .execute(conn)
        .map(|n| n == 1)
}

/// A revision: the body as it was before an edit.
#[derive(Debug, Clone, Queryable)]
pub struct Revision {
    pub id: i64,
    pub body_source: String,
    pub reason: Option<String>,
    pub created_at: NaiveDateTime,
    pub editor: String,
}

/// Keeps the body a post had before an edit.
pub fn insert_revision(
    conn: &mut DbConn,
    post_id: i64,
    editor_id: i64,
    previous: &str,
    reason: Option<&str>,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(post_revisions::table)
        .values((
            post_revisions::post_id.eq(post_id),
            post_revisions::editor_id.eq(editor_id),
            post_revisions::body_source.eq(previous),
            post_revisions::reason.eq(reason),
            post_revisions::created_at.eq(at),
        ))
        .execute(conn)
        .map(drop)
}

/// A post's earlier versions, oldest first.
pub fn list_revisions(conn: &mut DbConn, post_id: i64) -> QueryResult<Vec<Revision>> {
    post_revisions::table
        .inner_join(users::table.on(users::id.eq(post_revisions::editor_id)))
        .filter(post_revisions::post_id.eq(post_id))
        .order(post_revisions::id.asc())
        .select((
            post_revisions::id,
            post_revisions::body_source,
            post_revisions::reason,
            post_revisions::created_at,
            users::username,
        ))
        .load(conn)
}

/// The post an earlier version belongs to.
pub fn revision_post(conn: &mut DbConn, revision_id: i64) -> QueryResult<Option<i64>> {
    post_revisions::table
        .find(revision_id)
        .select(post_revisions::post_id)
        .first(conn)
        .optional()
}

/// Forgets one earlier version (it exposed personal data).
pub fn delete_revision(conn: &mut DbConn, revision_id: i64) -> QueryResult<()> {
    diesel::delete(post_revisions::table.find(revision_id))
        .execute(conn)
        .map(drop)
}

/// Forgets a post's earlier versions (when its author deletes it).
pub fn delete_revisions(conn: &mut DbConn, post_id: i64) -> QueryResult<()> {
    diesel::delete(post_revisions::table.filter(post_revisions::post_id.eq(post_id)))
        .execute(conn)
        .map(drop)
}

/// Moves a post from status `from` to `to`, citing the log entry that explains it; false when
/// the post was no longer in `from` (another decision came first).
pub fn transition(
    conn: &mut DbConn,
    id: i64,
    from: PostStatus,
    to: PostStatus,
    log_id: Option<i64>,
) -> QueryResult<bool> {
    diesel::update(posts::table.find(id).filter(posts::status.eq(from)))
        .set((posts::status.eq(to), posts::moderation_log_id.eq(log_id)))
        .execute(conn)
        .map(|n| n == 1)
}

/// Which of these posts are published.
pub fn published_among(conn: &mut DbConn, ids: &[i64]) -> QueryResult<Vec<i64>> {
    posts::table
        .filter(posts::id.eq_any(ids))
        .filter(posts::status.eq(PostStatus::Published))
        .select(posts::id)
        .load(conn)
}

/// How many of member `author_id`'s posts wait for review.
pub fn count_held(conn: &mut DbConn, author_id: i64) -> QueryResult<i64> {
    posts::table
        .filter(posts::author_id.eq(author_id))
        .filter(posts::status.eq(PostStatus::Pending))
        .count()
        .get_result(conn)
}
