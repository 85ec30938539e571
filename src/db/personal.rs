//! Everything stored about one member, across tables: to hand it over (export) and to erase it
//! (account deletion).

use crate::domain::{ModAction, NotificationKind, PostStatus};
use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{
    appeals, boards, email_tokens, flags, inbound_messages, modlog, notifications, outbox,
    post_revisions, post_supports, posts, rate_events, subscribers, subscription_requests,
    subscriptions, thread_reads, thread_watches, threads, user_ignores,
};
use super::DbConn;

/// One of the member's posts, with its earlier versions.
#[derive(Debug, Clone, Queryable)]
pub struct PostRow {
    pub id: i64,
    pub thread_id: i64,
    pub thread_title: String,
    pub parent_id: Option<i64>,
    pub body_source: String,
    pub status: PostStatus,
    pub created_at: NaiveDateTime,
    pub edited_at: Option<NaiveDateTime>,
}

/// An earlier version of one of the member's posts.
#[derive(Debug, Clone, Queryable)]
pub struct RevisionRow {
    pub post_id: i64,
    pub body_source: String,
    pub reason: Option<String>,
    pub created_at: NaiveDateTime,
}

/// A report the member made.
#[derive(Debug, Clone, Queryable)]
pub struct ReportRow {
    pub post_id: i64,
    pub reason: String,
    pub note: String,
    pub created_at: NaiveDateTime,
    pub resolved_at: Option<NaiveDateTime>,
}

/// An appeal the member filed, and its outcome.
#[derive(Debug, Clone, Queryable)]
pub struct AppealRow {
    pub modlog_id: i64,
    pub action: ModAction,
    pub message: String,
    pub created_at: NaiveDateTime,
    pub outcome: Option<String>,
    pub decided_at: Option<NaiveDateTime>,
}

/// What the member stored besides the account row.
#[derive(Debug, Clone, Default)]
pub struct Everything {
    pub posts: Vec<PostRow>,
    pub revisions: Vec<RevisionRow>,
    pub reports: Vec<ReportRow>,
    pub appeals: Vec<AppealRow>,
    /// Watched threads: (thread id, title, since).
    pub watches: Vec<(i64, String, NaiveDateTime)>,
    /// Digest subscriptions: (board slug, frequency, since).
    pub subscriptions: Vec<(String, String, NaiveDateTime)>,
    /// Posts the member supports: (post id, since).
    pub supports: Vec<(i64, NaiveDateTime)>,
    /// Members this one ignores: (name, since).
    pub ignores: Vec<(String, NaiveDateTime)>,
    /// Notifications: (kind, post id, when, read when).
    pub notifications: Vec<(
        NotificationKind,
        Option<i64>,
        NaiveDateTime,
        Option<NaiveDateTime>,
    )>,
    /// Where the member stopped reading threads: (thread id, last post read, when).
    pub reads: Vec<(i64, i64, NaiveDateTime)>,
}

/// Reads everything stored about member `user_id`.
pub fn everything(conn: &mut DbConn, user_id: i64) -> QueryResult<Everything> {
    let posts = posts::table
        .inner_join(threads::table)
        .filter(posts::author_id.eq(user_id))
        .filter(posts::status.ne(PostStatus::Deleted))
        .order(posts::id.asc())
        .select((
            posts::id,
            posts::thread_id,
            threads::title,
            posts::parent_id,
            posts::body_source,
            posts::status,
            posts::created_at,
            posts::edited_at,
        ))
        .load(conn)?;
    let mine = posts::table
        .filter(posts::author_id.eq(user_id))
        .select(posts::id);
    let revisions = post_revisions::table
        .filter(post_revisions::post_id.eq_any(mine))
        .order(post_revisions::id.asc())
        .select((
            post_revisions::post_id,
            post_revisions::body_source,
            post_revisions::reason,
            post_revisions::created_at,
        ))
        .load(conn)?;
    let reports = flags::table
        .filter(flags::reporter_id.eq(user_id))
        .order(flags::id.asc())
        .select((
            flags::post_id,
            flags::reason,
            flags::note,
            flags::created_at,
            flags::resolved_at,
        ))
        .load(conn)?;
    let appeals = appeals::table
        .inner_join(modlog::table)
        .filter(appeals::user_id.eq(user_id))
        .order(appeals::id.asc())
        .select((
            appeals::modlog_id,
            modlog::action,
            appeals::message,
            appeals::created_at,
            appeals::outcome,
            appeals::decided_at,
        ))
        .load(conn)?;
    let watches = thread_watches::table
        .inner_join(threads::table)
        .filter(thread_watches::user_id.eq(user_id))
        .order(thread_watches::id.asc())
        .select((threads::id, threads::title, thread_watches::created_at))
        .load(conn)?;
    let subscriptions = subscriptions::table
        .inner_join(subscribers::table)
        .inner_join(boards::table)
        .filter(subscribers::user_id.eq(user_id))
        .order(subscriptions::id.asc())
        .select((
            boards::slug,
            subscriptions::frequency,
            subscriptions::created_at,
        ))
        .load(conn)?;
    let supports = post_supports::table
        .filter(post_supports::user_id.eq(user_id))
        .order(post_supports::created_at.asc())
        .select((post_supports::post_id, post_supports::created_at))
        .load(conn)?;
    let ignores = super::ignores::list(conn, user_id)?;
    let notifications = notifications::table
        .filter(notifications::user_id.eq(user_id))
        .order(notifications::id.asc())
        .select((
            notifications::kind,
            notifications::post_id,
            notifications::created_at,
            notifications::read_at,
        ))
        .load(conn)?;
    let reads = thread_reads::table
        .filter(thread_reads::user_id.eq(user_id))
        .order(thread_reads::thread_id.asc())
        .select((
            thread_reads::thread_id,
            thread_reads::last_read_post_id,
            thread_reads::read_at,
        ))
        .load(conn)?;
    Ok(Everything {
        ignores,
        notifications,
        reads,
        posts,
        revisions,
        reports,
        appeals,
        watches,
        subscriptions,
        supports,
    })
}

/// Erases what identifies member `user_id` outside the account row (which the caller
/// anonymises): earlier versions of their posts, their report notes and appeal messages, their
/// watches, notifications, reading positions and ignores (theirs and of them), digest subscriptions (an email-only one at
/// the same address too) and their requests, email links (theirs, and anyone's pointing at
/// their addresses), rate counters, and every message to or about them in the outbox (to any
/// of `addresses`, naming one of them, or greeting them by `username`). `addresses` are every
/// address the member gave, in lower case.
pub fn erase(
    conn: &mut DbConn,
    user_id: i64,
    username: &str,
    addresses: &[String],
) -> QueryResult<()> {
    let mine = posts::table
        .filter(posts::author_id.eq(user_id))
        .select(posts::id);
    diesel::delete(post_revisions::table.filter(post_revisions::post_id.eq_any(mine)))
        .execute(conn)?;
    diesel::update(flags::table.filter(flags::reporter_id.eq(user_id)))
        .set(flags::note.eq(""))
        .execute(conn)?;
    diesel::update(appeals::table.filter(appeals::user_id.eq(user_id)))
        .set(appeals::message.eq(""))
        .execute(conn)?;
    diesel::delete(thread_watches::table.filter(thread_watches::user_id.eq(user_id)))
        .execute(conn)?;
    diesel::delete(notifications::table.filter(notifications::user_id.eq(user_id)))
        .execute(conn)?;
    diesel::delete(thread_reads::table.filter(thread_reads::user_id.eq(user_id))).execute(conn)?;
    // Received replies keep their Message-ID (a replay is still refused), not whose they were.
    diesel::update(inbound_messages::table.filter(inbound_messages::user_id.eq(user_id)))
        .set(inbound_messages::user_id.eq(None::<i64>))
        .execute(conn)?;
    diesel::delete(
        user_ignores::table.filter(
            user_ignores::user_id
                .eq(user_id)
                .or(user_ignores::ignored_id.eq(user_id)),
        ),
    )
    .execute(conn)?;
    let theirs = subscribers::table
        .filter(
            subscribers::user_id
                .eq(user_id)
                .or(subscribers::email.eq_any(addresses)),
        )
        .select(subscribers::id)
        .load::<i64>(conn)?;
    diesel::delete(subscriptions::table.filter(subscriptions::subscriber_id.eq_any(&theirs)))
        .execute(conn)?;
    diesel::delete(
        subscription_requests::table.filter(subscription_requests::subscriber_id.eq_any(&theirs)),
    )
    .execute(conn)?;
    diesel::delete(subscribers::table.filter(subscribers::id.eq_any(&theirs))).execute(conn)?;
    diesel::delete(
        email_tokens::table.filter(
            email_tokens::user_id
                .eq(user_id)
                .or(email_tokens::new_email.eq_any(addresses)),
        ),
    )
    .execute(conn)?;
    let mut subjects = vec![format!("user:{user_id}"), user_id.to_string()];
    subjects.extend(addresses.iter().map(|a| format!("login:{a}")));
    subjects.push(format!("login:{}", username.to_lowercase()));
    diesel::delete(rate_events::table.filter(rate_events::subject.eq_any(&subjects)))
        .execute(conn)?;
    let mut about = outbox::table
        .filter(outbox::recipient.eq_any(addresses))
        .select(outbox::id)
        .into_boxed();
    for address in addresses {
        about = about.or_filter(outbox::payload.like(containing(address)).escape('\\'));
    }
    let greeting = serde_json::json!({ "username": username }).to_string();
    let greeting = greeting.trim_start_matches('{').trim_end_matches('}');
    about = about.or_filter(outbox::payload.like(containing(greeting)).escape('\\'));
    let about = about.load::<i64>(conn)?;
    diesel::delete(outbox::table.filter(outbox::id.eq_any(about))).execute(conn)?;
    Ok(())
}

/// A `LIKE` pattern (escaped with `\`) matching text that contains `text`.
fn containing(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// Every address a member gave, in lower case: the account's, the work address of their
/// label, and any address they were changing to.
pub fn addresses(
    conn: &mut DbConn,
    user_id: i64,
    known: &[Option<&str>],
) -> QueryResult<Vec<String>> {
    let mut all: Vec<String> = email_tokens::table
        .filter(email_tokens::user_id.eq(user_id))
        .filter(email_tokens::new_email.is_not_null())
        .select(email_tokens::new_email.assume_not_null())
        .load(conn)?;
    all.extend(known.iter().flatten().map(|a| a.to_string()));
    for a in &mut all {
        *a = a.to_lowercase();
    }
    all.sort();
    all.dedup();
    Ok(all)
}

#[cfg(test)]
mod tests {
    use super::containing;

    #[test]
    fn like_patterns_match_the_text_literally() {
        assert_eq!(containing("a_b%c"), "%a\\_b\\%c%");
        assert_eq!(containing("x\\y"), "%x\\\\y%");
    }
}
