//! What a digest says of a thread answered in its period: the most supported new replies,
//! each cut short with its author and link, then how many more; and a busy board's digest
//! stays small.

use crate::digests::{digest_run, digests_to, subscribe, BEFORE, DAILY_NOW, IN_PERIOD};
use crate::helpers::{spawn_app, TestApp};
use crate::languages::{check_email, snapshot};
use crate::mail::Received;

/// Every post in the digest period, except the opening posts of threads, opened before it:
/// the threads are answered, not new.
fn answered_in_period(app: &TestApp) {
    app.sql(&format!(
        "UPDATE threads SET created_at = '{BEFORE}', last_post_at = '{IN_PERIOD}';
         UPDATE posts SET created_at = '{IN_PERIOD}';
         UPDATE posts SET created_at = '{BEFORE}'
         WHERE id IN (SELECT MIN(id) FROM posts GROUP BY thread_id);"
    ));
}

/// `who` supports `post` from the thread page.
async fn support(who: &TestApp, thread: i64, post: i64) {
    let answer = who
        .submit(&format!("/t/{thread}"), &format!("/p/{post}/support"), &[])
        .await;
    assert_eq!(answer.status, 303, "{}", answer.body);
}

/// Runs yesterday's daily digest; the one mail it sends to each of `to`, in that order, its
/// text part with plain line ends.
async fn daily_digests(app: &TestApp, to: &[&str]) -> Vec<Received> {
    let before = app.emails_now().len();
    let out = digest_run(app, "daily", DAILY_NOW).await;
    assert!(
        out.contains(&format!("{0} recipient(s), {0} queued", to.len())),
        "{out}"
    );
    let mails = app.emails(before + to.len()).await;
    to.iter()
        .map(|address| {
            let mut found = digests_to(&mails, address);
            assert_eq!(found.len(), 1, "{address}");
            let mut mail = found.remove(0);
            mail.text = mail.text.replace("\r\n", "\n");
            mail
        })
        .collect()
}

const LONG: &str = "Hace falta medir la conectividad escuela por escuela antes de comprar más \
equipos. En Petén visitamos doce escuelas: en nueve la señal llega solo por la mañana y en tres \
no llega nunca. Sin antenas ni mantenimiento, las tabletas terminan guardadas en un armario. \
Propongo un censo público, con datos abiertos, que cada comunidad pueda revisar.";

#[tokio::test]
async fn a_digest_shows_the_most_supported_new_replies_then_the_earliest_and_how_many_more() {
    let app = spawn_app().await;
    app.member("ana").await;
    let thread = app
        .new_thread(
            "educacion",
            "Conectividad en escuelas rurales",
            "Empecemos.",
        )
        .await;
    let mut members = Vec::new();
    let mut replies = Vec::new();
    for (name, body) in [
        ("luis", LONG),
        ("eva", "Y docentes formados, no solo aparatos."),
        ("juan", "En Quiché pasa lo mismo."),
        ("marta", "La municipalidad puede pagar el mantenimiento."),
        ("pedro", "¿Alguien tiene el presupuesto del ministerio?"),
    ] {
        let member = app.other_browser();
        member.member(name).await;
        replies.push(member.new_reply(thread, body, None).await);
        members.push(member);
    }
    let [luis, eva, _, marta, _] = replies[..] else {
        unreachable!("five replies")
    };
    // Marta's reply has two supports, Eva's one, the others none.
    support(&app, thread, marta).await;
    support(&members[0], thread, marta).await;
    support(&app, thread, eva).await;
    answered_in_period(&app);
    subscribe(&app, "ximena@example.org", &["educacion"], "daily", "es").await;
    subscribe(&app, "lector@example.org", &["educacion"], "daily", "en").await;

    let digests = daily_digests(&app, &["ximena@example.org", "lector@example.org"]).await;
    let (es, en) = (&digests[0], &digests[1]);
    let a = &app.address;
    // The long reply is cut at a word near 200 characters.
    let cut = es
        .text
        .lines()
        .find_map(|l| l.strip_prefix("  - luis: "))
        .unwrap_or_else(|| panic!("no reply by luis in\n{}", es.text));
    let shown = cut.strip_suffix('…').expect("a cut reply ends with …");
    assert!(LONG.starts_with(shown), "{cut}");
    assert!(
        LONG[shown.len()..].starts_with(' '),
        "cut inside a word: {cut}"
    );
    assert!((180..=200).contains(&shown.chars().count()), "{cut}");
    let expected = format!(
        "* Conectividad en escuelas rurales: 5 respuestas nuevas de luis, eva, juan, marta, pedro
  - marta: La municipalidad puede pagar el mantenimiento.
    {a}/p/{marta}
  - eva: Y docentes formados, no solo aparatos.
    {a}/p/{eva}
  - luis: {cut}
    {a}/p/{luis}
  y 2 más: {a}/p/{luis}
"
    );
    assert!(es.text.contains(&expected), "{}", es.text);
    assert!(!es.text.contains("Quiché") && !es.text.contains("presupuesto"));
    assert!(en
        .text
        .contains("5 new replies by luis, eva, juan, marta, pedro\n  - marta: La municipalidad"));
    assert!(
        en.text.contains(&format!("  and 2 more: {a}/p/{luis}\n")),
        "{}",
        en.text
    );

    // The HTML part: the same replies in the same order, each a link to the reply.
    let html = scraper::Html::parse_document(&es.html);
    let links: Vec<(String, String)> = html
        .select(&scraper::Selector::parse("a[href*='/p/']").unwrap())
        .map(|e| {
            let href = e.value().attr("href").unwrap_or_default();
            (href[a.len()..].to_string(), e.text().collect::<String>())
        })
        .collect();
    let p = |id: i64| format!("/p/{id}");
    assert_eq!(
        links,
        [
            (p(luis), "Conectividad en escuelas rurales".to_string()),
            (
                p(marta),
                "La municipalidad puede pagar el mantenimiento.".into()
            ),
            (p(eva), "Y docentes formados, no solo aparatos.".into()),
            (p(luis), cut.to_string()),
            (p(luis), "y 2 más".into()),
        ]
    );
    for (mail, lang) in [(es, "es"), (en, "en")] {
        let problems = check_email(mail, lang);
        assert!(problems.is_empty(), "{problems:?}");
    }
    insta::assert_snapshot!("digest-replies-es", snapshot(&app, es));
}

/// Threads answered in the busy board's period.
const BUSY_THREADS: usize = 40;
/// Threads a digest lists at most (the others are counted, with a link to the board).
const LISTED_THREADS: usize = 30;
/// Long replies each member writes in each of them.
const REPLIES_PER_MEMBER: usize = 4;

#[tokio::test]
async fn a_digest_of_a_busy_board_stays_under_100_kb() {
    let app = spawn_app().await;
    let names = ["ana", "luis", "eva", "juan", "marta", "pedro"];
    for name in names {
        app.other_browser().member(name).await;
    }
    app.member("ximena").await;
    for i in 0..BUSY_THREADS {
        app.new_thread(
            "educacion",
            &format!("Hilo concurrido número {i}"),
            "Empecemos.",
        )
        .await;
    }
    // Long replies (about 2,700 characters each), written straight into the database.
    let body = format!("<p>{}</p>", LONG.repeat(8).replace('\'', "''"));
    let times = (1..=REPLIES_PER_MEMBER)
        .map(|i| format!("SELECT {i} AS n"))
        .collect::<Vec<_>>()
        .join(" UNION ALL ");
    app.sql(&format!(
        "INSERT INTO posts (thread_id, author_id, body_source, body_html, status, revision_count, created_at, support_count, number)
         SELECT t.id, u.id, 'x', '{body}', 'published', 0, '{IN_PERIOD}', 0, 1 + u.id * 1000 + n.n
         FROM threads t, users u, ({times}) n"
    ));
    answered_in_period(&app);
    subscribe(&app, "sub@example.org", &["educacion"], "daily", "es").await;

    let mail = &daily_digests(&app, &["sub@example.org"]).await[0];
    let replies = (names.len() + 1) * REPLIES_PER_MEMBER;
    assert_eq!(
        mail.text
            .matches(&format!("{replies} respuestas nuevas de"))
            .count(),
        LISTED_THREADS
    );
    assert!(
        mail.text.contains(&format!(
            "Y {} hilos más con novedades en este foro: {}/b/educacion",
            BUSY_THREADS - LISTED_THREADS,
            app.address
        )),
        "{}",
        mail.text
    );
    // Three replies shown per thread, the others counted; five names, the others counted.
    assert_eq!(mail.text.matches("\n  - ").count(), 3 * LISTED_THREADS);
    let more = format!("\n  y {} más: ", replies - 3);
    assert_eq!(mail.text.matches(&more).count(), LISTED_THREADS);
    assert_eq!(mail.text.matches(" y 2 más\n").count(), LISTED_THREADS);
    let size = mail.raw.len();
    eprintln!("digest of {BUSY_THREADS} busy threads: {size} bytes");
    assert!(size < 100 * 1024, "{size} bytes");
}
