//! What the live schema looks like, to check that both backends' migrations agree.

use diesel::prelude::*;
use diesel::sql_types::{Bool, Text};

use super::DbConn;

/// One column of one application table.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, QueryableByName)]
pub struct ColumnInfo {
    #[diesel(sql_type = Text)]
    pub table_name: String,
    #[diesel(sql_type = Text)]
    pub column_name: String,
    #[diesel(sql_type = Bool)]
    pub not_null: bool,
}

/// Every column of every application table, sorted. The search index is backend-specific
/// (an FTS5 table on SQLite, a table with GIN indexes on PostgreSQL) and left out.
pub fn list_columns(conn: &mut DbConn) -> QueryResult<Vec<ColumnInfo>> {
    let sql = match conn {
        DbConn::Sqlite(_) => {
            "SELECT m.name AS table_name, p.name AS column_name, \
             (p.\"notnull\" = 1 OR p.pk > 0) AS not_null \
             FROM sqlite_master m JOIN pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' \
             AND m.name NOT LIKE '__diesel%' AND m.name NOT LIKE 'post_search%'"
        }
        DbConn::Pg(_) => {
            "SELECT table_name::text AS table_name, column_name::text AS column_name, \
             (is_nullable = 'NO') AS not_null \
             FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name NOT LIKE '__diesel%' \
             AND table_name NOT LIKE 'post_search%'"
        }
    };
    let mut columns = diesel::sql_query(sql).load::<ColumnInfo>(conn)?;
    columns.sort();
    Ok(columns)
}

#[derive(QueryableByName)]
struct Definition {
    #[diesel(sql_type = Text)]
    def: String,
}

/// The names the `CHECK` constraint `<table>_<column>_known` lets into `table.column`, in the
/// order written; empty when there is no such constraint.
pub fn known_names(conn: &mut DbConn, table: &str, column: &str) -> QueryResult<Vec<String>> {
    let constraint = format!("{table}_{column}_known");
    let def = match conn {
        DbConn::Sqlite(_) => diesel::sql_query(
            "SELECT sql AS def FROM sqlite_master WHERE type = 'table' AND name = $1",
        )
        .bind::<Text, _>(table)
        .get_result::<Definition>(conn)
        .optional()?
        .and_then(|d| {
            let start = d.def.find(&format!("CONSTRAINT {constraint} CHECK"))?;
            let rest = &d.def[start..];
            Some(rest[..rest.find("))")?].to_string())
        }),
        DbConn::Pg(_) => diesel::sql_query(
            "SELECT pg_get_constraintdef(c.oid) AS def FROM pg_constraint c \
             JOIN pg_class t ON t.oid = c.conrelid \
             WHERE c.conname = $1 AND t.relname = $2",
        )
        .bind::<Text, _>(&constraint)
        .bind::<Text, _>(table)
        .get_result::<Definition>(conn)
        .optional()?
        .map(|d| d.def),
    };
    // The quoted literals of the definition are the names.
    Ok(def
        .map(|d| {
            d.split('\'')
                .skip(1)
                .step_by(2)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default())
}
