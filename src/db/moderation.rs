//! Queries on moderators, rules, flags, the moderation log and appeals.

use crate::domain::{Locale, ModAction, Origin, PostStatus, ReportReason, Role};
use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{appeals, boards, flags, moderators, modlog, posts, rules, threads, users};
use super::{insert_unless_present, DbConn};

/// The boards a member moderates: `None` in the list means every board.
pub fn appointed_boards(conn: &mut DbConn, user_id: i64) -> QueryResult<Vec<Option<i64>>> {
    moderators::table
        .filter(moderators::user_id.eq(user_id))
        .filter(moderators::revoked_at.is_null())
        .select(moderators::board_id)
        .load(conn)
}

/// Appoints a moderator (of one board, or of every board with `None`).
pub fn appoint(
    conn: &mut DbConn,
    user_id: i64,
    board_id: Option<i64>,
    by: i64,
    at: NaiveDateTime,
) -> QueryResult<i64> {
    diesel::insert_into(moderators::table)
        .values((
            moderators::user_id.eq(user_id),
            moderators::board_id.eq(board_id),
            moderators::appointed_by.eq(by),
            moderators::created_at.eq(at),
        ))
        .returning(moderators::id)
        .get_result(conn)
}

/// Ends an appointment; returns the member it concerned and its board (`None`: every board).
pub fn revoke(
    conn: &mut DbConn,
    id: i64,
    at: NaiveDateTime,
) -> QueryResult<Option<(i64, Option<i64>)>> {
    diesel::update(
        moderators::table
            .find(id)
            .filter(moderators::revoked_at.is_null()),
    )
    .set(moderators::revoked_at.eq(Some(at)))
    .returning((moderators::user_id, moderators::board_id))
    .get_result(conn)
    .optional()
}

/// An active appointment, for the admin page.
#[derive(Debug, Clone, Queryable)]
pub struct Appointment {
    pub id: i64,
    pub username: String,
    pub board_slug: Option<String>,
    pub created_at: NaiveDateTime,
}

/// Every active appointment.
pub fn list_appointments(conn: &mut DbConn) -> QueryResult<Vec<Appointment>> {
    moderators::table
        .inner_join(users::table.on(users::id.eq(moderators::user_id)))
        .left_join(boards::table.on(boards::id.nullable().eq(moderators::board_id)))
        .filter(moderators::revoked_at.is_null())
        .order(moderators::id.asc())
        .select((
            moderators::id,
            users::username,
            boards::slug.nullable(),
            moderators::created_at,
        ))
        .load(conn)
}

/// A rule of the code of conduct.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = rules)]
pub struct Rule {
    pub id: i64,
    pub number: i32,
    pub title_es: String,
    pub title_en: String,
    pub body_es: String,
    pub body_en: String,
}

/// The rules in order.
pub fn list_rules(conn: &mut DbConn) -> QueryResult<Vec<Rule>> {
    rules::table
        .order(rules::number.asc())
        .select(Rule::as_select())
        .load(conn)
}

/// Writes rule `number` (creating it when new).
pub fn save_rule(conn: &mut DbConn, number: i32, texts: [&str; 4]) -> QueryResult<()> {
    let [title_es, title_en, body_es, body_en] = texts;
    let updated = diesel::update(rules::table.filter(rules::number.eq(number)))
        .set((
            rules::title_es.eq(title_es),
            rules::title_en.eq(title_en),
            rules::body_es.eq(body_es),
            rules::body_en.eq(body_en),
        ))
        .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(rules::table)
            .values((
                rules::number.eq(number),
                rules::title_es.eq(title_es),
                rules::title_en.eq(title_en),
                rules::body_es.eq(body_es),
                rules::body_en.eq(body_en),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// A report to record.
#[derive(Debug, Clone, Copy)]
pub struct NewFlag<'a> {
    pub post_id: i64,
    pub reporter: i64,
    pub reason: ReportReason,
    pub note: &'a str,
    /// Whether the reporter has standing (their report counts towards hiding the post).
    pub trusted: bool,
    pub at: NaiveDateTime,
}

/// Records a flag; false when this member already flagged the post.
pub fn insert_flag(conn: &mut DbConn, flag: &NewFlag<'_>) -> QueryResult<bool> {
    Ok(insert_unless_present!(
        conn,
        flags::table,
        (
            flags::post_id.eq(flag.post_id),
            flags::reporter_id.eq(flag.reporter),
            flags::reason.eq(flag.reason),
            flags::note.eq(flag.note),
            flags::created_at.eq(flag.at),
            flags::trusted.eq(flag.trusted),
        )
    ))
}

/// Distinct members with standing who have an open flag on the post.
pub fn count_open_trusted_flags(conn: &mut DbConn, post_id: i64) -> QueryResult<i64> {
    flags::table
        .filter(flags::post_id.eq(post_id))
        .filter(flags::resolved_at.is_null())
        .filter(flags::trusted.eq(true))
        .count()
        .get_result(conn)
}

/// Whether `user_id` has an open report on the post (and so may not decide on it).
pub fn has_open_flag_by(conn: &mut DbConn, post_id: i64, user_id: i64) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        flags::table
            .filter(flags::post_id.eq(post_id))
            .filter(flags::reporter_id.eq(user_id))
            .filter(flags::resolved_at.is_null()),
    ))
    .get_result(conn)
}

/// Someone who moderates a board, as mail needs them.
#[derive(Debug, Clone, Queryable)]
pub struct BoardModerator {
    pub id: i64,
    pub username: String,
    pub email: Option<String>,
    pub locale: Locale,
}

/// Everyone who moderates `board_id` (admins, site-wide moderators, and its appointed ones),
/// leaving out accounts that are suspended at `now`, banned or deleted.
pub fn list_board_moderators(
    conn: &mut DbConn,
    board_id: i64,
    now: NaiveDateTime,
) -> QueryResult<Vec<BoardModerator>> {
    let appointed = moderators::table
        .filter(moderators::revoked_at.is_null())
        .filter(
            moderators::board_id
                .eq(board_id)
                .or(moderators::board_id.is_null()),
        )
        .select(moderators::user_id);
    users::table
        .filter(
            users::role
                .eq_any([Role::Moderator, Role::Admin])
                .or(users::id.eq_any(appointed)),
        )
        .filter(users::deleted_at.is_null())
        .filter(users::banned.eq(false))
        .filter(
            users::suspended_until
                .is_null()
                .or(users::suspended_until.le(now)),
        )
        .order(users::id.asc())
        .select((users::id, users::username, users::email, users::locale))
        .load(conn)
}

/// Closes the open flags of a post (a moderator decided).
pub fn resolve_flags(conn: &mut DbConn, post_id: i64, at: NaiveDateTime) -> QueryResult<()> {
    diesel::update(
        flags::table
            .filter(flags::post_id.eq(post_id))
            .filter(flags::resolved_at.is_null()),
    )
    .set(flags::resolved_at.eq(Some(at)))
    .execute(conn)
    .map(drop)
}

/// An open flag, for the queue.
#[derive(Debug, Clone, Queryable)]
pub struct OpenFlag {
    pub post_id: i64,
    /// None once the report is older than `retention.flag_reporter_days`.
    pub reporter_id: Option<i64>,
    pub reason: ReportReason,
    pub note: String,
    pub created_at: NaiveDateTime,
    pub reporter: Option<String>,
}

/// The open flags of these posts.
pub fn open_flags_for(conn: &mut DbConn, post_ids: &[i64]) -> QueryResult<Vec<OpenFlag>> {
    flags::table
        .left_join(users::table.on(flags::reporter_id.eq(users::id.nullable())))
        .filter(flags::post_id.eq_any(post_ids))
        .filter(flags::resolved_at.is_null())
        .order(flags::id.asc())
        .select((
            flags::post_id,
            flags::reporter_id,
            flags::reason,
            flags::note,
            flags::created_at,
            users::username.nullable(),
        ))
        .load(conn)
}

/// A post waiting for a moderator: pending, or with open flags.
#[derive(Debug, Clone, Queryable)]
pub struct QueueRow {
    pub post_id: i64,
    pub status: PostStatus,
    pub body_html: String,
    pub created_at: NaiveDateTime,
    pub thread_id: i64,
    pub thread_title: String,
    pub board_id: i64,
    pub board_name_es: String,
    pub board_name_en: String,
    pub author_id: i64,
    pub author: String,
    /// The action of the log entry behind the post's status (`auto_hide`, `hide`…), if any.
    pub log_action: Option<ModAction>,
}

/// Pending posts and posts with open flags, in the given boards (`None`: all).
pub fn queue(
    conn: &mut DbConn,
    boards_filter: Option<&[i64]>,
    limit: i64,
) -> QueryResult<Vec<QueueRow>> {
    let flagged = flags::table
        .filter(flags::resolved_at.is_null())
        .select(flags::post_id);
    let mut q = posts::table
        .inner_join(threads::table.inner_join(boards::table))
        .inner_join(users::table.on(users::id.eq(posts::author_id)))
        .left_join(modlog::table.on(posts::moderation_log_id.eq(modlog::id.nullable())))
        .filter(
            posts::status
                .eq(PostStatus::Pending)
                .or(posts::id.eq_any(flagged)),
        )
        .into_boxed();
    if let Some(ids) = boards_filter {
        q = q.filter(threads::board_id.eq_any(ids.to_vec()));
    }
    q.order(posts::id.desc())
        .limit(limit)
        .select((
            posts::id,
            posts::status,
            posts::body_html,
            posts::created_at,
            threads::id,
            threads::title,
            boards::id,
            boards::name_es,
            boards::name_en,
            users::id,
            users::username,
            modlog::action.nullable(),
        ))
        .load(conn)
}

/// A moderation log entry to write.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = modlog)]
pub struct NewLogEntry<'a> {
    pub moderator_id: Option<i64>,
    pub action: ModAction,
    pub target_kind: &'a str,
    pub target_id: Option<i64>,
    pub board_id: Option<i64>,
    pub rule_number: Option<i32>,
    pub reason: &'a str,
    pub created_at: NaiveDateTime,
    /// What set the decision off.
    pub origin: Option<Origin>,
    /// Since when what the decision answered waited (the earliest open report, or the held
    /// post's creation); `None` when it answered nothing.
    pub waited_since: Option<NaiveDateTime>,
}

impl<'a> NewLogEntry<'a> {
    /// `action` on a `target_kind` by `moderator_id` (`None`: the system), now; the target,
    /// board, rule and reason are set by the caller where the decision has them. The origin is
    /// a moderator acting on their own (the system's: automatic) until the caller says what
    /// the decision answered (see [`NewLogEntry::answering`]).
    pub fn new(moderator_id: Option<i64>, action: ModAction, target_kind: &'a str) -> Self {
        Self {
            moderator_id,
            action,
            target_kind,
            target_id: None,
            board_id: None,
            rule_number: None,
            reason: "",
            created_at: chrono::Utc::now().naive_utc(),
            origin: Some(if moderator_id.is_some() {
                Origin::Moderator
            } else {
                Origin::Automatic
            }),
            waited_since: None,
        }
    }

    /// The same entry, set off by `origin` and answering something that waited since
    /// `since`.
    pub fn answering(self, origin: Origin, since: Option<NaiveDateTime>) -> Self {
        Self {
            origin: Some(origin),
            waited_since: since,
            ..self
        }
    }
}

/// When the oldest open report on a post was made, if it has any.
pub fn earliest_open_flag(conn: &mut DbConn, post_id: i64) -> QueryResult<Option<NaiveDateTime>> {
    flags::table
        .filter(flags::post_id.eq(post_id))
        .filter(flags::resolved_at.is_null())
        .select(diesel::dsl::min(flags::created_at))
        .first(conn)
}

/// Writes a log entry and returns its number.
pub fn log(conn: &mut DbConn, entry: &NewLogEntry<'_>) -> QueryResult<i64> {
    diesel::insert_into(modlog::table)
        .values(entry)
        .returning(modlog::id)
        .get_result(conn)
}

/// A log entry as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = modlog)]
pub struct LogEntry {
    pub id: i64,
    pub moderator_id: Option<i64>,
    pub action: ModAction,
    pub target_kind: String,
    pub target_id: Option<i64>,
    pub board_id: Option<i64>,
    pub rule_number: Option<i32>,
    pub reason: String,
    pub created_at: NaiveDateTime,
}

/// The log entry with this number.
pub fn find_log(conn: &mut DbConn, id: i64) -> QueryResult<Option<LogEntry>> {
    modlog::table
        .find(id)
        .select(LogEntry::as_select())
        .first(conn)
        .optional()
}

/// A log entry with names, for the public log.
#[derive(Debug, Clone, Queryable)]
pub struct LogRow {
    pub entry: LogEntry,
    pub moderator: Option<String>,
    pub board_slug: Option<String>,
    pub board_name_es: Option<String>,
    pub board_name_en: Option<String>,
}

/// Newest entries first, optionally of one board or one action.
pub fn list_log(
    conn: &mut DbConn,
    board: Option<i64>,
    action: Option<ModAction>,
    limit: i64,
    offset: i64,
) -> QueryResult<Vec<LogRow>> {
    let mut q = modlog::table
        .left_join(users::table.on(users::id.nullable().eq(modlog::moderator_id)))
        .left_join(boards::table.on(boards::id.nullable().eq(modlog::board_id)))
        .into_boxed();
    if let Some(b) = board {
        q = q.filter(modlog::board_id.eq(b));
    }
    if let Some(a) = action {
        q = q.filter(modlog::action.eq(a));
    }
    q.order(modlog::id.desc())
        .limit(limit)
        .offset(offset)
        .select((
            LogEntry::as_select(),
            users::username.nullable(),
            boards::slug.nullable(),
            boards::name_es.nullable(),
            boards::name_en.nullable(),
        ))
        .load(conn)
}

/// Files an appeal; false when this member already appealed this decision.
pub fn insert_appeal(
    conn: &mut DbConn,
    user_id: i64,
    modlog_id: i64,
    message: &str,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    Ok(insert_unless_present!(
        conn,
        appeals::table,
        (
            appeals::user_id.eq(user_id),
            appeals::modlog_id.eq(modlog_id),
            appeals::message.eq(message),
            appeals::created_at.eq(at),
        )
    ))
}

/// An appeal with the decision it contests.
#[derive(Debug, Clone, Queryable)]
pub struct AppealRow {
    pub id: i64,
    pub user_id: i64,
    pub message: String,
    pub created_at: NaiveDateTime,
    pub outcome: Option<String>,
    pub appellant: String,
    pub entry: LogEntry,
}

/// Appeals without a decision, oldest first.
pub fn open_appeals(conn: &mut DbConn) -> QueryResult<Vec<AppealRow>> {
    appeals::table
        .inner_join(modlog::table)
        .inner_join(users::table.on(users::id.eq(appeals::user_id)))
        .filter(appeals::outcome.is_null())
        .order(appeals::id.asc())
        .select((
            appeals::id,
            appeals::user_id,
            appeals::message,
            appeals::created_at,
            appeals::outcome,
            users::username,
            LogEntry::as_select(),
        ))
        .load(conn)
}

/// The appeal with this id.
pub fn find_appeal(conn: &mut DbConn, id: i64) -> QueryResult<Option<AppealRow>> {
    appeals::table
        .inner_join(modlog::table)
        .inner_join(users::table.on(users::id.eq(appeals::user_id)))
        .filter(appeals::id.eq(id))
        .select((
            appeals::id,
            appeals::user_id,
            appeals::message,
            appeals::created_at,
            appeals::outcome,
            users::username,
            LogEntry::as_select(),
        ))
        .first(conn)
        .optional()
}

/// Records the decision on an appeal (once).
pub fn decide_appeal(
    conn: &mut DbConn,
    id: i64,
    by: i64,
    outcome: &str,
    reason: &str,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    let n = diesel::update(appeals::table.find(id).filter(appeals::outcome.is_null()))
        .set((
            appeals::decided_by.eq(Some(by)),
            appeals::outcome.eq(Some(outcome)),
            appeals::decision_reason.eq(Some(reason)),
            appeals::decided_at.eq(Some(at)),
        ))
        .execute(conn)?;
    Ok(n == 1)
}
