//! Queries on `boards`.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::boards;
use super::DbConn;

/// A board as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = boards)]
pub struct Board {
    pub id: i64,
    pub slug: String,
    pub name_es: String,
    pub name_en: String,
    pub description_es: String,
    pub description_en: String,
    pub position: i32,
    pub archived: bool,
    pub thread_count: i64,
    pub post_count: i64,
    pub last_activity_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub review_all: bool,
}

/// A board to create.
#[derive(Debug, Insertable)]
#[diesel(table_name = boards)]
pub struct NewBoard<'a> {
    pub slug: &'a str,
    pub name_es: &'a str,
    pub name_en: &'a str,
    pub description_es: &'a str,
    pub description_en: &'a str,
    pub position: i32,
    pub created_at: NaiveDateTime,
}

/// Boards that are not archived, in their set order.
pub fn list_active(conn: &mut DbConn) -> QueryResult<Vec<Board>> {
    boards::table
        .filter(boards::archived.eq(false))
        .order((boards::position.asc(), boards::id.asc()))
        .select(Board::as_select())
        .load(conn)
}

/// The board with this slug, archived or not.
pub fn find_by_slug(conn: &mut DbConn, slug: &str) -> QueryResult<Option<Board>> {
    boards::table
        .filter(boards::slug.eq(slug))
        .select(Board::as_select())
        .first(conn)
        .optional()
}

/// How many boards exist, archived included.
pub fn count_all(conn: &mut DbConn) -> QueryResult<i64> {
    boards::table.count().get_result(conn)
}

/// Inserts one board.
pub fn insert(conn: &mut DbConn, board: &NewBoard<'_>) -> QueryResult<()> {
    diesel::insert_into(boards::table)
        .values(board)
        .execute(conn)
        .map(drop)
}

/// Counts a new published post (and thread) in the board's totals.
pub fn record_post(
    conn: &mut DbConn,
    id: i64,
    new_thread: bool,
    at: NaiveDateTime,
) -> QueryResult<()> {
    super::prepared(diesel::update(boards::table.find(id)).set((
        boards::thread_count.eq(boards::thread_count + i64::from(new_thread)),
        boards::post_count.eq(boards::post_count + 1),
        boards::last_activity_at.eq(Some(at)),
    )))
    .run(conn)
}

/// One published post fewer in the board's totals.
pub fn remove_post(conn: &mut DbConn, id: i64) -> QueryResult<()> {
    diesel::update(boards::table.find(id))
        .set(boards::post_count.eq(boards::post_count - 1))
        .execute(conn)
        .map(drop)
}

/// Moves `threads` threads and `posts` published posts from one board's totals to another's.
pub fn transfer_counts(
    conn: &mut DbConn,
    from: i64,
    to: i64,
    threads: i64,
    posts: i64,
) -> QueryResult<()> {
    diesel::update(boards::table.find(from))
        .set((
            boards::thread_count.eq(boards::thread_count - threads),
            boards::post_count.eq(boards::post_count - posts),
        ))
        .execute(conn)?;
    diesel::update(boards::table.find(to))
        .set((
            boards::thread_count.eq(boards::thread_count + threads),
            boards::post_count.eq(boards::post_count + posts),
        ))
        .execute(conn)
        .map(drop)
}

/// Every board, archived too, in order (for admins).
pub fn list_all(conn: &mut DbConn) -> QueryResult<Vec<Board>> {
    boards::table
        .order((boards::position.asc(), boards::id.asc()))
        .select(Board::as_select())
        .load(conn)
}

/// The editable fields of a board.
#[derive(Debug, AsChangeset)]
#[diesel(table_name = boards)]
pub struct BoardChanges<'a> {
    pub name_es: &'a str,
    pub name_en: &'a str,
    pub description_es: &'a str,
    pub description_en: &'a str,
    pub position: i32,
    pub archived: bool,
    pub review_all: bool,
}

/// Saves a board's editable fields.
pub fn update(conn: &mut DbConn, id: i64, changes: &BoardChanges<'_>) -> QueryResult<()> {
    diesel::update(boards::table.find(id))
        .set(changes)
        .execute(conn)
        .map(drop)
}
