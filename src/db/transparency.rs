//! The monthly transparency figures: a few grouped queries over one month, and the kept
//! figures of months that have ended.

use chrono::NaiveDateTime;
use diesel::dsl::{count_star, min};
use diesel::prelude::*;

use super::schema::{appeals, boards, flags, modlog, transparency_months, users};
use super::{insert_unless_present, DbConn};
use crate::domain::{ModAction, Origin, ReportReason};

/// Decisions of one kind in a month: action, origin, rule, board, how many.
pub type DecisionGroup = (ModAction, Option<Origin>, Option<i32>, Option<i64>, i64);

/// When the site began: its first account's creation.
pub fn first_activity(conn: &mut DbConn) -> QueryResult<Option<NaiveDateTime>> {
    users::table.select(min(users::created_at)).first(conn)
}

/// Decisions (`actions`) logged in `[start, end)`, counted by action, origin, rule and board
/// together (the caller sums each dimension).
pub fn decision_groups(
    conn: &mut DbConn,
    start: NaiveDateTime,
    end: NaiveDateTime,
    actions: &[ModAction],
) -> QueryResult<Vec<DecisionGroup>> {
    modlog::table
        .filter(modlog::created_at.ge(start))
        .filter(modlog::created_at.lt(end))
        .filter(modlog::action.eq_any(actions.to_vec()))
        .group_by((
            modlog::action,
            modlog::origin,
            modlog::rule_number,
            modlog::board_id,
        ))
        .select((
            modlog::action,
            modlog::origin,
            modlog::rule_number,
            modlog::board_id,
            count_star(),
        ))
        .load(conn)
}

/// The slugs of these boards.
pub fn board_slugs(conn: &mut DbConn, ids: &[i64]) -> QueryResult<Vec<(i64, String)>> {
    boards::table
        .filter(boards::id.eq_any(ids.to_vec()))
        .select((boards::id, boards::slug))
        .load(conn)
}

/// For each decision in `[start, end)` that answered a report or a held post: when it was
/// made, and since when that waited.
pub fn waits(
    conn: &mut DbConn,
    start: NaiveDateTime,
    end: NaiveDateTime,
    actions: &[ModAction],
) -> QueryResult<Vec<(NaiveDateTime, NaiveDateTime)>> {
    let rows: Vec<(NaiveDateTime, Option<NaiveDateTime>)> = modlog::table
        .filter(modlog::created_at.ge(start))
        .filter(modlog::created_at.lt(end))
        .filter(modlog::action.eq_any(actions.to_vec()))
        .filter(modlog::waited_since.is_not_null())
        .select((modlog::created_at, modlog::waited_since))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(at, since)| Some((at, since?)))
        .collect())
}

/// Reports made in `[start, end)`, by reason.
pub fn reports_by_reason(
    conn: &mut DbConn,
    start: NaiveDateTime,
    end: NaiveDateTime,
) -> QueryResult<Vec<(ReportReason, i64)>> {
    flags::table
        .filter(flags::created_at.ge(start))
        .filter(flags::created_at.lt(end))
        .group_by(flags::reason)
        .select((flags::reason, count_star()))
        .load(conn)
}

/// Appeals filed in `[start, end)`.
pub fn appeals_filed(
    conn: &mut DbConn,
    start: NaiveDateTime,
    end: NaiveDateTime,
) -> QueryResult<i64> {
    appeals::table
        .filter(appeals::created_at.ge(start))
        .filter(appeals::created_at.lt(end))
        .count()
        .get_result(conn)
}

/// Appeals decided in `[start, end)`, by outcome (`upheld`, `overturned`).
pub fn appeals_decided(
    conn: &mut DbConn,
    start: NaiveDateTime,
    end: NaiveDateTime,
) -> QueryResult<Vec<(Option<String>, i64)>> {
    appeals::table
        .filter(appeals::decided_at.ge(start))
        .filter(appeals::decided_at.lt(end))
        .group_by(appeals::outcome)
        .select((appeals::outcome, count_star()))
        .load(conn)
}

/// Members whose suspension, decided before `end`, still runs past it.
pub fn suspensions_active_at(conn: &mut DbConn, end: NaiveDateTime) -> QueryResult<i64> {
    let decided_before = modlog::table
        .filter(modlog::created_at.lt(end))
        .select(modlog::id.nullable());
    users::table
        .filter(users::suspended_until.gt(end))
        .filter(users::suspension_log_id.eq_any(decided_before))
        .count()
        .get_result(conn)
}

/// The kept figures (JSON) of a month that has ended, if computed before.
pub fn stored(conn: &mut DbConn, month: &str) -> QueryResult<Option<String>> {
    transparency_months::table
        .find(month)
        .select(transparency_months::figures)
        .first(conn)
        .optional()
}

/// Keeps a month's figures; the first to store a month wins (another instance storing the
/// same month at the same moment changes nothing).
pub fn store(
    conn: &mut DbConn,
    month: &str,
    figures: &str,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    Ok(insert_unless_present!(
        conn,
        transparency_months::table,
        (
            transparency_months::month.eq(month),
            transparency_months::figures.eq(figures),
            transparency_months::created_at.eq(at),
        )
    ))
}
