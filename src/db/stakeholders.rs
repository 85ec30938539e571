//! Queries on stakeholder labels: the `users` columns that hold a member's group,
//! organisation and verification, and the `stakeholder_domains` admins list per group.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{Nullable, Text, Timestamp};

use super::schema::{stakeholder_domains, users};
use super::DbConn;
use crate::domain::Stakeholder;

/// The columns a label is shown from, read beside an author's name (by name in raw SQL:
/// `stakeholder`, `organization`, `affiliation_verified_at`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Queryable, QueryableByName, Selectable)]
#[diesel(table_name = users)]
pub struct LabelColumns {
    #[diesel(sql_type = Nullable<Text>)]
    pub stakeholder: Option<Stakeholder>,
    #[diesel(sql_type = Nullable<Text>)]
    pub organization: Option<String>,
    #[diesel(sql_type = Nullable<Timestamp>)]
    pub affiliation_verified_at: Option<NaiveDateTime>,
}

/// What to select (from `users`) for a [`LabelColumns`].
pub const LABEL: (
    users::stakeholder,
    users::organization,
    users::affiliation_verified_at,
) = (
    users::stakeholder,
    users::organization,
    users::affiliation_verified_at,
);

/// A member's label and the work address that verified it.
#[derive(Debug, Clone, Queryable)]
pub struct Affiliation {
    pub label: LabelColumns,
    pub email: Option<String>,
}

/// Member `id`'s label and work address.
pub fn find(conn: &mut DbConn, id: i64) -> QueryResult<Option<Affiliation>> {
    users::table
        .find(id)
        .select((LABEL, users::affiliation_email))
        .first(conn)
        .optional()
}

/// Declares a group and organisation; the verification stays only with `keep_verification`.
pub fn declare(
    conn: &mut DbConn,
    id: i64,
    stakeholder: Option<Stakeholder>,
    organization: Option<&str>,
    keep_verification: bool,
) -> QueryResult<()> {
    let update = diesel::update(users::table.find(id));
    if keep_verification {
        update
            .set((
                users::stakeholder.eq(stakeholder),
                users::organization.eq(organization),
            ))
            .execute(conn)
    } else {
        update
            .set((
                users::stakeholder.eq(stakeholder),
                users::organization.eq(organization),
                users::affiliation_email.eq(None::<String>),
                users::affiliation_verified_at.eq(None::<NaiveDateTime>),
            ))
            .execute(conn)
    }
    .map(drop)
}

/// Marks member `id`'s label verified (by `email`, or by hand without one), or, with `at`
/// `None`, drops the verification and the address.
pub fn set_verified(
    conn: &mut DbConn,
    id: i64,
    email: Option<&str>,
    at: Option<NaiveDateTime>,
) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set((
            users::affiliation_email.eq(email),
            users::affiliation_verified_at.eq(at),
        ))
        .execute(conn)
        .map(drop)
}

/// The group a listed domain verifies.
pub fn find_domain(conn: &mut DbConn, domain: &str) -> QueryResult<Option<Stakeholder>> {
    stakeholder_domains::table
        .find(domain)
        .select(stakeholder_domains::stakeholder)
        .first(conn)
        .optional()
}

/// Every listed domain with its group, by group then domain.
pub fn list_domains(conn: &mut DbConn) -> QueryResult<Vec<(String, Stakeholder)>> {
    stakeholder_domains::table
        .order((
            stakeholder_domains::stakeholder.asc(),
            stakeholder_domains::domain.asc(),
        ))
        .select((
            stakeholder_domains::domain,
            stakeholder_domains::stakeholder,
        ))
        .load(conn)
}

/// Lists `domain` for `stakeholder` (moving it if it was listed for another group).
pub fn set_domain(
    conn: &mut DbConn,
    domain: &str,
    stakeholder: Stakeholder,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let moved = diesel::update(stakeholder_domains::table.find(domain))
        .set(stakeholder_domains::stakeholder.eq(stakeholder))
        .execute(conn)?;
    if moved == 0 {
        diesel::insert_into(stakeholder_domains::table)
            .values((
                stakeholder_domains::domain.eq(domain),
                stakeholder_domains::stakeholder.eq(stakeholder),
                stakeholder_domains::created_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Removes a listed domain; false when it was not listed.
pub fn delete_domain(conn: &mut DbConn, domain: &str) -> QueryResult<bool> {
    diesel::delete(stakeholder_domains::table.find(domain))
        .execute(conn)
        .map(|n| n == 1)
}
