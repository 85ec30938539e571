//! Subscriptions and email digests: subscribe, confirm, one digest per recipient and period,
//! unsubscribe (page and one-click), idempotent and concurrent runs, retries, members'
//! choices and watched threads.

use std::collections::BTreeSet;
use std::process::Output;

use mail_parser::MessageParser;

use crate::helpers::{attr, spawn_app, spawn_app_with, spawn_app_without_jobs, texts, TestApp};
use crate::mail::{Received, SmtpSink};
use tertulia::config::MailTransport;

/// The digest run the tests use: 07:00 in Guatemala on 2 January 2030, covering 1 January.
pub(crate) const DAILY_NOW: &str = "2030-01-02T13:00:00Z";
/// A moment inside 1 January 2030 in Guatemala (UTC-6).
pub(crate) const IN_PERIOD: &str = "2030-01-01 18:00:00";
/// A moment before it.
pub(crate) const BEFORE: &str = "2029-12-30 18:00:00";

/// Runs `tertulia digest run` against the app's database; returns its standard output.
pub(crate) async fn digest_run(app: &TestApp, frequency: &str, now: &str) -> String {
    let out = run_process(app, frequency, now).await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

async fn run_process(app: &TestApp, frequency: &str, now: &str) -> Output {
    let (url, base, mail) = (
        app.db.url_string(),
        app.address.clone(),
        app.mail_dir().display().to_string(),
    );
    let (frequency, now) = (frequency.to_string(), now.to_string());
    tokio::task::spawn_blocking(move || {
        crate::process::run(
            &["digest", "run", "--frequency", &frequency, "--now", &now],
            &[
                ("TERTULIA_DATABASE_URL", &url),
                ("TERTULIA_BASE_URL", &base),
                ("TERTULIA_MAIL_DIR", &mail),
            ],
        )
    })
    .await
    .unwrap()
}

/// Moves every thread and post into the digest period.
pub(crate) fn everything_in_period(app: &TestApp) {
    app.sql(&format!(
        "UPDATE threads SET created_at = '{IN_PERIOD}', last_post_at = '{IN_PERIOD}';
         UPDATE posts SET created_at = '{IN_PERIOD}';"
    ));
}

/// A header's value, unfolded.
fn header(mail: &Received, name: &str) -> String {
    let msg = MessageParser::default()
        .parse(mail.raw.as_bytes())
        .expect("a MIME message");
    let raw = msg
        .header_raw(name)
        .unwrap_or_else(|| panic!("no {name} header in\n{}", mail.raw));
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(crate) fn digests_to(mails: &[Received], to: &str) -> Vec<Received> {
    mails
        .iter()
        .filter(|m| m.to == to && m.raw.contains("List-Unsubscribe-Post"))
        .cloned()
        .collect()
}

/// Subscribes `email` from a fresh browser in `lang`, follows the confirmation link, and
/// returns the unsubscribe path shown on the confirmation page.
pub(crate) async fn subscribe(
    app: &TestApp,
    email: &str,
    boards: &[&str],
    frequency: &str,
    lang: &str,
) -> String {
    let browser = app.other_browser();
    let before = app.emails_now().len();
    let mut fields = vec![("email", email), ("frequency", frequency)];
    fields.extend(boards.iter().map(|b| ("boards", *b)));
    let answer = browser
        .submit(&format!("/subscribe?lang={lang}"), "/subscribe", &fields)
        .await;
    assert_eq!(answer.status, 303, "{}", answer.body);
    assert_eq!(answer.location.as_deref(), Some("/subscribe/sent"));
    // Other messages queued earlier (unconfirmed requests of other addresses) may go out in
    // the same delivery, in any order: take this address's own.
    let mail = app
        .emails(before + 1)
        .await
        .into_iter()
        .rev()
        .find(|m| m.to == email)
        .unwrap_or_else(|| panic!("no confirmation email to {email}"));
    let confirm = mail.link(&format!("{}/subscribe/confirm/", app.address));
    let unsubscribe_in_mail = mail.link(&format!("{}/unsubscribe/", app.address));
    let (status, page) = browser.get_html(&confirm[app.address.len()..]).await;
    assert_eq!(status, 200);
    let unsubscribe = attr(&page, "a.unsubscribe", "href").unwrap();
    assert_eq!(unsubscribe_in_mail, format!("{}{unsubscribe}", app.address));
    unsubscribe
}

#[tokio::test]
async fn a_subscriber_gets_one_daily_digest_of_what_was_published_yesterday() {
    let app = spawn_app().await;
    app.member("ana").await;
    let old = app
        .new_thread(
            "educacion",
            "Conectividad en escuelas rurales",
            "Empecemos.",
        )
        .await;
    let luis = app.other_browser();
    luis.member("luis").await;
    luis.new_reply(old, "Faltan antenas en Petén.", None).await;
    let gone = luis
        .new_reply(old, "Una respuesta que borraré.", None)
        .await;
    let hidden = luis.new_reply(old, "Una respuesta oculta.", None).await;
    app.new_reply(old, "Y también docentes formados.", None)
        .await;
    let fresh = app
        .new_thread(
            "educacion",
            "Alfabetización digital para adultos",
            &"Propongo talleres en bibliotecas. ".repeat(20),
        )
        .await;
    let deleted = app
        .new_thread("educacion", "Un hilo que su autora borró", "Me equivoqué.")
        .await;
    let pending = app
        .new_thread("educacion", "Un hilo pendiente de revisión", "Espera.")
        .await;
    app.new_thread("blockchain", "Cadenas de bloques y votos", "Otro foro.")
        .await;
    let (_, doc) = app.get_html(&format!("/t/{deleted}")).await;
    let opening: String = attr(&doc, ".post", "id").unwrap()[1..].to_string();
    assert_eq!(app.delete_post(opening.parse().unwrap()).await.status, 303);
    assert_eq!(luis.delete_post(gone).await.status, 303);
    everything_in_period(&app);
    app.sql(&format!(
        "UPDATE threads SET created_at = '{BEFORE}' WHERE id = {old};
         UPDATE posts SET created_at = '{BEFORE}' WHERE id = (SELECT MIN(id) FROM posts WHERE thread_id = {old});
         UPDATE posts SET status = 'hidden' WHERE id = {hidden};
         UPDATE threads SET status = 'pending' WHERE id = {pending};"
    ));

    let unsubscribe = subscribe(&app, "eva@example.org", &["educacion"], "daily", "en").await;
    subscribe(
        &app,
        "ximena@example.org",
        &["educacion", "blockchain"],
        "daily",
        "es",
    )
    .await;
    let before = app.emails_now().len();

    let out = digest_run(&app, "daily", DAILY_NOW).await;
    assert!(out.contains("2 recipient(s), 2 queued now"), "{out}");
    let mails = app.emails(before + 2).await;
    let eva = digests_to(&mails, "eva@example.org");
    assert_eq!(eva.len(), 1);
    let eva = &eva[0];
    assert_eq!(eva.subject, "Tertulia: digest for Jan 1, 2030");
    assert!(!eva.html.is_empty() && !eva.text.is_empty());
    for part in [&eva.text, &eva.html] {
        assert!(part.contains("Education"), "{part}");
        assert!(part.contains("Alfabetización digital para adultos"));
        assert!(part.contains("Propongo talleres en bibliotecas"));
        assert!(part.contains("Conectividad en escuelas rurales"));
        assert!(part.contains("2 new replies by luis, ana"), "{part}");
        for absent in [
            "borró",
            "pendiente",
            "Cadenas de bloques",
            "oculta",
            "que borraré",
        ] {
            assert!(!part.contains(absent), "{absent} in {part}");
        }
        assert!(part.contains("You receive this digest because this address subscribed"));
    }
    let text = &eva.text;
    let new_pos = text.find("New threads").unwrap();
    let replies_pos = text.find("Threads with new replies").unwrap();
    assert!(new_pos < replies_pos);
    // Links resolve: the new thread, the first new reply, the unsubscribe page.
    let thread_link = eva.link(&format!("{}/t/", app.address));
    assert_eq!(thread_link, format!("{}/t/{fresh}", app.address));
    assert_eq!(
        app.get(&thread_link[app.address.len()..]).await.status(),
        200
    );
    let reply_link = eva.link(&format!("{}/p/", app.address));
    let res = app.get(&reply_link[app.address.len()..]).await;
    assert_eq!(res.status(), 303);
    assert!(res.headers()["location"]
        .to_str()
        .unwrap()
        .starts_with(&format!("/t/{old}")));
    assert_eq!(
        eva.link(&format!("{}/unsubscribe/", app.address)),
        format!("{}{unsubscribe}", app.address)
    );
    // List headers for mail clients.
    assert_eq!(
        header(eva, "List-Unsubscribe"),
        format!(
            "<{}{unsubscribe}>, <mailto:no-reply@localhost?subject=unsubscribe>",
            app.address
        )
    );
    assert_eq!(
        header(eva, "List-Unsubscribe-Post"),
        "List-Unsubscribe=One-Click"
    );
    assert_eq!(header(eva, "List-Id"), "Tertulia <digest.127.0.0.1>");
    assert!(!header(eva, "Date").is_empty());

    let ximena = digests_to(&mails, "ximena@example.org");
    assert_eq!(ximena.len(), 1);
    assert_eq!(ximena[0].subject, "Tertulia: resumen del 1 ene 2030");
    assert!(ximena[0].text.contains("Cadenas de bloques y votos"));
    assert!(ximena[0].text.contains("2 respuestas nuevas de luis, ana"));

    // Running the same digest again queues nothing more.
    let again = digest_run(&app, "daily", DAILY_NOW).await;
    assert!(again.contains("2 recipient(s), 0 queued now"), "{again}");
    // The next day had nothing new: nothing at all.
    let next = digest_run(&app, "daily", "2030-01-03T13:00:00Z").await;
    assert!(next.contains("0 recipient(s)"), "{next}");
    app.deliver_mail().await;
    assert_eq!(app.emails_now().len(), before + 2);
}

#[tokio::test]
async fn one_click_unsubscribe_needs_no_cookie_or_token_and_stops_the_digests() {
    let app = spawn_app().await;
    app.member("ana").await;
    app.new_thread("educacion", "Primer hilo", "Hola.").await;
    everything_in_period(&app);
    subscribe(&app, "eva@example.org", &["educacion"], "weekly", "es").await;
    let before = app.emails_now().len();
    // The weekly digest on Monday 7 January 2030 covers 31 December to 6 January.
    let out = digest_run(&app, "weekly", "2030-01-07T13:00:00Z").await;
    assert!(out.contains("1 recipient(s), 1 queued now"), "{out}");
    let mail = app.emails(before + 1).await.pop().unwrap();
    assert_eq!(
        mail.subject,
        "Tertulia: resumen semanal (31 dic 2029 – 6 ene 2030)"
    );
    let list = header(&mail, "List-Unsubscribe");
    let url = list.split(['<', '>']).nth(1).unwrap().to_string();
    let res = reqwest::Client::new()
        .post(&url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    // A week later there is something new, but nobody to send it to.
    app.new_thread("educacion", "Segundo hilo", "Hola otra vez.")
        .await;
    app.sql("UPDATE threads SET created_at = '2030-01-09 18:00:00' WHERE title = 'Segundo hilo'; \
             UPDATE posts SET created_at = '2030-01-09 18:00:00' WHERE thread_id = (SELECT id FROM threads WHERE title = 'Segundo hilo');");
    let out = digest_run(&app, "weekly", "2030-01-14T13:00:00Z").await;
    assert!(out.contains("0 recipient(s)"), "{out}");
}

#[tokio::test]
async fn the_unsubscribe_page_asks_once_and_a_tampered_link_is_not_found() {
    let app = spawn_app().await;
    let path = subscribe(&app, "eva@example.org", &["educacion"], "daily", "es").await;
    let stranger = crate::helpers::client();
    let get = |p: String| {
        let c = stranger.clone();
        let url = format!("{}{p}", app.address);
        async move { c.get(url).send().await.unwrap() }
    };
    let page = get(path.clone()).await;
    assert_eq!(page.status(), 200);
    let doc = scraper::Html::parse_document(&page.text().await.unwrap());
    assert_eq!(
        attr(&doc, "main form", "action").as_deref(),
        Some(path.as_str())
    );
    assert_eq!(texts(&doc, "main form button"), ["Darme de baja"]);
    // The button posts the form as it is: no CSRF token, and this browser has no cookie.
    let done = stranger
        .post(format!("{}{path}", app.address))
        .form(&[("x", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), 200);
    let doc = scraper::Html::parse_document(&done.text().await.unwrap());
    assert_eq!(
        texts(&doc, "main [role=status]"),
        ["Listo: ya no recibirá más resúmenes."]
    );
    let again = get(path.clone()).await;
    let doc = scraper::Html::parse_document(&again.text().await.unwrap());
    assert_eq!(
        texts(&doc, "main p").first().map(String::as_str),
        Some("Esta dirección no recibe resúmenes.")
    );
    // Tampering with the key or the tag: 404.
    let (key, tag) = path
        .trim_start_matches("/unsubscribe/")
        .split_once('.')
        .unwrap();
    let forged_key = format!("/unsubscribe/{}x.{tag}", &key[..key.len() - 1]);
    let forged_tag = format!("/unsubscribe/{key}.{}x", &tag[..tag.len() - 1]);
    for bad in [forged_key, forged_tag, "/unsubscribe/nothing".to_string()] {
        assert_eq!(get(bad.clone()).await.status(), 404, "{bad}");
        let post = stranger
            .post(format!("{}{bad}", app.address))
            .body("List-Unsubscribe=One-Click")
            .send()
            .await
            .unwrap();
        assert_eq!(post.status(), 404, "{bad}");
    }
}

#[tokio::test]
async fn subscribing_checks_the_form_says_the_same_for_every_address_and_expires() {
    let app = spawn_app().await;
    let browser = app.other_browser();
    let bad = browser
        .submit(
            "/subscribe",
            "/subscribe",
            &[("email", "no es correo"), ("frequency", "daily")],
        )
        .await;
    assert_eq!(bad.status, 422);
    let doc = bad.html();
    assert_eq!(
        attr(&doc, "#f-email", "value").as_deref(),
        Some("no es correo")
    );
    assert_eq!(texts(&doc, "#f-email-error").len(), 1);
    assert_eq!(
        texts(&doc, "#f-boards-error"),
        ["Elija al menos uno de los foros."]
    );
    let unknown_board = browser
        .submit(
            "/subscribe",
            "/subscribe",
            &[
                ("email", "eva@example.org"),
                ("boards", "nope"),
                ("frequency", "monthly"),
            ],
        )
        .await;
    assert_eq!(unknown_board.status, 422);
    assert_eq!(
        texts(&unknown_board.html(), "#f-frequency-error"),
        ["Elija diaria o semanal."]
    );
    assert!(app.emails_now().is_empty());

    let fields = [
        ("email", "eva@example.org"),
        ("boards", "educacion"),
        ("frequency", "daily"),
    ];
    let first = browser.submit("/subscribe", "/subscribe", &fields).await;
    let mails = app.emails(1).await;
    // A repeat soon after: the same answer, no second email.
    let second = browser.submit("/subscribe", "/subscribe", &fields).await;
    assert_eq!(
        (first.status, first.location.clone()),
        (second.status, second.location)
    );
    app.deliver_mail().await;
    let queued = app.outbox();
    assert_eq!(queued.len(), 1, "one confirmation queued: {queued:?}");
    assert_eq!(queued[0].kind, "subscribe_confirm");
    assert_eq!(app.emails_now().len(), 1);
    // The link expires after seven days and then does nothing.
    app.sql("UPDATE subscription_requests SET expires_at = '2000-01-01 00:00:00'");
    let link = mails[0].link(&format!("{}/subscribe/confirm/", app.address));
    assert_eq!(browser.get(&link[app.address.len()..]).await.status(), 410);
    assert_eq!(
        browser.get("/subscribe/confirm/made-up").await.status(),
        404
    );
    // Expired requests and the addresses that never confirmed are forgotten; a new
    // request then sends a new link at once.
    let pool = tertulia::startup::open_pool(&app.settings).unwrap();
    let now = chrono::Utc::now().naive_utc();
    let removed = tertulia::services::site::housekeeping(&pool, &app.settings.retention, now)
        .await
        .unwrap();
    assert_eq!(removed.unconfirmed, 1);
    let third = browser.submit("/subscribe", "/subscribe", &fields).await;
    assert_eq!(third.status, 303);
    app.emails(2).await;
}

/// Adds `n` confirmed email-only subscribers to the board `slug`.
fn many_subscribers(app: &TestApp, n: usize, slug: &str) {
    let values = (0..n)
        .map(|i| format!("('s{i}@example.org', 'es', 'key{i}', '2029-01-01 00:00:00')"))
        .collect::<Vec<_>>()
        .join(", ");
    app.sql(&format!(
        "INSERT INTO subscribers (email, locale, unsubscribe_key, created_at) VALUES {values};
         INSERT INTO subscriptions (subscriber_id, board_id, frequency, created_at)
         SELECT s.id, b.id, 'daily', '2029-01-01 00:00:00' FROM subscribers s, boards b WHERE b.slug = '{slug}';"
    ));
}

#[tokio::test]
async fn two_concurrent_runs_queue_each_digest_once() {
    let app = spawn_app().await;
    app.member("ana").await;
    app.new_thread(
        "politicas-publicas",
        "Ley de datos personales",
        "Comentemos el borrador.",
    )
    .await;
    everything_in_period(&app);
    many_subscribers(&app, 120, "politicas-publicas");
    let before = app.emails_now().len();
    let (a, b) = tokio::join!(
        run_process(&app, "daily", DAILY_NOW),
        run_process(&app, "daily", DAILY_NOW)
    );
    let queued: usize = [a, b]
        .iter()
        .map(|o| {
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
            let out = String::from_utf8_lossy(&o.stdout).to_string();
            out.split(", ")
                .nth(1)
                .unwrap()
                .split(' ')
                .next()
                .unwrap()
                .parse::<usize>()
                .unwrap()
        })
        .sum();
    assert_eq!(queued, 120);
    let mails = app.emails(before + 120).await;
    app.deliver_mail().await;
    let mails_after = app.emails_now();
    assert_eq!(mails_after.len(), mails.len());
    let recipients: BTreeSet<String> = mails_after[before..].iter().map(|m| m.to.clone()).collect();
    assert_eq!(recipients.len(), 120);
}

#[tokio::test]
async fn a_refusing_smtp_server_still_gets_every_digest_once() {
    let sink = SmtpSink::start_refusing(3, 451).await;
    let url = sink.url();
    let app = spawn_app_with(|s| {
        s.mail.transport = MailTransport::Smtp;
        s.mail.smtp_url = Some(url.clone().into());
        s.mail.retry_base_seconds = 1;
        s.mail.max_attempts = 5;
    })
    .await;
    app.register("ana", "ana@example.org", crate::helpers::PASSWORD)
        .await;
    app.sql("UPDATE users SET email_verified_at = '2029-01-01 00:00:00'");
    assert_eq!(app.login("ana", crate::helpers::PASSWORD).await.status, 303);
    app.new_thread("ciberseguridad", "Contraseñas seguras", "Usen gestores.")
        .await;
    everything_in_period(&app);
    many_subscribers(&app, 5, "ciberseguridad");
    let before = sink.wait_for(1).await.len();
    digest_run(&app, "daily", DAILY_NOW).await;
    sink.wait_for(before + 5).await;
    app.deliver_mail().await;
    let digests: Vec<Received> = sink
        .received()
        .into_iter()
        .filter(|m| m.raw.contains("List-Unsubscribe-Post"))
        .collect();
    let recipients: BTreeSet<String> = digests.iter().map(|m| m.to.clone()).collect();
    assert_eq!((digests.len(), recipients.len()), (5, 5));
}

#[tokio::test]
async fn a_member_chooses_a_digest_per_board_in_settings() {
    let app = spawn_app().await;
    app.member("ana").await;
    let (_, doc) = app.get_html("/settings").await;
    assert_eq!(
        attr(&doc, "#f-digest_educacion option[selected]", "value").as_deref(),
        Some("off")
    );
    let bad = app
        .settings(&[("form", "digests"), ("digest_educacion", "hourly")])
        .await;
    assert_eq!(bad.status, 422);
    let doc = bad.html();
    assert_eq!(
        attr(&doc, "#f-digest_educacion option[selected]", "value").as_deref(),
        None
    );
    assert_eq!(texts(&doc, ".digests .form-error").len(), 1);
    let saved = app
        .settings(&[
            ("form", "digests"),
            ("digest_educacion", "weekly"),
            ("digest_blockchain", "daily"),
        ])
        .await;
    assert_eq!(saved.status, 303);
    let (_, doc) = app.get_html("/settings").await;
    assert_eq!(
        attr(&doc, "#f-digest_educacion option[selected]", "value").as_deref(),
        Some("weekly")
    );
    assert_eq!(
        attr(&doc, "#f-digest_blockchain option[selected]", "value").as_deref(),
        Some("daily")
    );
    // The other settings forms still work.
    assert_eq!(
        app.settings(&[("form", "locale"), ("locale", "en")])
            .await
            .status,
        303
    );

    app.new_thread("educacion", "Tabletas en el aula", "¿Sirven?")
        .await;
    app.new_thread("blockchain", "Contratos inteligentes", "¿Y la ley?")
        .await;
    everything_in_period(&app);
    let before = app.emails_now().len();
    let daily = digest_run(&app, "daily", DAILY_NOW).await;
    assert!(daily.contains("1 recipient(s), 1 queued now"), "{daily}");
    let weekly = digest_run(&app, "weekly", "2030-01-07T13:00:00Z").await;
    assert!(weekly.contains("1 recipient(s), 1 queued now"), "{weekly}");
    let mails = app.emails(before + 2).await;
    let ana = digests_to(&mails, "ana@example.org");
    assert_eq!(ana.len(), 2);
    let daily = ana
        .iter()
        .find(|m| m.subject.starts_with("Tertulia: digest"))
        .unwrap();
    assert!(daily.text.contains("Contratos inteligentes") && !daily.text.contains("Tabletas"));
    let weekly = ana
        .iter()
        .find(|m| m.subject.starts_with("Tertulia: weekly"))
        .unwrap();
    assert!(weekly.text.contains("Tabletas") && !weekly.text.contains("Contratos"));
    assert!(weekly.text.contains(&format!("{}/settings", app.address)));
    assert!(weekly
        .text
        .contains("because you chose it in your Tertulia account settings"));
    // Unsubscribing from the digest turns every board off in the settings.
    let link = weekly.link(&format!("{}/unsubscribe/", app.address));
    let res = crate::helpers::client()
        .post(&link)
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let (_, doc) = app.get_html("/settings").await;
    assert_eq!(
        attr(&doc, "#f-digest_blockchain option[selected]", "value").as_deref(),
        Some("off")
    );
}

#[tokio::test]
async fn a_watched_thread_sends_one_email_per_batch_of_replies() {
    // Jobs off: the batch goes out when the test runs it, and nothing else behind its back.
    let app = spawn_app_without_jobs(|s| s.mail.watch_batch_seconds = 2).await;
    app.member("ana").await;
    let thread = app
        .new_thread("educacion", "Becas de conectividad", "¿Quién sabe?")
        .await;
    let luis = app.other_browser();
    luis.member("luis").await;
    let marta = app.other_browser();
    marta.member("marta").await;
    let (_, doc) = marta.get_html(&format!("/t/{thread}")).await;
    assert_eq!(texts(&doc, "form.watch button"), ["Seguir este hilo"]);
    let watch = marta
        .submit(&format!("/t/{thread}"), &format!("/t/{thread}/watch"), &[])
        .await;
    assert_eq!(watch.status, 303);
    let (_, doc) = marta.get_html(&format!("/t/{thread}")).await;
    assert_eq!(texts(&doc, "form.watch button"), ["Dejar de seguir"]);
    // Logged-out readers see no button.
    let (_, doc) = crate::helpers::client()
        .get(format!("{}/t/{thread}", app.address))
        .send()
        .await
        .map(|r| (0, r))
        .unwrap();
    let doc = scraper::Html::parse_document(&doc.text().await.unwrap());
    assert!(texts(&doc, "form.watch").is_empty());

    let before = app.emails_now().len();
    let first = luis
        .new_reply(thread, "Yo sé: pregunten al ministerio.", None)
        .await;
    luis.new_reply(thread, "Y también a la municipalidad.", None)
        .await;
    marta.new_reply(thread, "¡Gracias!", None).await;
    assert_eq!(
        app.emails_now().len(),
        before,
        "nothing leaves before the batch runs"
    );
    app.run_jobs().await;
    let mails = app.emails_now();
    let to = |address: &str| -> Vec<Received> {
        app.emails_now()[before..]
            .iter()
            .filter(|m| m.to == address)
            .cloned()
            .collect()
    };
    let to_marta = to("marta@example.org");
    assert_eq!(to_marta.len(), 1, "{mails:?}");
    assert_eq!(
        to_marta[0].subject,
        "2 respuestas nuevas en «Becas de conectividad»"
    );
    assert!(to_marta[0].text.contains("de luis"));
    assert_eq!(
        to_marta[0].link(&format!("{}/p/", app.address)),
        format!("{}/p/{first}", app.address)
    );
    // The thread's author is answered by each reply: she hears of them in one notification
    // email, not twice.
    let to_ana = to("ana@example.org");
    assert_eq!(to_ana.len(), 1, "{mails:?}");
    assert_eq!(to_ana[0].subject, "3 novedades para usted en Tertulia");

    let (_, settings) = marta.get_html("/settings").await;
    assert_eq!(texts(&settings, ".watched a"), ["Becas de conectividad"]);
    // After unwatching, replies send nothing.
    let stop = marta
        .submit(
            &format!("/t/{thread}"),
            &format!("/t/{thread}/unwatch"),
            &[],
        )
        .await;
    assert_eq!(stop.status, 303);
    luis.new_reply(thread, "Otra más.", None).await;
    app.run_jobs().await;
    assert_eq!(to("marta@example.org").len(), 1);
}

#[tokio::test]
async fn a_second_instance_starting_up_sends_the_digest_that_was_due_once() {
    use tertulia::domain::digest::{Frequency, Period};
    let app = spawn_app().await;
    app.member("ana").await;
    app.new_thread(
        "educacion",
        "Robótica en secundaria",
        "¿Alguien tiene experiencia?",
    )
    .await;
    subscribe(&app, "eva@example.org", &["educacion"], "daily", "es").await;
    // Yesterday, as the scheduler of a server starting now sees it.
    let tz = app.settings.site.timezone;
    let (due, _) = tertulia::services::schedule::last_due(
        chrono::Utc::now(),
        app.settings.digest.daily_at,
        tz,
    );
    let period = Period::due_at(Frequency::Daily, due, tz);
    let when = (period.start + chrono::TimeDelta::hours(1)).format("%Y-%m-%d %H:%M:%S");
    app.sql(&format!(
        "UPDATE threads SET created_at = '{when}'; UPDATE posts SET created_at = '{when}';"
    ));
    let before = app.emails_now().len();
    // Another instance on the same database: its scheduler runs the due digest at start.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let mut settings = app.settings.clone();
    settings.server.bind = listener.local_addr().unwrap();
    let second = tertulia::startup::Application::build_on(settings, listener)
        .await
        .unwrap();
    tokio::spawn(second.run_until_stopped());
    let mails = app.emails(before + 1).await;
    let digest = digests_to(&mails, "eva@example.org");
    assert_eq!(digest.len(), 1);
    assert!(digest[0].text.contains("Robótica en secundaria"));
    // The first instance's scheduler (or any later run) finds it already queued.
    let again = digest_run(&app, "daily", &due.format("%Y-%m-%dT%H:%M:%SZ").to_string()).await;
    assert!(again.contains("0 queued now"), "{again}");
    app.deliver_mail().await;
    assert_eq!(app.emails_now().len(), before + 1);
}

#[test]
fn digest_run_refuses_an_unknown_frequency_or_time_with_exit_code_2() {
    for args in [
        ["--frequency", "monthly", "--now", "2030-01-02T13:00:00Z"],
        ["--frequency", "daily", "--now", "mañana a las siete"],
    ] {
        let out = crate::process::run(&[&["digest", "run"][..], &args].concat(), &[]);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("--frequency") || err.contains("--now"),
            "{err}"
        );
    }
}
