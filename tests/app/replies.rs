//! Reply by email: members answer notification and watch emails from their mail client, and
//! what arrives is posted with the web's rules, once, or explained to the member.

use std::io::Write;
use std::process::Stdio;

use tertulia::services::replies_by_email::{self, key, reply_address, Outcome};

use crate::helpers::{spawn_app_without_jobs, texts, TestApp};
use crate::languages::{check_email, snapshot};
use crate::mail::Received;
use crate::process::{scalar, tertulia};

const REPLY_TO: &str = "respuestas@foro.example.org";
const AUTHSERV: &str = "mx.foro.example.org";

/// A site with reply by email on; mail leaves when the test says.
async fn site() -> TestApp {
    spawn_app_without_jobs(|s| {
        s.mail.reply_to = Some(REPLY_TO.into());
        s.mail.inbound_authserv_id = Some(AUTHSERV.into());
    })
    .await
}

async fn secret(app: &TestApp) -> String {
    let pool = app.server.clone().expect("an in-process server");
    pool.run(|c| tertulia::services::site::ensure_secret(c).map_err(anyhow::Error::from))
        .await
        .unwrap()
}

fn number(app: &TestApp, query: &str) -> i64 {
    scalar(&app.db.url_string(), query)
}

fn user_id(app: &TestApp, username: &str) -> i64 {
    number(
        app,
        &format!("SELECT id FROM users WHERE username = '{username}'"),
    )
}

/// The address that answers `post` as `username`.
async fn address_for(app: &TestApp, username: &str, post: i64) -> String {
    let k = key(&secret(app).await, user_id(app, username), post);
    reply_address(REPLY_TO, &k)
}

/// A plain-text reply as a mail client sends it.
fn compose(from: &str, to: &str, message_id: &str, extra_headers: &str, body: &str) -> Vec<u8> {
    format!(
        "From: {from}\r\nTo: {to}\r\nSubject: Re: aviso\r\nMessage-ID: <{message_id}>\r\n\
         Date: Mon, 30 Nov 2026 10:00:00 -0600\r\n{extra_headers}MIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body}"
    )
    .into_bytes()
}

/// Hands a message to the same function `tertulia mail receive` calls.
async fn receive(app: &TestApp, raw: Vec<u8>) -> Outcome {
    let pool = app.server.clone().expect("an in-process server");
    replies_by_email::receive(&pool, &app.settings, &secret(app).await, raw)
        .await
        .expect("the database is up")
}

/// Pipes a message into `tertulia mail receive` on `database_url`: (exit code, what it printed).
fn receive_command(app: &TestApp, database_url: &str, raw: &[u8]) -> (i32, String) {
    let mail_dir = app.dir.path().join("command-mail");
    let config = concat!(env!("CARGO_MANIFEST_DIR"), "/config/test.toml");
    let mut child = tertulia(
        &["--config", config, "mail", "receive"],
        &[
            ("TERTULIA_DATABASE_URL", database_url),
            ("TERTULIA_MAIL_REPLY_TO", REPLY_TO),
            ("TERTULIA_MAIL_DIR", mail_dir.to_str().unwrap()),
            ("TERTULIA_BASE_URL", &app.address),
        ],
    )
    .stdin(Stdio::piped())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .spawn()
    .expect("the binary runs");
    // The whole message is read, even one too large to handle: a mail server whose write
    // into the pipe fails counts the delivery as failed.
    child
        .stdin
        .take()
        .unwrap()
        .write_all(raw)
        .expect("the command reads the whole message");
    let out = child.wait_with_output().unwrap();
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), printed)
}

/// A header of a received email, as its raw value.
fn header(mail: &Received, name: &str) -> Option<String> {
    let message = mail_parser::MessageParser::default()
        .parse(mail.raw.as_bytes())
        .unwrap();
    message
        .header_raw(name)
        .map(|v| v.trim().replace(['\r', '\n'], ""))
}

/// The newest email to `to`.
fn last_email_to(app: &TestApp, to: &str) -> Received {
    app.emails_now()
        .into_iter()
        .rfind(|m| m.to == to)
        .unwrap_or_else(|| panic!("no email to {to}"))
}

fn body_of(app: &TestApp, post: i64) -> String {
    let mut c = app.direct();
    use diesel::RunQueryDsl;
    #[derive(diesel::QueryableByName)]
    struct Body {
        #[diesel(sql_type = diesel::sql_types::Text)]
        body_source: String,
    }
    diesel::sql_query(format!("SELECT body_source FROM posts WHERE id = {post}"))
        .get_result::<Body>(&mut c)
        .unwrap()
        .body_source
}

fn replies_refused(app: &TestApp) -> Vec<Received> {
    app.emails_now()
        .into_iter()
        .filter(|m| m.subject.contains("no se publicó") || m.subject.contains("was not posted"))
        .collect()
}

/// Luis gets a notification of Ana's answer, replies from his mail client above the quoted
/// notice, and his words (only them) appear in the thread as an answer to hers; the same
/// message delivered again changes nothing. Bea, who watches the thread, can answer the
/// same way from her watch email.
#[tokio::test]
async fn a_member_answers_a_notification_by_replying_to_the_email() {
    let app = site().await;
    app.member("luis").await;
    let thread = app
        .new_thread(
            "educacion",
            "Conectividad en escuelas rurales",
            "¿Qué proveedor llega a sus escuelas?",
        )
        .await;
    let bea = app.other_browser();
    bea.member("bea").await;
    let watch = bea
        .submit(&format!("/t/{thread}"), &format!("/t/{thread}/watch"), &[])
        .await;
    assert_eq!(watch.status, 303);
    let ana = app.other_browser();
    ana.member("ana").await;
    let answer = ana
        .new_reply(thread, "En Quiché solo llega la red móvil.", None)
        .await;
    app.run_jobs().await;

    let notice = last_email_to(&app, "luis@example.org");
    let host = "127.0.0.1";
    assert_eq!(
        header(&notice, "Reply-To"),
        Some(address_for(&app, "luis", answer).await)
    );
    assert_eq!(
        header(&notice, "In-Reply-To"),
        Some(format!("<post-{answer}@{host}>"))
    );
    assert_eq!(
        header(&notice, "References"),
        Some(format!("<thread-{thread}@{host}> <post-{answer}@{host}>"))
    );
    assert!(
        notice.text.contains("Puede responder a este correo"),
        "{}",
        notice.text
    );
    let watched = last_email_to(&app, "bea@example.org");
    assert_eq!(
        header(&watched, "Reply-To"),
        Some(address_for(&app, "bea", answer).await)
    );

    // Luis answers above the quoted notice, as Gmail writes it.
    let quoted: String = notice.text.lines().map(|l| format!("> {l}\r\n")).collect();
    let raw = compose(
        "Luis <Luis@Example.org>",
        &header(&notice, "Reply-To").unwrap(),
        "luis-1@mail.example.org",
        "",
        &format!(
            "Gracias, Ana. Lo llevo a la asamblea del jueves.\r\n\r\n\
             El lun, 30 nov 2026 a las 10:00, Tertulia (<no-reply@localhost>) escribió:\r\n{quoted}"
        ),
    );
    let (code, printed) = receive_command(&app, &app.db.url_string(), &raw);
    assert_eq!(code, 0, "{printed}");
    let posted = number(
        &app,
        &format!("SELECT MAX(id) FROM posts WHERE thread_id = {thread}"),
    );
    assert!(
        printed.contains(&format!("posted as post {posted}")),
        "{printed}"
    );
    assert_eq!(
        body_of(&app, posted),
        "Gracias, Ana. Lo llevo a la asamblea del jueves."
    );
    assert_eq!(
        number(
            &app,
            &format!("SELECT parent_id FROM posts WHERE id = {posted}")
        ),
        answer
    );
    let visitor = app.other_browser();
    let (_, page) = visitor.get_html(&format!("/t/{thread}")).await;
    let shown = texts(&page, &format!("#p{posted}")).join(" ");
    assert!(
        shown.contains("Lo llevo a la asamblea del jueves") && shown.contains("luis"),
        "{shown}"
    );

    // Delivered again (a mail server's retry, or a replay): nothing more.
    let (code, printed) = receive_command(&app, &app.db.url_string(), &raw);
    assert_eq!(code, 0, "{printed}");
    assert!(printed.contains("already handled"), "{printed}");
    assert_eq!(
        number(
            &app,
            &format!("SELECT COUNT(*) FROM posts WHERE thread_id = {thread}")
        ),
        3
    );

    // Bea answers from her watch email.
    let raw = compose(
        "bea@example.org",
        &header(&watched, "Reply-To").unwrap(),
        "bea-1@mail.example.org",
        "",
        "También en Alta Verapaz.\r\n\r\nOn Mon, Nov 30, 2026 at 10:00 AM Tertulia wrote:\r\n> aviso\r\n",
    );
    let Outcome::Posted(from_bea) = receive(&app, raw).await else {
        panic!("Bea's reply was not posted");
    };
    assert_eq!(body_of(&app, from_bea), "También en Alta Verapaz.");

    // Ana is told of Luis's answer, by an email she can answer too.
    app.run_jobs().await;
    let told = last_email_to(&app, "ana@example.org");
    assert_eq!(
        header(&told, "Reply-To"),
        Some(address_for(&app, "ana", from_bea).await),
        "the newest post of her notice"
    );
}

/// Without `mail.reply_to`, emails carry no reply address and say nothing about replying.
#[tokio::test]
async fn without_a_reply_address_emails_cannot_be_answered() {
    let app = spawn_app_without_jobs(|_| {}).await;
    app.member("luis").await;
    let thread = app
        .new_thread("educacion", "Un hilo", "Primer mensaje.")
        .await;
    let ana = app.other_browser();
    ana.member("ana").await;
    ana.new_reply(thread, "Una respuesta.", None).await;
    app.run_jobs().await;
    let notice = last_email_to(&app, "luis@example.org");
    assert!(notice.text.contains("Una respuesta") || notice.text.contains("ana"));
    assert_eq!(header(&notice, "Reply-To"), None);
    assert_eq!(header(&notice, "In-Reply-To"), None);
    assert!(!notice.text.contains("responder a este correo"));
}

/// Replaces every reply key in a fixture with `address`'s and its sender with `from`.
fn readdress(raw: &[u8], address: &str, from: &str) -> Vec<u8> {
    let message = mail_parser::MessageParser::default().parse(raw).unwrap();
    let original = message
        .from()
        .and_then(|a| a.first())
        .and_then(|a| a.address())
        .unwrap()
        .to_string();
    let mut out = Vec::with_capacity(raw.len());
    let mut rest = raw;
    let needle = b"respuestas+";
    while let Some(at) = rest.windows(needle.len()).position(|w| w == needle) {
        out.extend_from_slice(&rest[..at]);
        let end = rest[at..].iter().position(|&b| b == b'@').unwrap();
        out.extend_from_slice(address.split('@').next().unwrap().as_bytes());
        rest = &rest[at + end..];
    }
    out.extend_from_slice(rest);
    let text = out;
    replace_bytes(&text, original.as_bytes(), from.as_bytes())
}

fn replace_bytes(haystack: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(haystack.len());
    let mut rest = haystack;
    while let Some(at) = rest.windows(from.len()).position(|w| w == from) {
        out.extend_from_slice(&rest[..at]);
        out.extend_from_slice(to);
        rest = &rest[at + from.len()..];
    }
    out.extend_from_slice(rest);
    out
}

fn fixture(name: &str) -> Vec<u8> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mail");
    std::fs::read(format!("{dir}/{name}")).unwrap()
}

/// Each mail client's reply (Gmail, Outlook, Apple Mail, Thunderbird, in Spanish and English;
/// HTML only, quoted-printable, base64, Latin-1, an unknown charset, an attachment) posts
/// exactly the member's new words; a failed DMARC check holds the reply for review.
#[tokio::test]
async fn every_client_s_reply_posts_exactly_the_new_text() {
    let app = site().await;
    app.member("autora").await;
    let thread = app
        .new_thread("educacion", "Taller del sábado", "¿Quién viene?")
        .await;
    let first = number(
        &app,
        &format!("SELECT MIN(id) FROM posts WHERE thread_id = {thread}"),
    );
    let luis = app.other_browser();
    luis.member("luis").await;
    let address = address_for(&app, "luis", first).await;
    // Every message with a text to post: NAME.eml beside NAME.txt, its exact new text. The
    // autoresponder has a text too, but is never posted; the DMARC failure is held below.
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mail");
    let mut clients: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.unwrap().file_name().into_string().ok())
        .filter_map(|f| f.strip_suffix(".txt").map(str::to_string))
        .filter(|name| name != "auto_reply" && name != "dmarc_fail")
        .collect();
    clients.sort();
    assert!(clients.len() >= 14, "{clients:?}");
    for name in &clients {
        let raw = readdress(
            &fixture(&format!("{name}.eml")),
            &address,
            "luis@example.org",
        );
        let outcome = receive(&app, raw).await;
        let Outcome::Posted(post) = outcome else {
            panic!("{name}: {outcome}");
        };
        let expected = String::from_utf8(fixture(&format!("{name}.txt"))).unwrap();
        assert_eq!(body_of(&app, post), expected, "{name}");
    }
    assert_eq!(
        number(
            &app,
            &format!(
                "SELECT COUNT(*) FROM posts WHERE thread_id = {thread} AND status = 'published'"
            )
        ),
        1 + clients.len() as i64
    );

    // The receiving server says the sender's domain failed DMARC: held, not shown.
    let raw = readdress(&fixture("dmarc_fail.eml"), &address, "luis@example.org");
    let Outcome::Held(held) = receive(&app, raw).await else {
        panic!("a DMARC failure is not held");
    };
    assert_eq!(
        body_of(&app, held),
        String::from_utf8(fixture("dmarc_fail.txt")).unwrap()
    );
    assert_eq!(
        number(
            &app,
            &format!("SELECT COUNT(*) FROM posts WHERE id = {held} AND status = 'pending'")
        ),
        1
    );
    let (_, page) = app.other_browser().get_html(&format!("/t/{thread}")).await;
    assert!(texts(&page, &format!("#p{held}")).is_empty());
    // Automatic mail is never posted nor answered.
    for name in ["auto_reply", "bulk", "empty_return_path"] {
        let raw = readdress(
            &fixture(&format!("{name}.eml")),
            &address,
            "luis@example.org",
        );
        assert!(
            matches!(receive(&app, raw).await, Outcome::Ignored(_)),
            "{name}"
        );
    }
    app.deliver_mail().await;
    assert!(replies_refused(&app).is_empty());
}

/// A refused reply is explained once a day, in the member's language, at the member's own
/// address; automatic mail, a duplicate and a forged key are never answered.
#[tokio::test]
async fn refused_replies_are_explained_once_a_day_in_the_member_s_language() {
    let app = site().await;
    app.member("autora").await;
    let open = app
        .new_thread("educacion", "Neutralidad de la red", "¿Qué opinan?")
        .await;
    let locked = app
        .new_thread("educacion", "Acta de la asamblea", "Cerrado.")
        .await;
    let first = |thread: i64| format!("SELECT MIN(id) FROM posts WHERE thread_id = {thread}");
    let (open_post, locked_post) = (number(&app, &first(open)), number(&app, &first(locked)));
    for name in ["marta", "kate", "jorge", "rosa"] {
        app.other_browser().member(name).await;
    }
    app.sql("UPDATE users SET locale = 'en' WHERE username = 'kate'");
    app.sql(&format!(
        "UPDATE threads SET locked = TRUE WHERE id = {locked}"
    ));
    app.sql("UPDATE users SET suspended_until = '2099-01-31 00:00:00' WHERE username = 'jorge'");
    app.sql("UPDATE users SET banned = TRUE WHERE username = 'rosa'");
    app.deliver_mail().await;
    let before = app.emails_now().len();

    let marta = address_for(&app, "marta", open_post).await;
    let kate = address_for(&app, "kate", locked_post).await;
    let jorge = address_for(&app, "jorge", open_post).await;
    let rosa = address_for(&app, "rosa", open_post).await;
    let refusals = [
        // Someone else writes with Marta's key: she is told, without their words.
        (
            "otra@example.net",
            &marta,
            "m1@x",
            "Texto ajeno.",
            "reply-refused-wrong-sender",
        ),
        // Her second refusal of the day (only quoted text) is not told again.
        (
            "marta@example.org",
            &marta,
            "m2@x",
            "> solo la cita\r\n",
            "reply-refused-empty",
        ),
        // Kate answers a locked thread: told in English, with her words to keep.
        (
            "kate@example.org",
            &kate,
            "k1@x",
            "I agree with the minutes.",
            "thread-locked",
        ),
        (
            "jorge@example.org",
            &jorge,
            "j1@x",
            "Quiero opinar.",
            "reply-refused-suspended",
        ),
        (
            "rosa@example.org",
            &rosa,
            "r1@x",
            "Vuelvo.",
            "reply-refused-banned",
        ),
    ];
    for (from, to, id, body, reason) in refusals {
        let raw = compose(from, to, id, "", body);
        assert_eq!(
            receive(&app, raw).await,
            Outcome::Refused(reason.into()),
            "{from}"
        );
    }
    // Never answered: an autoresponder, a duplicate Message-ID, a forged key.
    let vacation = compose(
        "marta@example.org",
        &marta,
        "m3@x",
        "Auto-Submitted: auto-replied\r\n",
        "Estoy de vacaciones.",
    );
    assert_eq!(
        receive(&app, vacation).await,
        Outcome::Ignored("automatic mail")
    );
    let again = compose("otra@example.net", &marta, "m1@x", "", "Texto ajeno.");
    assert_eq!(
        receive(&app, again).await,
        Outcome::Ignored("already handled")
    );
    let tampered = marta.replacen("-", "-9", 1);
    let forged = compose("marta@example.org", &tampered, "m4@x", "", "Hola.");
    assert_eq!(receive(&app, forged).await, Outcome::UnknownKey);
    assert_eq!(
        number(
            &app,
            &format!("SELECT COUNT(*) FROM posts WHERE thread_id IN ({open}, {locked})")
        ),
        2,
        "nothing was posted"
    );

    app.deliver_mail().await;
    let told: Vec<Received> = app.emails_now().into_iter().skip(before).collect();
    let mut to: Vec<&str> = told.iter().map(|m| m.to.as_str()).collect();
    to.sort_unstable();
    assert_eq!(
        to,
        [
            "jorge@example.org",
            "kate@example.org",
            "marta@example.org",
            "rosa@example.org"
        ]
    );
    let to_member = |who: &str| told.iter().find(|m| m.to == who).unwrap();
    let (marta_mail, kate_mail, jorge_mail) = (
        to_member("marta@example.org"),
        to_member("kate@example.org"),
        to_member("jorge@example.org"),
    );
    assert!(marta_mail
        .text
        .contains("no llegó desde la dirección de su cuenta"));
    assert!(
        !marta_mail.text.contains("Texto ajeno"),
        "a stranger's words stay out"
    );
    assert!(
        kate_mail.subject.contains("was not posted"),
        "{}",
        kate_mail.subject
    );
    assert!(kate_mail.text.contains("I agree with the minutes."));
    assert!(jorge_mail.text.contains("suspendida"));
    assert!(to_member("rosa@example.org").text.contains("expulsada"));
    let mut problems = check_email(marta_mail, "es");
    problems.extend(check_email(kate_mail, "en"));
    assert!(problems.is_empty(), "{problems:?}");
    insta::assert_snapshot!("email-reply_refused-es", snapshot(&app, marta_mail));
    insta::assert_snapshot!("email-reply_refused-en", snapshot(&app, kate_mail));
}

/// `tertulia mail receive` tells the mail server what to do by its exit status: 0 handled,
/// 67 no such address (no key, a forged key, the feature off), 75 try again later (the
/// database is away); a 10 MB message is refused with an explanation, not read.
#[tokio::test]
async fn mail_receive_answers_the_mail_server_with_its_exit_status() {
    let app = site().await;
    app.member("luis").await;
    let thread = app
        .new_thread("educacion", "Un hilo", "Primer mensaje.")
        .await;
    let post = number(
        &app,
        &format!("SELECT MIN(id) FROM posts WHERE thread_id = {thread}"),
    );
    let address = address_for(&app, "luis", post).await;
    let url = app.db.url_string();

    let ok = compose("luis@example.org", &address, "c1@x", "", "Por correo.");
    assert_eq!(receive_command(&app, &url, &ok).0, 0);
    let nobody = compose("luis@example.org", REPLY_TO, "c2@x", "", "Sin clave.");
    assert_eq!(receive_command(&app, &url, &nobody).0, 67);
    let forged = compose(
        "luis@example.org",
        &address.replace('@', "0@"),
        "c3@x",
        "",
        "Clave falsa.",
    );
    assert_eq!(receive_command(&app, &url, &forged).0, 67);

    let mut huge = compose(
        "luis@example.org",
        &address,
        "c4@x",
        "",
        "Le mando las fotos.\r\n",
    );
    huge.resize(12 * 1024 * 1024, b'a');
    let (code, printed) = receive_command(&app, &url, &huge);
    assert_eq!(code, 0, "{printed}");
    assert!(printed.contains("reply-refused-too-large"), "{printed}");

    // The database is away: the mail server keeps the message and retries.
    for away in [
        "sqlite:///dev/null/tertulia.db",
        "postgres://postgres@127.0.0.1:9/test",
    ] {
        let (code, printed) = receive_command(&app, away, &ok);
        assert_eq!(code, 75, "{away}: {printed}");
    }
    // A deleted account's keys no longer exist, and what it sent is no longer linked to it.
    let deleted = app
        .submit(
            "/settings",
            "/settings/delete",
            &[("delete_password", crate::helpers::PASSWORD)],
        )
        .await;
    assert_eq!(deleted.status, 303);
    let late = compose("luis@example.org", &address, "c5@x", "", "Tarde.");
    assert_eq!(receive_command(&app, &url, &late).0, 67);
    assert_eq!(
        number(
            &app,
            "SELECT COUNT(*) FROM inbound_messages WHERE user_id IS NOT NULL"
        ),
        0
    );
    // With the feature off, no address has a key.
    let off = tertulia(
        &["mail", "receive"],
        &[("TERTULIA_DATABASE_URL", url.as_str())],
    )
    .stdin(Stdio::null())
    .output()
    .unwrap();
    assert_eq!(off.status.code(), Some(67));
    assert_eq!(
        number(
            &app,
            &format!("SELECT COUNT(*) FROM posts WHERE thread_id = {thread}")
        ),
        2
    );
}

/// The web's posting rules apply by email too: a new member's first reply waits for review,
/// and a member past the posting limit is refused (and told why).
#[tokio::test]
async fn review_of_new_members_and_posting_limits_apply_by_email() {
    let app = spawn_app_without_jobs(|s| {
        s.mail.reply_to = Some(REPLY_TO.into());
        s.moderation.new_member_review_posts = 1;
        s.limits.posts_per_member_per_minute = 1;
    })
    .await;
    app.make_user("autora", tertulia::domain::Role::Moderator)
        .await;
    assert_eq!(
        app.login("autora", crate::helpers::PASSWORD).await.status,
        303
    );
    let thread = app
        .new_thread("educacion", "Un hilo", "Primer mensaje.")
        .await;
    let post = number(
        &app,
        &format!("SELECT MIN(id) FROM posts WHERE thread_id = {thread}"),
    );
    app.other_browser().member("nuevo").await;
    let address = address_for(&app, "nuevo", post).await;

    let first = compose(
        "nuevo@example.org",
        &address,
        "n1@x",
        "",
        "Mi primera respuesta.",
    );
    let Outcome::Held(held) = receive(&app, first).await else {
        panic!("a new member's first reply is not held");
    };
    assert_eq!(body_of(&app, held), "Mi primera respuesta.");
    let second = compose("nuevo@example.org", &address, "n2@x", "", "Y otra más.");
    assert_eq!(
        receive(&app, second).await,
        Outcome::Refused("reply-refused-rate".into())
    );
    app.deliver_mail().await;
    let told = last_email_to(&app, "nuevo@example.org");
    assert!(told.text.contains("demasiados mensajes"), "{}", told.text);
    assert!(
        told.text.contains("Y otra más."),
        "the words are kept for the member"
    );
}
