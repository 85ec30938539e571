//! A board's threads, a thread's page of posts, and where a post is (permalinks, glimpses).
use super::*;
use crate::domain::consultation::Filter;

/// A thread in a board's list.
#[derive(Debug, Clone, Serialize)]
pub struct ThreadItem {
    pub id: i64,
    pub title: String,
    pub pinned: bool,
    pub locked: bool,
    pub reply_count: i64,
    pub author: Option<String>,
    pub created_at: NaiveDateTime,
    pub last_post_id: Option<i64>,
    pub last_poster: Option<String>,
    pub last_post_at: NaiveDateTime,
    /// For a member: what is new to them (None for visitors).
    pub news: Option<News>,
    /// The starter's stakeholder label.
    pub author_label: Option<Label>,
}

/// A thread with recent posts, for the home page.
#[derive(Debug, Serialize)]
pub struct Activity {
    pub id: i64,
    pub title: String,
    /// For the board's colour.
    pub board_id: i64,
    pub board_slug: String,
    pub board_name: String,
    pub reply_count: i64,
    /// Its newest post, when it has replies.
    pub last_post_id: Option<i64>,
    pub last_poster: Option<String>,
    pub last_post_at: NaiveDateTime,
}

/// The threads with the newest posts across the boards (read by `boards::home`), board
/// names in `locale`.
pub fn activity(rows: Vec<db::threads::ActivityRow>, locale: Locale) -> Vec<Activity> {
    rows.into_iter()
        .map(|r| {
            let (last_post_id, last_poster) = last_reply(
                r.reply_count,
                r.last_post_id,
                r.last_poster,
                r.last_poster_deleted,
            );
            Activity {
                id: r.id,
                title: r.title,
                board_id: r.board_id,
                board_slug: r.board_slug,
                board_name: match locale {
                    Locale::Es => r.board_name_es,
                    Locale::En => r.board_name_en,
                },
                reply_count: r.reply_count,
                last_post_id,
                last_poster,
                last_post_at: r.last_post_at,
            }
        })
        .collect()
}

/// A thread's newest post and who wrote it, shown only once someone replied (and the writer's
/// name only while their account exists).
fn last_reply(
    reply_count: i64,
    last_post_id: Option<i64>,
    last_poster: Option<String>,
    last_poster_deleted: Option<NaiveDateTime>,
) -> (Option<i64>, Option<String>) {
    let replied = reply_count > 0;
    (
        last_post_id.filter(|_| replied),
        last_poster.filter(|_| replied && last_poster_deleted.is_none()),
    )
}

/// What is new in a thread to a member.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, Hash)]
pub struct News {
    /// They never opened it.
    pub unopened: bool,
    /// Posts by others since they last read it.
    pub posts: i64,
}

/// A page of a board's threads as every reader sees it: what is new in each to a member is
/// added by [`with_news_for`]. Kept between requests (see `web::fragments`).
#[derive(Debug, Clone)]
pub struct BoardListing {
    pub board: db::boards::Board,
    /// Each with no news (`news: None`).
    pub threads: Vec<ThreadItem>,
    pub pages: Pages,
}

/// The board with this slug and a page of its threads: on one connection.
pub async fn board_listing(pool: &Pool, slug: String, page: i64) -> Result<BoardListing, AppError> {
    pool.run(move |c| {
        let board = db::boards::find_by_slug(c, &slug)?.ok_or(AppError::NotFound)?;
        let total = db::threads::count_for_board(c, board.id)?;
        let pages = Pages::new(page, total, THREADS_PER_PAGE)?;
        let rows = db::threads::list_for_board(
            c,
            board.id,
            THREADS_PER_PAGE,
            pages.offset(THREADS_PER_PAGE),
        )?;
        let threads = rows
            .into_iter()
            .map(|r| {
                let (last_post_id, last_poster) = last_reply(
                    r.reply_count,
                    r.last_post_id,
                    r.last_poster,
                    r.last_poster_deleted,
                );
                ThreadItem {
                    id: r.id,
                    title: r.title,
                    pinned: r.pinned,
                    locked: r.locked,
                    reply_count: r.reply_count,
                    author_label: Label::of(r.author_label, r.author_deleted),
                    author: display_name(r.author, r.author_deleted),
                    created_at: r.created_at,
                    last_post_id,
                    last_poster,
                    last_post_at: r.last_post_at,
                    news: None,
                }
            })
            .collect();
        Ok(BoardListing {
            board,
            threads,
            pages,
        })
    })
    .await
}

/// `threads` with what is new in each to member `reader`: never opened, or how many posts
/// by others came after the last they read. Two statements, one when nothing is new.
pub async fn with_news_for(
    pool: &Pool,
    reader: i64,
    mut threads: Vec<ThreadItem>,
) -> Result<Vec<ThreadItem>, AppError> {
    pool.run(move |c| {
        let ids: Vec<i64> = threads.iter().map(|t| t.id).collect();
        let read = db::thread_reads::positions(c, reader, &ids)?;
        // The opened threads with posts after the reader's last: (thread, last post read).
        let mut behind = Vec::new();
        for thread in &mut threads {
            let through = read.iter().find(|(t, _)| *t == thread.id).map(|r| r.1);
            thread.news = Some(News {
                unopened: through.is_none(),
                posts: 0,
            });
            // `last_post_id` is only set once someone replied.
            if let (Some(through), Some(newest)) = (through, thread.last_post_id) {
                if newest > through {
                    behind.push((thread.id, through));
                }
            }
        }
        with_news(c, reader, threads, &behind)
    })
    .await
}

/// Counts, in each thread member `user_id` is `behind` in (thread, last post read), the posts
/// by others since: one query for the page, none when nothing is new.
fn with_news(
    c: &mut db::DbConn,
    user_id: i64,
    mut items: Vec<ThreadItem>,
    behind: &[(i64, i64)],
) -> Result<Vec<ThreadItem>, AppError> {
    if behind.is_empty() {
        return Ok(items);
    }
    let counts = db::thread_reads::new_posts(c, user_id, behind)?;
    for item in &mut items {
        if let (Some(news), Some((_, n))) = (
            item.news.as_mut(),
            counts.iter().find(|(t, _)| *t == item.id),
        ) {
            news.posts = *n;
        }
    }
    Ok(items)
}

/// What a reply answers: who, and the start of what they said.
#[derive(Debug, Clone, Serialize)]
pub struct InReplyTo {
    pub id: i64,
    /// Its number in the thread.
    pub number: i64,
    pub author: Option<String>,
    pub quote: String,
    pub deleted: bool,
}

/// One post on a thread page. As read, it is the post as every member sees it; what depends
/// on its viewer ([`Mine`]) is put in by [`PostView::for_viewer`] when it is rendered.
#[derive(Debug, Clone, Serialize)]
pub struct PostView {
    pub id: i64,
    #[serde(skip)]
    pub author_id: i64,
    #[serde(skip)]
    pub status: PostStatus,
    /// Its number in the thread: #1 opens it.
    pub number: i64,
    /// In a consultation: what the reply contributes.
    pub kind: Option<crate::domain::ContributionKind>,
    pub author: Option<String>,
    pub created_at: NaiveDateTime,
    pub edited_at: Option<NaiveDateTime>,
    pub revisions: i32,
    pub body_html: String,
    pub deleted_by: Option<String>,
    pub in_reply_to: Option<InReplyTo>,
    pub pending: bool,
    /// How many members support the post.
    pub supports: i64,
    /// The viewer's part (none as read), beside the post's own fields for its template.
    #[serde(flatten)]
    pub mine: Mine,
    /// Removed by moderation: the log entry and the rule it cites.
    pub hidden: Option<Removal>,
    /// The author's stakeholder label.
    pub author_label: Option<Label>,
}

/// Why a post is not shown.
#[derive(Debug, Clone, Serialize)]
pub struct Removal {
    pub log_id: Option<i64>,
    pub rule: Option<i32>,
}

/// What in a post depends on who views it: the rest is the same for every member.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Mine {
    pub can_edit: bool,
    pub can_flag: bool,
    /// Whether the viewer supports it; `None` where they cannot (their own post, logged out,
    /// suspended or unverified, a post not published).
    pub supported: Option<bool>,
    /// Written by someone the viewer ignores: shown folded.
    pub ignored: bool,
    /// Their own post, removed by moderation: they are told more.
    pub own_removal: bool,
}

impl PostView {
    /// The post as the viewer whose part is `mine` sees it.
    pub fn for_viewer(&self, mine: Mine) -> PostView {
        PostView {
            mine,
            ..self.clone()
        }
    }
}

/// Who views a page, as far as the actions on its posts go.
#[derive(Debug, Clone, Copy)]
struct Viewing {
    me: Option<i64>,
    /// Verified and not suspended.
    can_act: bool,
    moderator: bool,
}

impl Viewing {
    /// Their part of `post`, which they support or whose author they ignore.
    fn mine(&self, post: &PostView, supported: bool, ignored: bool) -> Mine {
        let own = self.me == Some(post.author_id);
        let published = post.status == PostStatus::Published;
        let removed = matches!(post.status, PostStatus::Deleted | PostStatus::Hidden);
        Mine {
            can_edit: self.can_act && !removed && (self.moderator || own),
            can_flag: self.can_act && !own && published,
            supported: (self.can_act && !own && published).then_some(supported),
            ignored,
            own_removal: own && post.status == PostStatus::Hidden,
        }
    }
}

/// The thread a page shows.
#[derive(Debug, Clone, Serialize)]
pub struct ThreadHeader {
    pub id: i64,
    pub title: String,
    pub locked: bool,
    pub pinned: bool,
    /// For the board's colour.
    pub board_id: i64,
    pub board_slug: String,
    pub board_name: String,
    pub board_archived: bool,
    pub pending: bool,
    pub moderated: bool,
    pub reply_count: i64,
    pub created_at: NaiveDateTime,
    pub last_post_at: NaiveDateTime,
    /// Its newest published post, for "go to the last post".
    pub last_post_id: Option<i64>,
}

/// A page of a thread.
#[derive(Debug, Serialize)]
pub struct ThreadPage {
    pub thread: ThreadHeader,
    /// When the thread is a consultation: its phase, dates, counts and synthesis.
    pub consultation: Option<crate::services::consultations::ConsultationView>,
    /// Rendered apart (see `web::fragments`), each with the viewer's part of it.
    #[serde(skip)]
    pub posts: Arc<[PostView]>,
    #[serde(skip)]
    pub mine: Vec<Mine>,
    pub pages: Pages,
    /// Plain text of the opening post's start, for link previews.
    pub summary: String,
    /// Notifications this view marked read.
    #[serde(skip)]
    pub notifications_read: usize,
    /// Whether the member viewing watches the thread (`None` for visitors).
    #[serde(skip)]
    pub watching: Option<bool>,
}

/// A page of a thread as every member sees it who does not moderate its board and has no
/// post awaiting approval in it: read once per content version and kept (see
/// `web::fragments`); each member's own marks are read apart ([`thread_page_for`]).
#[derive(Debug)]
pub struct ThreadListing {
    /// As a member who does not moderate sees it (board name in Spanish).
    thread: ThreadHeader,
    board_name_en: String,
    /// Only a published thread that is not a consultation is kept for everyone; a page of
    /// another (its phase, its filters, its moderators' tools) is read for each viewer.
    pub shared: bool,
    posts: Arc<[PostView]>,
    pages: Pages,
    summary: String,
    /// Members with a post awaiting approval in the thread: they see it, others do not.
    pending_authors: Vec<i64>,
}

impl ThreadListing {
    /// Whether this is the page `viewer` sees.
    pub fn serves(&self, viewer: Option<&Member>) -> bool {
        self.shared
            && viewer.is_none_or(|m| {
                !m.powers.moderates(self.thread.board_id) && !self.pending_authors.contains(&m.id)
            })
    }

    /// What the kept listing holds, for the bound of what is kept.
    pub fn bytes(&self) -> usize {
        let posts: usize = self
            .posts
            .iter()
            .map(|p| p.body_html.len() + p.in_reply_to.as_ref().map_or(0, |r| r.quote.len()) + 256)
            .sum();
        posts + self.summary.len() + 512
    }
}

/// Page `page` of thread `id` as a member who does not moderate it reads it: on one connection.
pub async fn thread_listing(pool: &Pool, id: i64, page: i64) -> Result<ThreadListing, AppError> {
    pool.run(move |c| {
        let (thread, board) = db::threads::find_with_board(c, id)?.ok_or(AppError::NotFound)?;
        let header = header(&thread, &board, Locale::Es, false);
        let everyone = Reader {
            user_id: None,
            moderator: false,
        };
        let total = db::posts::count_shown(c, id, everyone, Filter::default())?;
        // A page past the last one everyone sees may still be a moderator's (or an author's
        // with posts awaiting approval): the page read for its viewer answers.
        let pages = Pages::new(page, total, POSTS_PER_PAGE).ok();
        let (Some(pages), true) = (
            pages,
            thread.status == PostStatus::Published && thread.opens_at.is_none(),
        ) else {
            return Ok(ThreadListing {
                thread: header,
                board_name_en: board.name_en,
                shared: false,
                posts: Arc::new([]),
                pages: Pages::new(1, 0, POSTS_PER_PAGE)?,
                summary: String::new(),
                pending_authors: Vec::new(),
            });
        };
        let rows = db::posts::list_for_thread(
            c,
            id,
            everyone,
            Filter::default(),
            POSTS_PER_PAGE,
            pages.offset(POSTS_PER_PAGE),
        )?;
        let pending_authors = db::posts::pending_authors(c, id)?;
        let posts: Arc<[PostView]> = rows.into_iter().map(post_view).collect();
        Ok(ThreadListing {
            summary: summary(&posts, &pages),
            thread: header,
            board_name_en: board.name_en,
            shared: true,
            posts,
            pages,
            pending_authors,
        })
    })
    .await
}

/// `listing` (which serves `viewer`) with the viewer's own marks: one statement for a
/// member, a second when it records where they stopped reading.
pub async fn thread_page_for(
    pool: &Pool,
    listing: Arc<ThreadListing>,
    viewer: Option<&Member>,
    locale: Locale,
) -> Result<ThreadPage, AppError> {
    let mut thread = listing.thread.clone();
    if locale == Locale::En {
        thread.board_name = listing.board_name_en.clone();
    }
    let mut page = ThreadPage {
        thread,
        consultation: None,
        posts: listing.posts.clone(),
        mine: vec![Mine::default(); listing.posts.len()],
        pages: listing.pages.clone(),
        summary: listing.summary.clone(),
        notifications_read: 0,
        watching: None,
    };
    let Some(member) = viewer else {
        return Ok(page);
    };
    let viewing = Viewing {
        me: Some(member.id),
        can_act: member.suspended_until.is_none() && member.verified,
        moderator: false,
    };
    let (user_id, has_unread) = (member.id, member.unread_notifications > 0);
    pool.run(move |c| {
        let first = page.posts.first().map_or(0, |p| p.id);
        let last = page.posts.last().map_or(0, |p| p.id);
        let marks = db::posts::marks(c, user_id, page.thread.id, first, last)?;
        page.mine = page
            .posts
            .iter()
            .map(|p| viewing.mine(p, marks.supports(p.id), marks.ignores(p.author_id)))
            .collect();
        page.watching = Some(marks.watching);
        page.notifications_read = mark_read(
            c,
            user_id,
            page.thread.id,
            &page.posts,
            marks.read_through,
            has_unread,
        )?;
        Ok(page)
    })
    .await
}

/// Page `page` of thread `id` as `viewer` sees it, and whether they watch it, read for them
/// alone (a moderator, a consultation, a thread awaiting approval): four queries (five for a
/// member), on one connection.
pub async fn thread_page(
    pool: &Pool,
    id: i64,
    page: i64,
    locale: Locale,
    viewer: Option<&Member>,
    filter: Filter,
    tz: chrono_tz::Tz,
) -> Result<ThreadPage, AppError> {
    let me = viewer.map(|m| {
        (
            m.id,
            m.powers.clone(),
            m.suspended_until.is_none() && m.verified,
        )
    });
    let has_unread = viewer.is_some_and(|m| m.unread_notifications > 0);
    pool.run(move |c| {
        let (thread, board) = db::threads::find_with_board(c, id)?.ok_or(AppError::NotFound)?;
        let reader = Reader {
            user_id: me.as_ref().map(|m| m.0),
            moderator: me.as_ref().is_some_and(|m| m.1.moderates(board.id)),
        };
        let is_mod = reader.moderator;
        if thread.status != PostStatus::Published
            && !is_mod
            && reader.user_id != Some(thread.author_id)
        {
            return Err(AppError::NotFound);
        }
        // A consultation still in draft is the moderators' alone.
        let now = chrono::Utc::now().naive_utc();
        if thread.opens_at.is_some_and(|at| at > now) && !is_mod {
            return Err(AppError::NotFound);
        }
        // Only a consultation has an opening moment: other threads cost no lookup.
        let consultation = match thread
            .opens_at
            .map(|_| db::consultations::find(c, id))
            .transpose()?
            .flatten()
        {
            Some(k) => Some(crate::services::consultations::view(
                c, k, filter, is_mod, tz,
            )?),
            None => None,
        };
        let filter = if consultation.is_some() {
            filter
        } else {
            Filter::default()
        };
        let viewing = Viewing {
            me: reader.user_id,
            can_act: me.as_ref().is_some_and(|m| m.2),
            moderator: is_mod,
        };
        let total = db::posts::count_shown(c, id, reader, filter)?;
        let pages = Pages::new(page, total, POSTS_PER_PAGE)?;
        let rows = db::posts::list_for_thread(
            c,
            id,
            reader,
            filter,
            POSTS_PER_PAGE,
            pages.offset(POSTS_PER_PAGE),
        )?;
        let read_through = rows.first().and_then(|r| r.read_through);
        let mut mine = Vec::with_capacity(rows.len());
        let posts: Arc<[PostView]> = rows
            .into_iter()
            .map(|r| {
                let (supported, ignored) =
                    (r.supported_at.is_some(), r.author_ignored_at.is_some());
                let post = post_view(r);
                mine.push(viewing.mine(&post, supported, ignored));
                post
            })
            .collect();
        let notifications_read = match reader.user_id {
            Some(user_id) => mark_read(c, user_id, id, &posts, read_through, has_unread)?,
            None => 0,
        };
        let watching = match reader.user_id {
            Some(user_id) => Some(db::watches::exists(c, user_id, id)?),
            None => None,
        };
        Ok(ThreadPage {
            thread: header(&thread, &board, locale, is_mod),
            consultation,
            summary: summary(&posts, &pages),
            posts,
            mine,
            pages,
            notifications_read,
            watching,
        })
    })
    .await
}

/// The thread a page shows, its board's name in `locale`.
fn header(
    thread: &db::threads::Thread,
    board: &db::boards::Board,
    locale: Locale,
    moderated: bool,
) -> ThreadHeader {
    ThreadHeader {
        id: thread.id,
        title: thread.title.clone(),
        locked: thread.locked,
        pinned: thread.pinned,
        board_id: board.id,
        board_slug: board.slug.clone(),
        board_name: match locale {
            Locale::Es => board.name_es.clone(),
            Locale::En => board.name_en.clone(),
        },
        board_archived: board.archived,
        pending: thread.status != PostStatus::Published,
        moderated,
        reply_count: thread.reply_count,
        created_at: thread.created_at,
        last_post_at: thread.last_post_at,
        last_post_id: thread.last_post_id,
    }
}

/// Plain text of the opening post's start, on the first page, for link previews.
fn summary(posts: &[PostView], pages: &Pages) -> String {
    posts
        .first()
        .filter(|_| pages.page == 1)
        .map(|p| markdown::excerpt(&p.body_html, 200))
        .unwrap_or_default()
}

/// A post as every member sees it (their own part of it is a [`Mine`]).
fn post_view(r: db::posts::PostRow) -> PostView {
    let hidden = (r.post.status == PostStatus::Hidden).then_some(Removal {
        log_id: r.post.moderation_log_id,
        rule: r.moderation_rule,
    });
    let in_reply_to = r.post.parent_id.map(|pid| {
        let gone = r.parent_status != Some(PostStatus::Published);
        InReplyTo {
            id: pid,
            number: r.parent_number.unwrap_or(0),
            author: r
                .parent_author
                .filter(|_| r.parent_author_deleted.is_none()),
            quote: if gone {
                String::new()
            } else {
                markdown::excerpt(r.parent_html.as_deref().unwrap_or(""), 120)
            },
            deleted: gone,
        }
    });
    PostView {
        id: r.post.id,
        author_id: r.post.author_id,
        status: r.post.status,
        number: r.post.number,
        kind: r.post.kind,
        pending: r.post.status == PostStatus::Pending,
        supports: r.post.support_count,
        mine: Mine::default(),
        author_label: Label::of(r.author_label, r.author_deleted),
        author: display_name(r.author, r.author_deleted),
        created_at: r.post.created_at,
        edited_at: r.post.edited_at,
        revisions: r.post.revision_count,
        body_html: if hidden.is_some() {
            String::new()
        } else {
            r.post.body_html
        },
        deleted_by: r.post.deleted_by,
        in_reply_to,
        hidden,
    }
}

/// Records that member `user_id` read thread `thread_id` through the newest published post
/// of `posts` (a page of it; they had stopped at `read_through`), and marks read their
/// notifications of those posts when they have any unread: a write only when something
/// changes. Returns how many notifications it marked read.
fn mark_read(
    c: &mut db::DbConn,
    user_id: i64,
    thread_id: i64,
    posts: &[PostView],
    read_through: Option<i64>,
    has_unread: bool,
) -> Result<usize, AppError> {
    let newest = posts
        .iter()
        .filter(|p| p.status == PostStatus::Published)
        .map(|p| p.id)
        .max();
    let behind = newest.is_some_and(|n| read_through.is_none_or(|r| r < n));
    if !behind && !has_unread {
        return Ok(0);
    }
    let now = chrono::Utc::now().naive_utc();
    let ids: Vec<i64> = posts.iter().map(|p| p.id).collect();
    c.in_unseen_transaction(|c| {
        if let Some(n) = newest.filter(|_| behind) {
            db::thread_reads::record_read(c, user_id, thread_id, n, now)?;
        }
        if has_unread {
            Ok(db::notifications::mark_posts_read(c, user_id, &ids, now)?)
        } else {
            Ok(0)
        }
    })
}

/// The member's first unread published post of thread `id` (its first post when they never
/// opened it; its last when they read everything).
pub async fn first_unread(pool: &Pool, member: &Member, id: i64) -> Result<i64, AppError> {
    let user_id = member.id;
    pool.run(move |c| {
        let through = db::thread_reads::read_through(c, user_id, id)?.unwrap_or(0);
        db::posts::first_published_after(c, id, through)?.ok_or(AppError::NotFound)
    })
    .await
}

/// Where a post is shown to `viewer`: `/t/{thread}?page=N#p{id}`.
pub async fn permalink(pool: &Pool, id: i64, viewer: Option<&Member>) -> Result<String, AppError> {
    let me = viewer.map(|m| (m.id, m.powers.clone()));
    pool.run(move |c| Ok(locate(c, id, me.as_ref())?.2)).await
}

/// Post `id`, its thread, and where it is in the thread, if `me` (id, powers) may see it.
fn locate(
    c: &mut db::DbConn,
    id: i64,
    me: Option<&(i64, crate::services::auth::Powers)>,
) -> Result<(db::posts::Post, db::threads::Thread, String), AppError> {
    let post = db::posts::find(c, id)?.ok_or(AppError::NotFound)?;
    let (thread, board) =
        db::threads::find_with_board(c, post.thread_id)?.ok_or(AppError::NotFound)?;
    let reader = Reader {
        user_id: me.map(|m| m.0),
        moderator: me.is_some_and(|m| m.1.moderates(board.id)),
    };
    let own = reader.user_id == Some(post.author_id);
    if !(PostStatus::SHOWN.contains(&post.status)
        || (post.status == PostStatus::Pending && (own || reader.moderator)))
    {
        return Err(AppError::NotFound);
    }
    let position = db::posts::position(c, post.thread_id, id, reader)?;
    let page = (position - 1) / POSTS_PER_PAGE + 1;
    let href = if page == 1 {
        format!("/t/{}#p{id}", post.thread_id)
    } else {
        format!("/t/{}?page={page}#p{id}", post.thread_id)
    };
    Ok((post, thread, href))
}

/// One post as a page about it shows it (reporting it, confirming its deletion).
#[derive(Debug, Serialize)]
pub struct Glimpse {
    pub id: i64,
    /// Where the post is in its thread.
    pub href: String,
    pub thread_title: String,
    pub author: Option<String>,
    pub created_at: NaiveDateTime,
    /// The sanitised body, while the viewer may read it.
    pub body_html: Option<String>,
}

/// The name of member `id`; `None` once they deleted their account.
fn author_name(c: &mut db::DbConn, id: i64) -> Result<Option<String>, AppError> {
    Ok(db::users::find_by_id(c, id)?
        .filter(|u| u.deleted_at.is_none())
        .map(|u| u.username))
}

/// Post `id` as `viewer` may see it (404 where the thread page would not show it).
pub async fn glimpse(pool: &Pool, id: i64, viewer: Option<&Member>) -> Result<Glimpse, AppError> {
    let me = viewer.map(|m| (m.id, m.powers.clone()));
    pool.run(move |c| {
        let (post, thread, href) = locate(c, id, me.as_ref())?;
        let me = me.map(|m| m.0);
        let author = author_name(c, post.author_id)?;
        let readable = post.status == PostStatus::Published
            || (post.status == PostStatus::Pending && me == Some(post.author_id));
        Ok(Glimpse {
            id,
            href,
            thread_title: thread.title,
            author,
            created_at: post.created_at,
            body_html: readable.then_some(post.body_html),
        })
    })
    .await
}

/// What a reply quoting a post starts from: its Markdown and who wrote it.
#[derive(Debug, Clone)]
pub struct Quotable {
    pub thread_id: i64,
    /// Its number in the thread.
    pub number: i64,
    /// `None` for a member who deleted their account.
    pub author: Option<String>,
    pub source: String,
}

/// Post `id` to quote, when it is published and `viewer` may read it (None otherwise).
pub async fn quotable(
    pool: &Pool,
    id: i64,
    viewer: Option<&Member>,
) -> Result<Option<Quotable>, AppError> {
    let me = viewer.map(|m| (m.id, m.powers.clone()));
    pool.run(move |c| {
        let (post, thread, _) = match locate(c, id, me.as_ref()) {
            Ok(found) => found,
            Err(AppError::NotFound) => return Ok(None),
            Err(e) => return Err(e),
        };
        if post.status != PostStatus::Published {
            return Ok(None);
        }
        let author = author_name(c, post.author_id)?;
        Ok(Some(Quotable {
            thread_id: thread.id,
            number: post.number,
            author,
            source: post.body_source,
        }))
    })
    .await
}

/// The log entry that removed post `id`, when it is removed.
pub async fn removal_log(pool: &Pool, id: i64) -> Result<Option<i64>, AppError> {
    pool.run(move |c| {
        let post = db::posts::find(c, id)?.ok_or(AppError::NotFound)?;
        Ok((post.status == PostStatus::Hidden)
            .then_some(post.moderation_log_id)
            .flatten())
    })
    .await
}

/// The log entry of a member's current suspension.
pub async fn suspension_log(pool: &Pool, user_id: i64) -> Result<Option<i64>, AppError> {
    pool.run(move |c| {
        let user = db::users::find_by_id(c, user_id)?.ok_or(AppError::NotFound)?;
        let now = chrono::Utc::now().naive_utc();
        Ok(user
            .suspended_until
            .filter(|u| *u > now)
            .and(user.suspension_log_id))
    })
    .await
}
