//! Privacy by retention: the housekeeping job forgets each kind of personal data once its
//! `[retention]` period is over (and not a minute before), deleting an account leaves its
//! addresses in no table, and `/privacy` states the periods this site is configured with.

use chrono::{NaiveDateTime, TimeDelta};
use diesel::sql_types::{BigInt, Text};
use diesel::QueryableByName;
use tertulia::domain::Role;
use tertulia::services::site::{housekeeping, Removed};

use crate::helpers::{attr, spawn_app_with, spawn_app_without_jobs, texts, TestApp, PASSWORD};
use crate::process::run;

/// The moment the job runs as; rows are dated around it.
fn now() -> NaiveDateTime {
    NaiveDateTime::parse_from_str("2030-06-01 12:00:00", "%Y-%m-%d %H:%M:%S").unwrap()
}

/// `now()` moved by `delta`, as SQL reads it.
fn at(delta: TimeDelta) -> String {
    (now() + delta).format("%Y-%m-%d %H:%M:%S").to_string()
}

const MINUTE: TimeDelta = TimeDelta::minutes(1);

async fn housekeep(app: &TestApp) -> Removed {
    let pool = app.server.clone().expect("an in-process server");
    housekeeping(&pool, &app.settings.retention, now())
        .await
        .expect("housekeeping runs")
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

#[derive(QueryableByName)]
struct Word {
    #[diesel(sql_type = Text)]
    word: String,
}

fn count(app: &TestApp, query: &str) -> i64 {
    use diesel::RunQueryDsl;
    use tertulia::db::DbConn;
    let rows: Vec<Count> = match app.direct() {
        DbConn::Sqlite(mut c) => diesel::sql_query(query).load(&mut c),
        DbConn::Pg(mut c) => diesel::sql_query(query).load(&mut c),
    }
    .unwrap_or_else(|e| panic!("{e}: {query}"));
    rows[0].n
}

fn words(app: &TestApp, query: &str) -> Vec<String> {
    use diesel::RunQueryDsl;
    use tertulia::db::DbConn;
    let rows: Vec<Word> = match app.direct() {
        DbConn::Sqlite(mut c) => diesel::sql_query(query).load(&mut c),
        DbConn::Pg(mut c) => diesel::sql_query(query).load(&mut c),
    }
    .unwrap_or_else(|e| panic!("{e}: {query}"));
    rows.into_iter().map(|w| w.word).collect()
}

fn insert_mail(app: &TestApp, key: &str, status: &str, created: &str) {
    app.sql(&format!(
        "INSERT INTO outbox (idempotency_key, kind, recipient, locale, payload, status, attempts, \
         next_attempt_at, last_error, created_at, sent_at) VALUES ('{key}', 'digest', \
         '{key}@example.org', 'es', '{{\"username\":\"{key}\"}}', '{status}', 1, '{created}', \
         'refused by {key}@example.org', '{created}', NULL)"
    ));
}

#[tokio::test]
async fn old_mail_keeps_no_address_or_content_but_its_key_and_status() {
    let app = spawn_app_without_jobs(|_| {}).await;
    let old = at(-TimeDelta::days(30) - MINUTE);
    let recent = at(-TimeDelta::days(30) + MINUTE);
    insert_mail(&app, "oldsent", "sent", &old);
    insert_mail(&app, "oldfailed", "failed", &old);
    insert_mail(&app, "recentsent", "sent", &recent);
    // Still waiting to go out: never emptied, whatever its age.
    insert_mail(&app, "oldqueued", "queued", &old);

    assert_eq!(housekeep(&app).await.mail, 2);
    let rows = words(
        &app,
        "SELECT idempotency_key || '|' || status || '|' || recipient || '|' || payload || '|' \
         || COALESCE(last_error, '-') AS word FROM outbox ORDER BY idempotency_key",
    );
    assert_eq!(
        rows,
        [
            "oldfailed|failed||{}|-",
            "oldqueued|queued|oldqueued@example.org|{\"username\":\"oldqueued\"}|refused by oldqueued@example.org",
            "oldsent|sent||{}|-",
            "recentsent|sent|recentsent@example.org|{\"username\":\"recentsent\"}|refused by recentsent@example.org",
        ]
    );
    // The keys stay, so a digest's period is still known as sent; a second run changes nothing.
    assert_eq!(housekeep(&app).await, Removed::default());
    // A forgotten failed message cannot be queued again to nowhere.
    let admin = app.browser_as("admina", Role::Admin).await;
    let id = count(
        &app,
        "SELECT id AS n FROM outbox WHERE idempotency_key = 'oldfailed'",
    );
    admin
        .submit("/admin", &format!("/admin/outbox/{id}/retry"), &[])
        .await;
    assert_eq!(
        words(
            &app,
            "SELECT status AS word FROM outbox WHERE idempotency_key = 'oldfailed'"
        ),
        ["failed"]
    );
}

#[tokio::test]
async fn old_reports_stop_naming_their_reporter_and_still_reach_the_queue() {
    let app = spawn_app_without_jobs(|_| {}).await;
    app.member("ana").await;
    let thread = app
        .new_thread("educacion", "Antenas", "Faltan antenas en Petén.")
        .await;
    let post = count(
        &app,
        &format!("SELECT MIN(id) AS n FROM posts WHERE thread_id = {thread}"),
    );
    for name in ["luis", "maria"] {
        let b = app.other_browser();
        b.member(name).await;
        assert_eq!(b.report(post, "spam", "Publicidad").await.status, 303);
    }
    let luis = count(&app, "SELECT id AS n FROM users WHERE username = 'luis'");
    let old = at(-TimeDelta::days(180) - MINUTE);
    let recent = at(-TimeDelta::days(180) + MINUTE);
    app.sql(&format!(
        "UPDATE flags SET created_at = '{old}' WHERE reporter_id = {luis}; \
         UPDATE flags SET created_at = '{recent}' WHERE reporter_id <> {luis}"
    ));

    assert_eq!(housekeep(&app).await.reporters, 1);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) AS n FROM flags WHERE reporter_id IS NULL"
        ),
        1
    );
    assert_eq!(
        count(
            &app,
            &format!("SELECT COUNT(*) AS n FROM flags WHERE reporter_id = {luis}")
        ),
        0
    );
    // Both reports still wait for a moderator; only the recent one names its reporter.
    let moderator = app.browser_as("moda", Role::Moderator).await;
    let (status, queue) = moderator.get_html("/mod").await;
    assert_eq!(status, 200);
    let flags = texts(&queue, &format!("#q{post} .flags li"));
    assert_eq!(flags.len(), 2, "{flags:?}");
    assert!(flags[0].contains("quien reportó ya no consta"), "{flags:?}");
    assert!(flags[1].contains("maria"), "{flags:?}");
}

#[tokio::test]
async fn rate_events_sessions_and_spent_links_go_after_their_periods() {
    let app = spawn_app_without_jobs(|_| {}).await;
    app.member("ana").await;
    let phone = app.other_browser();
    assert_eq!(phone.login("ana", PASSWORD).await.status, 303);
    // Sessions: thirty days without use.
    let future = at(TimeDelta::days(1));
    app.sql(&format!(
        "UPDATE sessions SET expires_at = '{future}', last_seen_at = '{}' \
         WHERE id = (SELECT MIN(id) FROM sessions); \
         UPDATE sessions SET expires_at = '{future}', last_seen_at = '{}' \
         WHERE id = (SELECT MAX(id) FROM sessions)",
        at(-TimeDelta::days(30) - MINUTE),
        at(-TimeDelta::days(30) + MINUTE)
    ));
    // Email links: the used verification goes; an open one stays; an expired one goes.
    assert_eq!(
        app.settings(&[
            ("form", "email"),
            ("new_email", "ana@nuevo.org"),
            ("email_password", PASSWORD),
        ])
        .await
        .status,
        303
    );
    app.other_browser().forgot("ana@example.org").await;
    app.sql(&format!(
        "UPDATE email_tokens SET expires_at = '{}' WHERE purpose = 'email_change'; \
         UPDATE email_tokens SET expires_at = '{}' WHERE purpose = 'reset'",
        at(MINUTE),
        at(-MINUTE)
    ));
    // Rate-limit events: a day by default.
    app.sql(&format!(
        "DELETE FROM rate_events; \
         INSERT INTO rate_events (kind, subject, created_at) VALUES \
         ('login_fail_ip', '192.0.2.1', '{}'), ('login_fail_ip', '192.0.2.2', '{}')",
        at(-TimeDelta::hours(24) - MINUTE),
        at(-TimeDelta::hours(24) + MINUTE)
    ));
    assert_eq!(
        count(&app, "SELECT COUNT(*) AS n FROM sessions"),
        2,
        "two sessions"
    );
    assert_eq!(count(&app, "SELECT COUNT(*) AS n FROM email_tokens"), 3);

    let removed = housekeep(&app).await;
    assert_eq!(
        (removed.rate_events, removed.sessions, removed.email_tokens),
        (1, 1, 2)
    );
    assert_eq!(
        words(&app, "SELECT subject AS word FROM rate_events"),
        ["192.0.2.2"]
    );
    assert_eq!(
        words(
            &app,
            "SELECT COALESCE(new_email, purpose) AS word FROM email_tokens"
        ),
        ["ana@nuevo.org"]
    );
    // The session used within the period is the one left.
    assert_eq!(
        count(
            &app,
            &format!(
                "SELECT COUNT(*) AS n FROM sessions WHERE last_seen_at > '{}'",
                at(-TimeDelta::days(30))
            )
        ),
        1
    );
    assert_eq!(count(&app, "SELECT COUNT(*) AS n FROM sessions"), 1);
    assert_eq!(housekeep(&app).await, Removed::default(), "idempotent");
}

async fn subscribe_unconfirmed(app: &TestApp, email: &str) {
    let answer = app
        .other_browser()
        .submit(
            "/subscribe",
            "/subscribe",
            &[
                ("email", email),
                ("frequency", "weekly"),
                ("boards", "educacion"),
            ],
        )
        .await;
    assert_eq!(answer.status, 303, "{}", answer.body);
}

#[tokio::test]
async fn unconfirmed_subscriptions_go_after_their_period() {
    let app = spawn_app_without_jobs(|_| {}).await;
    subscribe_unconfirmed(&app, "vieja@example.org").await;
    subscribe_unconfirmed(&app, "reciente@example.org").await;
    let confirmed =
        crate::digests::subscribe(&app, "firme@example.org", &["educacion"], "weekly", "es").await;
    assert!(confirmed.starts_with("/unsubscribe/"));
    let future = at(TimeDelta::days(1));
    let old = at(-TimeDelta::days(7) - MINUTE);
    app.sql(&format!(
        "UPDATE subscription_requests SET expires_at = '{future}', created_at = '{old}' \
         WHERE subscriber_id IN (SELECT id FROM subscribers WHERE email <> 'reciente@example.org'); \
         UPDATE subscription_requests SET expires_at = '{future}', created_at = '{}' \
         WHERE subscriber_id IN (SELECT id FROM subscribers WHERE email = 'reciente@example.org')",
        at(-TimeDelta::days(7) + MINUTE)
    ));

    assert_eq!(housekeep(&app).await.unconfirmed, 1);
    assert_eq!(
        words(&app, "SELECT email AS word FROM subscribers ORDER BY email"),
        ["firme@example.org", "reciente@example.org"]
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) AS n FROM subscription_requests"),
        1,
        "the recent request stays; the old used one goes with the old unconfirmed one"
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) AS n FROM subscriptions"),
        1,
        "the confirmed subscription stays"
    );
}

#[tokio::test]
async fn the_housekeeping_command_runs_the_job_once_and_says_what_it_removed() {
    let app = spawn_app_without_jobs(|_| {}).await;
    app.sql(
        "DELETE FROM rate_events; INSERT INTO rate_events (kind, subject, created_at) VALUES \
         ('register_ip', '198.51.100.7', '2000-01-01 00:00:00')",
    );
    let url = app.db.url_string();
    let out = run(
        &["housekeeping"],
        &[("TERTULIA_DATABASE_URL", url.as_str())],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(said.starts_with("Housekeeping: "), "{said}");
    assert!(said.contains("1 rate-limit event(s)"), "{said}");
    assert_eq!(count(&app, "SELECT COUNT(*) AS n FROM rate_events"), 0);
}

#[derive(QueryableByName)]
struct Column {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
}

/// Every `table.column` holding text that contains `needle` (any case), read from the live
/// schema so that a table added later is searched too.
fn columns_containing(app: &TestApp, needle: &str) -> Vec<String> {
    use diesel::RunQueryDsl;
    use tertulia::db::DbConn;
    let (columns, sqlite): (Vec<Column>, bool) = match app.direct() {
        DbConn::Sqlite(mut c) => (
            diesel::sql_query(
                "SELECT m.name AS table_name, p.name AS column_name \
                 FROM sqlite_master m JOIN pragma_table_info(m.name) p \
                 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'",
            )
            .load(&mut c)
            .unwrap(),
            true,
        ),
        DbConn::Pg(mut c) => (
            diesel::sql_query(
                "SELECT table_name::text AS table_name, column_name::text AS column_name \
                 FROM information_schema.columns WHERE table_schema = current_schema() \
                 AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb')",
            )
            .load(&mut c)
            .unwrap(),
            false,
        ),
    };
    assert!(columns.len() > 50, "the schema was read: {}", columns.len());
    let mut hits = Vec::new();
    for Column {
        table_name,
        column_name,
    } in columns
    {
        // On SQLite every column is searched (any column can hold text).
        let value = if sqlite {
            format!("CAST(\"{column_name}\" AS TEXT)")
        } else {
            format!("\"{column_name}\"::text")
        };
        let n = count(
            app,
            &format!(
                "SELECT COUNT(*) AS n FROM \"{table_name}\" WHERE LOWER({value}) LIKE '%{}%'",
                needle.to_lowercase()
            ),
        );
        if n > 0 {
            hits.push(format!("{table_name}.{column_name}"));
        }
    }
    hits.sort();
    hits
}

#[tokio::test]
async fn deleting_an_account_leaves_its_addresses_in_no_table() {
    let app = spawn_app_without_jobs(|_| {}).await;
    let admin = app.browser_as("admina", Role::Admin).await;
    let listed = admin
        .submit(
            "/admin",
            "/admin/stakeholder-domains",
            &[("domain", "acceso.org"), ("stakeholder", "civil_society")],
        )
        .await;
    assert_eq!(listed.status, 303);
    app.member("zoe").await;
    let thread = app
        .new_thread("educacion", "Radios comunitarias", "¿Quién tiene licencia?")
        .await;
    // A label verified with a work address.
    let declared = app
        .settings(&[
            ("form", "stakeholder"),
            ("stakeholder", "civil_society"),
            ("organization", "Fundación Acceso"),
        ])
        .await;
    assert_eq!(declared.status, 303, "{}", declared.body);
    let before = app.emails_now().len();
    let sent = app
        .settings(&[("form", "affiliation"), ("work_email", "Zoe@Acceso.org")])
        .await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    app.deliver_mail().await;
    let mail = app.email_to("zoe@acceso.org", before).await;
    let link = mail.link(&format!("{}/settings/affiliation/", app.address));
    assert_eq!(app.get(&link[app.address.len()..]).await.status(), 303);
    // A pending change of address, a member digest, an email-only subscription at the same
    // address, a watched thread and a notification (mailed).
    let change = app
        .settings(&[
            ("form", "email"),
            ("new_email", "zoe@nuevo.org"),
            ("email_password", PASSWORD),
        ])
        .await;
    assert_eq!(change.status, 303);
    let digests = app
        .settings(&[("form", "digests"), ("digest_educacion", "weekly")])
        .await;
    assert_eq!(digests.status, 303, "{}", digests.body);
    subscribe_unconfirmed(&app, "ZOE@example.org").await;
    // Out first, so that the next email is the new member's link.
    app.deliver_mail().await;
    let luis = app.other_browser();
    luis.member("luis").await;
    let other = luis
        .new_thread("educacion", "Antenas", "Faltan antenas.")
        .await;
    assert_eq!(
        app.submit(&format!("/t/{other}"), &format!("/t/{other}/watch"), &[])
            .await
            .status,
        303
    );
    luis.new_reply(thread, "Nosotros, en Quiché.", None).await;
    luis.new_reply(other, "Y en Petén.", None).await;
    app.run_jobs().await;
    // Someone who ignores her.
    assert_eq!(
        luis.submit("/u/zoe", "/u/zoe/ignore", &[]).await.status,
        303
    );
    // Mail that failed for good is kept with its address and error for the admins.
    app.sql(
        "UPDATE outbox SET status = 'failed', last_error = '550 zoe@example.org unknown' \
         WHERE id = (SELECT MAX(id) FROM outbox WHERE recipient = 'zoe@example.org')",
    );
    let everywhere = columns_containing(&app, "zoe@");
    for place in [
        "email_tokens.new_email",
        "outbox.recipient",
        "outbox.last_error",
        "subscribers.email",
        "users.affiliation_email",
        "users.email",
    ] {
        assert!(
            everywhere.contains(&place.to_string()),
            "the search finds {place}: {everywhere:?}"
        );
    }
    assert!(count(&app, "SELECT COUNT(*) AS n FROM notifications") > 0);
    assert!(count(&app, "SELECT COUNT(*) AS n FROM thread_watches") > 0);
    assert!(count(&app, "SELECT COUNT(*) AS n FROM user_ignores") > 0);

    let done = app
        .submit(
            "/settings",
            "/settings/delete",
            &[("delete_password", PASSWORD)],
        )
        .await;
    assert_eq!(done.status, 303);
    assert_eq!(columns_containing(&app, "zoe@"), Vec::<String>::new());
    let zoe = count(
        &app,
        "SELECT id AS n FROM users WHERE deleted_at IS NOT NULL",
    );
    for table in [
        "notifications",
        "thread_watches",
        "email_tokens",
        "sessions",
    ] {
        assert_eq!(
            count(
                &app,
                &format!("SELECT COUNT(*) AS n FROM {table} WHERE user_id = {zoe}")
            ),
            0,
            "{table}"
        );
    }
    assert_eq!(
        count(
            &app,
            &format!("SELECT COUNT(*) AS n FROM subscribers WHERE user_id = {zoe}")
        ),
        0
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) AS n FROM user_ignores"),
        0,
        "nobody is on record as ignoring her"
    );
    // Luis's own mail and subscriptions are untouched.
    assert!(!columns_containing(&app, "luis@example.org").is_empty());
}

#[tokio::test]
async fn the_privacy_page_states_the_configured_periods_in_both_languages() {
    let app = spawn_app_with(|s| {
        s.retention.sent_mail_days = 12;
        s.retention.flag_reporter_days = 95;
        s.retention.ip_hours = 36;
        s.retention.session_idle_days = 9;
        s.retention.unconfirmed_days = 4;
    })
    .await;
    for (lang, expected) in [
        (
            "es",
            [
                "Después de 12 días un mensaje enviado o fallido",
                "Después de 95 días el reporte",
                "36 horas.",
                "o tras 9 días sin usarla",
                "se olvida al cabo de 4 días",
            ],
        ),
        (
            "en",
            [
                "After 12 days a sent or failed message",
                "After 95 days the report",
                "36 hours.",
                "or after 9 days unused",
                "forgotten after 4 days",
            ],
        ),
    ] {
        let (status, doc) = app.get_html(&format!("/privacy?lang={lang}")).await;
        assert_eq!(status, 200);
        let said = texts(&doc, "main dd").join("\n");
        for text in expected {
            assert!(said.contains(text), "{lang}: {text:?} in {said}");
        }
        assert_eq!(
            attr(&doc, "main a[href='/settings/export']", "href").as_deref(),
            Some("/settings/export")
        );
        assert!(attr(&doc, "main a[href='/settings']", "href").is_some());
    }
}

#[tokio::test]
async fn every_page_links_to_transparency_and_privacy_in_its_footer() {
    let app = spawn_app_without_jobs(|_| {}).await;
    for path in ["/", "/rules", "/privacy", "/no-such-page"] {
        let (_, doc) = app.get_html(path).await;
        for target in ["/transparency", "/privacy"] {
            assert_eq!(
                attr(
                    &doc,
                    &format!("footer.site-footer a[href='{target}']"),
                    "href"
                )
                .as_deref(),
                Some(target),
                "{path}"
            );
        }
    }
}
