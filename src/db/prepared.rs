//! Statements the connection keeps prepared although diesel would prepare them again.
//!
//! Diesel keeps a statement prepared (one round trip on PostgreSQL, no parsing on SQLite)
//! only when it knows its text cannot change between runs. It refuses that for every
//! `UPDATE`, for inserts with optional values and for `sql_query` text, because their text
//! can depend on the values. The statements on the posting path are of a fixed shape,
//! though: wrapped in [`Prepared`], the connection keeps them, found again by their text
//! (and bind types), so a statement whose text did change is simply prepared anew.
//!
//! A statement that returns no rows is run with [`Prepared::run`], not `execute`: diesel
//! executes by reference, and a reference loses the wrapper's word (its `QueryFragment`
//! forwards only the text), so the statement would be prepared again.
//!
//! Only for statements of a bounded number of shapes: each distinct text is kept for the
//! connection's life (a multi-row insert of any length would keep one per length).

use diesel::backend::Backend;
use diesel::query_builder::{AstPass, Query, QueryFragment, QueryId};
use diesel::query_dsl::LoadQuery;
use diesel::sql_types::Untyped;
use diesel::{QueryResult, QueryableByName, RunQueryDsl};

use super::DbConn;

/// `query`, kept prepared by the connection under its text. See the module's documentation.
pub fn prepared<Q>(query: Q) -> Prepared<Q> {
    Prepared(query)
}

/// A statement kept prepared under its text; made by [`prepared`].
#[derive(Debug, Clone, Copy)]
pub struct Prepared<Q>(Q);

impl<Q> Prepared<Q> {
    /// Runs a statement that returns no rows (or whose rows are not wanted).
    pub fn run<'q>(self, conn: &mut DbConn) -> QueryResult<()>
    where
        Prepared<NoRows<Q>>: LoadQuery<'q, DbConn, Nothing>,
    {
        Prepared(NoRows(self.0)).load::<Nothing>(conn).map(drop)
    }
}

/// A statement run for its effect: read like a query whose rows are [`Nothing`].
#[derive(Debug, Clone, Copy)]
pub struct NoRows<Q>(Q);

impl<Q> Query for NoRows<Q> {
    type SqlType = Untyped;
}

impl<Q, DB> QueryFragment<DB> for NoRows<Q>
where
    DB: Backend,
    Q: QueryFragment<DB>,
{
    fn walk_ast<'b>(&'b self, pass: AstPass<'_, 'b, DB>) -> QueryResult<()> {
        self.0.walk_ast(pass)
    }
}

impl<Q> QueryId for NoRows<Q> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

/// A row of no columns: what [`Prepared::run`] reads.
#[derive(Debug, QueryableByName)]
pub struct Nothing {}

impl<Q> QueryId for Prepared<Q> {
    // No type-level identity: the cache finds it by its text.
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<Q: Query> Query for Prepared<Q> {
    type SqlType = Q::SqlType;
}

impl<Q, DB> QueryFragment<DB> for Prepared<Q>
where
    DB: Backend,
    Q: QueryFragment<DB>,
{
    fn walk_ast<'b>(&'b self, pass: AstPass<'_, 'b, DB>) -> QueryResult<()> {
        self.0.walk_ast(pass)
    }

    fn is_safe_to_cache_prepared(&self, _backend: &DB) -> QueryResult<bool> {
        Ok(true)
    }
}

impl<Q, Conn> RunQueryDsl<Conn> for Prepared<Q> {}

/// How deep a page's offset is still written into the statement's text (see [`paged`]).
const WRITTEN_OFFSETS: i64 = 3_000;

/// `query` (without a limit of its own) with `LIMIT limit OFFSET offset` written into its text
/// rather than bound. PostgreSQL plans a bound LIMIT as if it could take a tenth of the rows;
/// that generic plan looks dearer than one made for the values, so it plans the statement
/// again on every run (a third of a member's board page). Written in, each page's text is
/// its own statement, kept and planned once. Offsets past [`WRITTEN_OFFSETS`] are bound, so
/// deep pages cannot fill the connection's cache with texts.
pub fn paged<Q>(query: Q, limit: i64, offset: i64) -> Paged<Q> {
    Paged {
        query,
        limit,
        offset,
    }
}

/// A query with its page written in; made by [`paged`].
#[derive(Debug, Clone, Copy)]
pub struct Paged<Q> {
    query: Q,
    limit: i64,
    offset: i64,
}

impl<Q> QueryId for Paged<Q> {
    // The text carries the numbers: the cache finds it by its text.
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<Q: Query> Query for Paged<Q> {
    type SqlType = Q::SqlType;
}

impl<Q, DB> QueryFragment<DB> for Paged<Q>
where
    DB: Backend + diesel::sql_types::HasSqlType<diesel::sql_types::BigInt>,
    i64: diesel::serialize::ToSql<diesel::sql_types::BigInt, DB>,
    Q: QueryFragment<DB>,
{
    fn walk_ast<'b>(&'b self, mut pass: AstPass<'_, 'b, DB>) -> QueryResult<()> {
        self.query.walk_ast(pass.reborrow())?;
        if (0..=WRITTEN_OFFSETS).contains(&self.offset) && (1..=1_000).contains(&self.limit) {
            pass.push_sql(&format!(" LIMIT {} OFFSET {}", self.limit, self.offset));
        } else {
            pass.push_sql(" LIMIT ");
            pass.push_bind_param::<diesel::sql_types::BigInt, _>(&self.limit)?;
            pass.push_sql(" OFFSET ");
            pass.push_bind_param::<diesel::sql_types::BigInt, _>(&self.offset)?;
        }
        Ok(())
    }
}

impl<Q, Conn> RunQueryDsl<Conn> for Paged<Q> {}
