//! `tertulia seed demo` leaves what members posting through the site would have left: every
//! counter, last post and index row agrees with the posts themselves, nothing is dated after
//! the seeding, replies come after what they answer, and the pages show the same times.

use chrono::NaiveDateTime;
use diesel::sql_types::{BigInt, Nullable, Text, Timestamp};
use diesel::{QueryableByName, RunQueryDsl};
use scraper::{ElementRef, Selector};
use tertulia::domain::{markdown, search};

use crate::helpers::{spawn_app, TestApp};
use crate::process::{run_ok, scalar};

#[derive(Debug, PartialEq, QueryableByName)]
struct ThreadFacts {
    #[diesel(sql_type = BigInt)]
    id: i64,
    #[diesel(sql_type = BigInt)]
    author: i64,
    #[diesel(sql_type = Timestamp)]
    started: NaiveDateTime,
    #[diesel(sql_type = BigInt)]
    replies: i64,
    #[diesel(sql_type = Nullable<BigInt>)]
    last_id: Option<i64>,
    #[diesel(sql_type = Nullable<BigInt>)]
    last_poster: Option<i64>,
    #[diesel(sql_type = Nullable<Timestamp>)]
    last_at: Option<NaiveDateTime>,
}

#[derive(Debug, PartialEq, QueryableByName)]
struct BoardFacts {
    #[diesel(sql_type = BigInt)]
    id: i64,
    #[diesel(sql_type = BigInt)]
    threads: i64,
    #[diesel(sql_type = BigInt)]
    posts: i64,
    #[diesel(sql_type = Nullable<Timestamp>)]
    last_at: Option<NaiveDateTime>,
}

#[derive(Debug, PartialEq, QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    id: i64,
    #[diesel(sql_type = BigInt)]
    n: i64,
}

#[derive(Debug, PartialEq, QueryableByName)]
struct Indexed {
    #[diesel(sql_type = BigInt)]
    id: i64,
    #[diesel(sql_type = Text)]
    title: String,
    #[diesel(sql_type = Text)]
    body: String,
    #[diesel(sql_type = Text)]
    stems: String,
}

#[derive(Debug, QueryableByName)]
struct Latest {
    #[diesel(sql_type = Nullable<Timestamp>)]
    at: Option<NaiveDateTime>,
}

fn load<T>(app: &TestApp, query: &str) -> Vec<T>
where
    T: QueryableByName<diesel::sqlite::Sqlite> + QueryableByName<diesel::pg::Pg> + 'static,
{
    use tertulia::db::DbConn;
    match app.direct() {
        DbConn::Sqlite(mut c) => diesel::sql_query(query).load(&mut c),
        DbConn::Pg(mut c) => diesel::sql_query(query).load(&mut c),
    }
    .unwrap_or_else(|e| panic!("{e}: {query}"))
}

/// Threads as stored, and as the posts say they should be: opened by the first post, replies
/// counted, the last post being the newest published one.
const THREADS: &str = "SELECT id, author_id AS author, created_at AS started, \
    reply_count AS replies, last_post_id AS last_id, last_poster_id AS last_poster, \
    last_post_at AS last_at FROM threads ORDER BY id";
const THREADS_FROM_POSTS: &str = "SELECT t.id, f.author_id AS author, f.created_at AS started, \
    (SELECT COUNT(*) FROM posts p WHERE p.thread_id = t.id AND p.status = 'published') - 1 \
      AS replies, \
    l.id AS last_id, l.author_id AS last_poster, l.created_at AS last_at \
    FROM threads t \
    JOIN posts f ON f.id = (SELECT MIN(id) FROM posts WHERE thread_id = t.id) \
    LEFT JOIN posts l ON l.id = (SELECT id FROM posts WHERE thread_id = t.id \
      AND status = 'published' ORDER BY created_at DESC, id DESC LIMIT 1) \
    ORDER BY t.id";
const BOARDS: &str = "SELECT id, thread_count AS threads, post_count AS posts, \
    last_activity_at AS last_at FROM boards ORDER BY id";
const BOARDS_FROM_POSTS: &str = "SELECT b.id, \
    (SELECT COUNT(*) FROM threads t WHERE t.board_id = b.id AND t.status = 'published') \
      AS threads, \
    (SELECT COUNT(*) FROM posts p JOIN threads t ON t.id = p.thread_id WHERE t.board_id = b.id \
      AND t.status = 'published' AND p.status = 'published') AS posts, \
    (SELECT MAX(p.created_at) FROM posts p JOIN threads t ON t.id = p.thread_id \
      WHERE t.board_id = b.id AND p.status = 'published') AS last_at \
    FROM boards b ORDER BY b.id";
const MEMBERS: &str = "SELECT id, post_count AS n FROM users ORDER BY id";
const MEMBERS_FROM_POSTS: &str = "SELECT u.id, (SELECT COUNT(*) FROM posts p \
    WHERE p.author_id = u.id AND p.status = 'published') AS n FROM users u ORDER BY u.id";
const INDEX: &str = "SELECT rowid AS id, title, body, stems FROM post_search ORDER BY rowid";
const PUBLISHED: &str = "SELECT p.id, t.title, p.body_html AS body, '' AS stems \
    FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.status = 'published' \
    ORDER BY p.id";

/// The search index holds `expected` and nothing else. PostgreSQL's keeps the text; SQLite's
/// keeps only the words, so the same rows are indexed in a stored copy and the two indexes'
/// words (each word, row, column and position) compared.
fn assert_index_holds(app: &TestApp, expected: &[Indexed]) {
    use diesel::connection::SimpleConnection;
    use tertulia::db::DbConn;
    let mut c = match app.direct() {
        DbConn::Sqlite(c) => c,
        DbConn::Pg(_) => {
            assert_eq!(load::<Indexed>(app, INDEX), expected, "the search index");
            return;
        }
    };
    c.batch_execute(
        "CREATE VIRTUAL TABLE temp.expected_index USING fts5(title, body, stems, \
           tokenize = 'unicode61 remove_diacritics 2'); \
         CREATE VIRTUAL TABLE temp.expected_words USING fts5vocab(temp, expected_index, instance); \
         CREATE VIRTUAL TABLE temp.indexed_words USING fts5vocab(main, post_search, instance);",
    )
    .unwrap();
    for row in expected {
        diesel::sql_query(
            "INSERT INTO temp.expected_index (rowid, title, body, stems) VALUES (?, ?, ?, ?)",
        )
        .bind::<BigInt, _>(row.id)
        .bind::<Text, _>(&row.title)
        .bind::<Text, _>(&row.body)
        .bind::<Text, _>(&row.stems)
        .execute(&mut c)
        .unwrap();
    }
    let differing = "SELECT COUNT(*) AS n FROM (\
        SELECT * FROM (SELECT term, doc, col, offset FROM temp.indexed_words \
          EXCEPT SELECT term, doc, col, offset FROM temp.expected_words) \
        UNION ALL SELECT * FROM (SELECT term, doc, col, offset FROM temp.expected_words \
          EXCEPT SELECT term, doc, col, offset FROM temp.indexed_words))";
    #[derive(QueryableByName)]
    struct N {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }
    let words = |q: &str, c: &mut diesel::SqliteConnection| {
        diesel::sql_query(q).get_result::<N>(c).unwrap().n
    };
    assert!(words("SELECT COUNT(*) AS n FROM temp.indexed_words", &mut c) > 10_000);
    assert_eq!(words(differing, &mut c), 0, "the search index");
}

/// Pairs of rows that contradict the order things happen in; each must find none.
const OUT_OF_ORDER: [(&str, &str); 9] = [
    ("a reply older than the post it answers, or in another thread",
     "SELECT COUNT(*) FROM posts p JOIN posts q ON q.id = p.parent_id \
      WHERE p.created_at < q.created_at OR p.id < q.id OR p.thread_id <> q.thread_id"),
    ("a post older than its thread",
     "SELECT COUNT(*) FROM posts p JOIN threads t ON t.id = p.thread_id \
      WHERE p.created_at < t.created_at"),
    ("a later post of a thread dated before an earlier one",
     "SELECT COUNT(*) FROM posts a JOIN posts b ON b.thread_id = a.thread_id AND b.id > a.id \
      WHERE b.created_at < a.created_at"),
    ("a later post dated before an earlier one",
     "SELECT COUNT(*) FROM posts a JOIN posts b ON b.id > a.id WHERE b.created_at < a.created_at"),
    ("a later thread opened before an earlier one",
     "SELECT COUNT(*) FROM threads a JOIN threads b ON b.id > a.id \
      WHERE b.created_at < a.created_at"),
    ("a post older than its author's account",
     "SELECT COUNT(*) FROM posts p JOIN users u ON u.id = p.author_id \
      WHERE p.created_at < u.created_at"),
    ("a thread older than its board",
     "SELECT COUNT(*) FROM threads t JOIN boards b ON b.id = t.board_id \
      WHERE t.created_at < b.created_at"),
    ("a post numbered otherwise than by its place in its thread, or a thread's count of numbers wrong",
     "SELECT (SELECT COUNT(*) FROM posts p WHERE p.number <> \
      (SELECT COUNT(*) FROM posts q WHERE q.thread_id = p.thread_id AND q.id <= p.id)) \
      + (SELECT COUNT(*) FROM threads t WHERE t.posts_numbered <> \
      (SELECT COUNT(*) FROM posts p WHERE p.thread_id = t.id))"),
    ("a support or revision count that disagrees with its rows",
     "SELECT COUNT(*) FROM posts p WHERE p.support_count <> \
      (SELECT COUNT(*) FROM post_supports s WHERE s.post_id = p.id) \
      OR p.revision_count <> (SELECT COUNT(*) FROM post_revisions r WHERE r.post_id = p.id)"),
];

/// Every date column the seed writes.
const DATES: [&str; 12] = [
    "posts.created_at",
    "threads.created_at",
    "threads.last_post_at",
    "boards.last_activity_at",
    "boards.created_at",
    "users.created_at",
    "users.email_verified_at",
    "subscribers.created_at",
    "subscriptions.created_at",
    "consultations.created_at",
    "consultations.synthesis_published_at",
    "synthesis_revisions.created_at",
];

#[derive(Debug, QueryableByName)]
struct Day {
    #[diesel(sql_type = Text)]
    day: String,
}

fn seed(app: &TestApp) {
    let url = app.db.url_string();
    run_ok(
        &[
            "seed",
            "demo",
            "--threads",
            "30",
            "--posts",
            "300",
            "--members",
            "12",
            "--subscribers",
            "4",
            "--seed",
            "11",
        ],
        &[("TERTULIA_DATABASE_URL", url.as_str())],
    );
}

#[tokio::test]
async fn seeded_counters_and_dates_are_those_the_site_would_have_written() {
    let app = spawn_app().await;
    seed(&app);
    let now = chrono::Utc::now().naive_utc();
    let url = app.db.url_string();

    assert_eq!(
        load::<ThreadFacts>(&app, THREADS),
        load::<ThreadFacts>(&app, THREADS_FROM_POSTS)
    );
    assert_eq!(
        load::<BoardFacts>(&app, BOARDS),
        load::<BoardFacts>(&app, BOARDS_FROM_POSTS)
    );
    assert_eq!(
        load::<Count>(&app, MEMBERS),
        load::<Count>(&app, MEMBERS_FROM_POSTS)
    );
    let expected: Vec<Indexed> = load::<Indexed>(&app, PUBLISHED)
        .into_iter()
        .map(|p| {
            let body = markdown::plain_text(&p.body);
            let stems = search::stems(&format!("{} {body}", p.title));
            Indexed { body, stems, ..p }
        })
        .collect();
    assert_eq!(expected.len(), 300);
    assert_index_holds(&app, &expected);

    for (what, query) in OUT_OF_ORDER {
        assert_eq!(scalar(&url, query), 0, "{what}");
    }
    assert!(
        scalar(
            &url,
            "SELECT COUNT(*) FROM posts WHERE parent_id IS NOT NULL"
        ) > 0,
        "some replies answer a post"
    );
    // The multistakeholder side: two consultations, one open with every kind of contribution,
    // one closed with its synthesis and nothing posted after its last day; labelled members.
    assert_eq!(scalar(&url, "SELECT COUNT(*) FROM consultations"), 2);
    assert_eq!(
        scalar(
            &url,
            "SELECT COUNT(DISTINCT p.kind) FROM posts p JOIN consultations k ON k.thread_id = p.thread_id \
             WHERE k.synthesis_published_at IS NULL"
        ),
        5
    );
    assert_eq!(
        scalar(
            &url,
            "SELECT COUNT(*) FROM consultations WHERE synthesis_published_at IS NOT NULL \
             AND synthesis_html LIKE '%<strong>acuerdo</strong>%'"
        ),
        1
    );
    let last = load::<Latest>(
        &app,
        "SELECT MAX(p.created_at) AS at FROM posts p \
         JOIN consultations k ON k.thread_id = p.thread_id \
         WHERE k.synthesis_published_at IS NOT NULL",
    )[0]
    .at
    .unwrap();
    let closes = load::<Day>(
        &app,
        "SELECT CAST(closes_on AS TEXT) AS day FROM consultations \
         WHERE synthesis_published_at IS NOT NULL",
    );
    assert!(
        last.date().to_string() <= closes[0].day,
        "no contribution after the closed consultation's last day: {last} > {}",
        closes[0].day
    );
    assert!(
        scalar(
            &url,
            "SELECT COUNT(*) FROM users WHERE stakeholder IS NOT NULL"
        ) >= 8
    );
    assert!(
        scalar(
            &url,
            "SELECT COUNT(*) FROM users WHERE affiliation_verified_at IS NOT NULL"
        ) >= 3
    );
    for column in DATES {
        let (table, _) = column.split_once('.').unwrap();
        let latest = load::<Latest>(&app, &format!("SELECT MAX({column}) AS at FROM {table}"));
        let at = latest[0].at.unwrap_or_else(|| panic!("{column} is empty"));
        assert!(at <= now, "{column} is in the future: {at} > {now}");
    }
}

fn select<'a>(e: ElementRef<'a>, selector: &str) -> Vec<ElementRef<'a>> {
    e.select(&Selector::parse(selector).unwrap()).collect()
}

fn attr(e: ElementRef<'_>, name: &str) -> String {
    e.value().attr(name).unwrap().to_string()
}

/// The `datetime` of a post on its thread's page (reached through its permalink).
async fn post_time(app: &TestApp, post: &str) -> String {
    let res = app.get(post).await;
    assert_eq!(res.status(), 303, "{post}");
    let location = res.headers()["location"].to_str().unwrap().to_string();
    let (path, anchor) = location.split_once('#').unwrap();
    let (status, page) = app.get_html(path).await;
    assert_eq!(status, 200, "{path}");
    let when = select(
        page.root_element(),
        &format!("li#{anchor} .post-head a.when time"),
    );
    assert_eq!(when.len(), 1, "{location}");
    attr(when[0], "datetime")
}

#[tokio::test]
async fn the_last_activity_shown_is_the_time_of_the_post_it_leads_to() {
    let app = spawn_app().await;
    seed(&app);
    let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let (_, home) = app.home().await;
    let boards: Vec<(String, String)> = select(home.root_element(), ".board")
        .into_iter()
        .map(|b| {
            let href = attr(select(b, "h2 a")[0], "href");
            let times = select(b, ".meta time");
            assert_eq!(times.len(), 1, "{href} shows its last activity");
            (href, attr(times[0], "datetime"))
        })
        .collect();
    assert_eq!(boards.len(), 6);
    for (href, board_last) in boards {
        assert!(
            board_last <= now,
            "{href}: activity after now: {board_last}"
        );
        let (_, page) = app.get_html(&href).await;
        let threads = select(page.root_element(), "tr.thread");
        assert!(!threads.is_empty(), "{href} lists its threads");
        for (i, thread) in threads.into_iter().enumerate() {
            let times: Vec<String> = select(thread, ".meta time")
                .into_iter()
                .map(|t| attr(t, "datetime"))
                .collect();
            let [opened, last] = <[String; 2]>::try_from(times).unwrap();
            if i == 0 {
                assert_eq!(last, board_last, "{href}: the board's last activity");
            }
            let last_post = attr(select(thread, ".meta a[href^='/p/']")[0], "href");
            assert_eq!(
                post_time(&app, &last_post).await,
                last,
                "{href}: {last_post}"
            );
            let link = attr(select(thread, "h3 a")[0], "href");
            let (_, first) = app.get_html(&link).await;
            let opening = select(first.root_element(), "li.post .post-head a.when time");
            assert_eq!(attr(opening[0], "datetime"), opened, "{link} opened");
        }
    }
}

/// Seeding into a seeded site (as the load benchmark does, for its 50-post thread) adds
/// content, not a second pair of consultations.
#[tokio::test]
async fn seeding_again_adds_threads_but_not_consultations() {
    let app = spawn_app().await;
    seed(&app);
    let url = app.db.url_string();
    let threads = scalar(&url, "SELECT COUNT(*) FROM threads");
    run_ok(
        &[
            "seed",
            "demo",
            "--threads",
            "1",
            "--posts",
            "50",
            "--members",
            "1",
            "--seed",
            "2",
        ],
        &[("TERTULIA_DATABASE_URL", url.as_str())],
    );
    assert_eq!(scalar(&url, "SELECT COUNT(*) FROM threads"), threads + 1);
    assert_eq!(scalar(&url, "SELECT COUNT(*) FROM consultations"), 2);
}
