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
