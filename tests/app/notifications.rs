//! Being told what concerns you: notifications in the page and the header, by one batched
//! email, marked read by reading; and what is new on a board since you last read it.

use tertulia::domain::Role;

use crate::helpers::{attr, spawn_app_with, spawn_app_without_jobs, texts, TestApp};
use crate::moderation::first_post;

/// The unread count in the header ("Notificaciones (N)"), 0 when it shows none.
async fn unread(who: &TestApp) -> i64 {
    let (_, doc) = who.get_html("/search").await;
    let link = texts(&doc, ".account a[href='/notifications']");
    assert_eq!(link.len(), 1, "the header links to the notifications");
    link[0]
        .rsplit_once('(')
        .map_or(0, |(_, n)| n.trim_end_matches(')').parse().unwrap())
}

/// The texts of `who`'s notifications, newest first.
async fn listed(who: &TestApp) -> Vec<String> {
    let (status, doc) = who.get_html("/notifications").await;
    assert_eq!(status, 200);
    texts(&doc, ".notifications li a")
}

/// The emails sent to `address` so far.
fn emails_to(app: &TestApp, address: &str) -> Vec<crate::mail::Received> {
    app.emails_now()
        .into_iter()
        .filter(|m| m.to.contains(address))
        .collect()
}

/// A reply, a mention, a quote and a watched thread each tell the right member once: in the
/// header, on `/notifications` and in one batched email in their language; the post that both
/// mentions and answers someone tells them once, as a mention.
#[tokio::test]
async fn replies_mentions_quotes_and_watched_threads_notify_the_right_member_once() {
    let app = spawn_app_without_jobs(|_| {}).await;
    let ana = app.browser_as("ana", Role::Member).await;
    let bruno = app.browser_as("bruno", Role::Member).await;
    let marta = app.browser_as("marta", Role::Member).await;
    let luis = app.browser_as("luis", Role::Member).await;
    assert_eq!(
        marta
            .settings(&[("form", "locale"), ("locale", "en")])
            .await
            .status,
        303
    );
    let thread = ana
        .new_thread("educacion", "Becas de conectividad", "¿Quién las reparte?")
        .await;
    let opening = first_post(&app, thread).await;
    let watch = luis
        .submit(&format!("/t/{thread}"), &format!("/t/{thread}/watch"), &[])
        .await;
    assert_eq!(watch.status, 303);

    // A reply to the thread answers its opening post: ana is told.
    let reply = bruno.new_reply(thread, "El ministerio, creo.", None).await;
    // A mention tells marta (in English); it answers ana's opening post too.
    let mention = bruno
        .new_reply(thread, "Pregunten a @marta, que trabajó en eso.", None)
        .await;
    // A quote of ana's post tells her it was quoted (not "answered").
    let (_, doc) = bruno
        .get_html(&format!("/t/{thread}?reply_to={opening}&quote=1"))
        .await;
    let quoted_text = texts(&doc, "#reply textarea").join("");
    let quote = bruno.new_reply(thread, &quoted_text, Some(opening)).await;

    assert_eq!(unread(&ana).await, 3);
    assert_eq!(
        listed(&ana).await,
        [
            "bruno citó su mensaje en «Becas de conectividad»",
            "bruno respondió a su mensaje en «Becas de conectividad»",
            "bruno respondió a su mensaje en «Becas de conectividad»",
        ]
    );
    let (_, doc) = ana.get_html("/notifications").await;
    assert_eq!(
        attr(&doc, ".notifications li a", "href").as_deref(),
        Some(format!("/p/{quote}").as_str())
    );
    assert_eq!(texts(&doc, ".notifications li.unread").len(), 3);
    assert_eq!(unread(&marta).await, 1);
    assert_eq!(
        listed(&marta).await,
        ["bruno mentioned you in “Becas de conectividad”"]
    );
    // The watcher hears of each post by someone else, once.
    assert_eq!(unread(&luis).await, 3);
    // Nobody is told of their own posts.
    assert_eq!(unread(&bruno).await, 0);
    // Viewing the list marks nothing read.
    assert_eq!(unread(&ana).await, 3);

    // One email each, after the batch window; the watcher's comes as the watch email.
    app.run_jobs().await;
    let to_ana = emails_to(&app, "ana@example.org");
    assert_eq!(to_ana.len(), 1, "one email for ana");
    assert_eq!(to_ana[0].subject, "3 novedades para usted en Tertulia");
    assert!(to_ana[0].text.contains("bruno citó su mensaje"));
    assert!(to_ana[0]
        .text
        .contains(&format!("{}/p/{reply}", app.address)));
    assert!(to_ana[0]
        .text
        .contains(&format!("{}/notifications", app.address)));
    let to_marta = emails_to(&app, "marta@example.org");
    assert_eq!(to_marta.len(), 1);
    assert_eq!(to_marta[0].subject, "One thing for you on Tertulia");
    assert!(to_marta[0]
        .text
        .contains(&format!("{}/p/{mention}", app.address)));
    let to_luis = emails_to(&app, "luis@example.org");
    assert_eq!(to_luis.len(), 1, "the watch email alone");
    assert!(
        to_luis[0].subject.contains("3 respuestas nuevas"),
        "{}",
        to_luis[0].subject
    );
    assert!(emails_to(&app, "bruno@example.org").is_empty());

    // A second run sends nothing again.
    app.run_jobs().await;
    assert_eq!(emails_to(&app, "ana@example.org").len(), 1);
    assert_eq!(emails_to(&app, "marta@example.org").len(), 1);

    // A post that mentions ana and answers her tells her once, as a mention.
    bruno
        .new_reply(thread, "Y @ana, ¿lo confirmas?", Some(opening))
        .await;
    assert_eq!(unread(&ana).await, 4);
    assert_eq!(
        listed(&ana).await[0],
        "bruno le mencionó en «Becas de conectividad»"
    );

    // The one-click link in the email turns these emails off.
    let off = to_marta[0].link(&format!("{}/notifications/email-off/", app.address));
    let path = &off[app.address.len()..];
    let page = app.other_browser();
    let (status, doc) = page.get_html(path).await;
    assert_eq!(status, 200);
    assert_eq!(
        texts(&doc, "main form button"),
        ["Dejar de recibir estos correos"]
    );
    assert_eq!(page.post_raw(path, &[]).await.status, 200);
    bruno.new_reply(thread, "Otra vez, @marta.", None).await;
    app.run_jobs().await;
    assert_eq!(
        emails_to(&app, "marta@example.org").len(),
        1,
        "no more emails"
    );
    assert_eq!(unread(&marta).await, 2, "still told on the site");
    let (_, settings) = marta.get_html("/settings").await;
    assert_eq!(
        attr(&settings, "#f-notify_email option[selected]", "value").as_deref(),
        Some("off")
    );
}

/// Nobody is told of their own post, by someone they ignore, or of a post out of view; a held
/// post tells once it is approved (and its author hears of the approval); an edit tells only
/// the members it newly mentions.
#[tokio::test]
async fn self_ignored_hidden_and_held_posts_notify_nobody_until_approved() {
    let app = spawn_app_with(|s| s.moderation.new_member_review_posts = 1).await;
    let moderator = app.browser_as("moderadora", Role::Moderator).await;
    let ana = app.browser_as("ana", Role::Member).await;
    let bruno = app.browser_as("bruno", Role::Member).await;
    let carla = app.browser_as("carla", Role::Member).await;
    // Ana and bruno are past review: a first post each, approved.
    let thread = moderator
        .new_thread("educacion", "Filtros en escuelas", "¿Bloquear o enseñar?")
        .await;
    for who in [&ana, &bruno] {
        let answer = who.reply(thread, "Primera participación.", None).await;
        assert_eq!(answer.status, 303);
    }
    for post in pending_posts(&app) {
        assert_eq!(moderator.moderate(post, "approve", &[]).await.status, 303);
    }
    assert_eq!(unread(&ana).await, 1, "the approval of her post");
    assert_eq!(
        listed(&ana).await,
        ["La moderación aprobó su mensaje en «Filtros en escuelas»"]
    );
    ana.submit("/notifications", "/notifications/read", &[])
        .await;
    assert_eq!(unread(&ana).await, 0);

    let own = ana.new_reply(thread, "Me cito: @ana.", None).await;
    assert!(own > 0);
    assert_eq!(unread(&ana).await, 0, "not told of her own mention");

    // Ana ignores bruno: his mention and his reply to her tell her nothing.
    let ignore = ana.submit("/u/bruno", "/u/bruno/ignore", &[]).await;
    assert_eq!(ignore.status, 303);
    bruno.new_reply(thread, "Respondo a @ana.", Some(own)).await;
    assert_eq!(unread(&ana).await, 0, "silenced by ignoring");

    // Carla's first post is held: it tells nobody until approved.
    let answer = carla
        .reply(thread, "Hola @ana, soy nueva.", Some(own))
        .await;
    assert_eq!(answer.status, 303);
    assert_eq!(unread(&ana).await, 0, "a held post tells nobody");
    let held = pending_posts(&app);
    assert_eq!(held.len(), 1);
    assert_eq!(
        moderator.moderate(held[0], "approve", &[]).await.status,
        303
    );
    assert_eq!(unread(&ana).await, 1);
    assert_eq!(
        listed(&ana).await[0],
        "carla le mencionó en «Filtros en escuelas»"
    );
    assert_eq!(unread(&carla).await, 1, "carla hears of the approval");

    // Hidden later, it is withdrawn: not listed, not counted; restored, it is back.
    let hide = moderator
        .moderate(held[0], "hide", &[("rule", "1"), ("reason", "Prueba")])
        .await;
    assert_eq!(hide.status, 303, "{}", hide.body);
    assert_eq!(unread(&ana).await, 0);
    assert!(!listed(&ana).await.iter().any(|t| t.starts_with("carla")));
    assert_eq!(
        listed(&carla).await[0],
        "La moderación ocultó su mensaje en «Filtros en escuelas»"
    );
    let restore = moderator
        .moderate(held[0], "restore", &[("reason", "Revisado")])
        .await;
    assert_eq!(restore.status, 303, "{}", restore.body);
    assert_eq!(unread(&ana).await, 1, "back, and not twice");

    // An edit tells only the newly mentioned: carla adds @moderadora, keeps @ana.
    let before = unread(&moderator).await;
    let edit = carla
        .submit(
            &format!("/p/{}/edit", held[0]),
            &format!("/p/{}/edit", held[0]),
            &[("body", "Hola @ana y @moderadora, soy nueva.")],
        )
        .await;
    assert_eq!(edit.status, 303, "{}", edit.body);
    assert_eq!(unread(&moderator).await, before + 1);
    assert_eq!(unread(&ana).await, 1, "ana was told already");
}

/// The ids of the posts waiting for review.
fn pending_posts(app: &TestApp) -> Vec<i64> {
    use diesel::RunQueryDsl;
    #[derive(diesel::QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        id: i64,
    }
    diesel::sql_query("SELECT id FROM posts WHERE status = 'pending' ORDER BY id")
        .load::<Row>(&mut app.direct())
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect()
}

/// Reading the thread marks read the notifications of the posts it shows; the button marks
/// all.
#[tokio::test]
async fn reading_the_thread_or_the_button_marks_notifications_read() {
    let app = spawn_app_without_jobs(|_| {}).await;
    let ana = app.browser_as("ana", Role::Member).await;
    let bruno = app.browser_as("bruno", Role::Member).await;
    let first = ana
        .new_thread("educacion", "Primer hilo de prueba", "Primer hilo")
        .await;
    let second = ana
        .new_thread("educacion", "Segundo hilo de prueba", "Segundo hilo")
        .await;
    bruno.new_reply(first, "Respuesta al primero", None).await;
    bruno.new_reply(second, "Respuesta al segundo", None).await;
    assert_eq!(unread(&ana).await, 2);

    // The thread page's own header already counts what it marked read.
    let (_, doc) = ana.get_html(&format!("/t/{first}")).await;
    assert_eq!(
        texts(&doc, ".account a[href='/notifications']"),
        ["Notificaciones (1)"]
    );
    assert_eq!(unread(&ana).await, 1);
    let (_, doc) = ana.get_html("/notifications").await;
    assert_eq!(texts(&doc, ".notifications li.unread").len(), 1);

    let answer = ana
        .submit("/notifications", "/notifications/read", &[])
        .await;
    assert_eq!(answer.status, 303);
    assert_eq!(unread(&ana).await, 0);
    let (_, doc) = ana.get_html("/notifications").await;
    assert!(texts(&doc, ".notifications li.unread").is_empty());
    assert_eq!(
        texts(&doc, ".notifications li").len(),
        2,
        "read, still listed"
    );
    // Without the form's token, nothing happens.
    assert_eq!(ana.post_raw("/notifications/read", &[]).await.status, 403);
    // Visitors have no notifications.
    let visitor = app.other_browser();
    assert_eq!(visitor.get("/notifications").await.status(), 303);

    // The member's data export holds them, and where she stopped reading.
    let export: serde_json::Value =
        serde_json::from_str(&ana.get("/settings/export").await.text().await.unwrap()).unwrap();
    let told = export["notifications"].as_array().unwrap();
    assert_eq!(told.len(), 2);
    assert!(told
        .iter()
        .all(|n| n["kind"] == "reply" && n["read_at"].is_string()));
    assert!(export["threads_read"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["thread_id"] == first));
    assert_eq!(export["account"]["notify_email"], "batched");
}

/// A board shows a member which threads they never opened and how many posts by others came
/// since they last read each, with a link to the first of them.
#[tokio::test]
async fn the_board_counts_what_is_new_since_the_member_last_read() {
    let app = spawn_app_without_jobs(|_| {}).await;
    let ana = app.browser_as("ana", Role::Member).await;
    let bruno = app.browser_as("bruno", Role::Member).await;
    let thread = bruno
        .new_thread("educacion", "Ciberseguridad escolar", "¿Quién enseña?")
        .await;
    let marker = |doc: &scraper::Html| texts(doc, ".threads .tag.new");

    let (_, doc) = ana.board("educacion").await;
    assert_eq!(marker(&doc), ["Nuevo"], "never opened");
    let (_, doc) = bruno.board("educacion").await;
    assert!(marker(&doc).is_empty(), "its author opened it");
    let visitor = app.other_browser();
    let (_, doc) = visitor.board("educacion").await;
    assert!(marker(&doc).is_empty(), "visitors see no markers");

    ana.get_html(&format!("/t/{thread}")).await;
    let (_, doc) = ana.board("educacion").await;
    assert!(marker(&doc).is_empty(), "read");

    let first_new = bruno.new_reply(thread, "Los docentes.", None).await;
    bruno.new_reply(thread, "Y las familias.", None).await;
    // Her own post (sent without opening the thread again) is no news to her.
    let token = ana.csrf_token("/search").await;
    let own = ana
        .post_raw(
            &format!("/t/{thread}/reply"),
            &[
                ("csrf_token", &token),
                ("body", "Estoy de acuerdo."),
                ("parent_id", ""),
            ],
        )
        .await;
    assert_eq!(own.status, 303);
    let (_, doc) = ana.board("educacion").await;
    assert_eq!(marker(&doc), ["2 nuevos"], "her own post is not news");
    let href = attr(&doc, ".threads a.tag.new", "href").unwrap();
    assert_eq!(href, format!("/t/{thread}/unread"));
    let jump = ana.get(&href).await;
    assert_eq!(jump.status(), 303);
    assert_eq!(
        jump.headers()["location"].to_str().unwrap(),
        format!("/t/{thread}#p{first_new}")
    );
    ana.get_html(&format!("/t/{thread}")).await;
    let (_, doc) = ana.board("educacion").await;
    assert!(marker(&doc).is_empty(), "read again");
    // With nothing unread, the link goes to the last post.
    let jump = ana.get(&href).await;
    assert!(jump.headers()["location"]
        .to_str()
        .unwrap()
        .starts_with(&format!("/t/{thread}#p")));
}

/// Two instances flushing the same notifications at once queue one email per member.
#[tokio::test]
async fn two_instances_never_send_the_same_notification_email() {
    let app = spawn_app_without_jobs(|_| {}).await;
    let ana = app.browser_as("ana", Role::Member).await;
    let thread = ana
        .new_thread("educacion", "Un hilo muy comentado", "Inicio")
        .await;
    let mut others = Vec::new();
    for i in 0..4 {
        let b = app.browser_as(&format!("persona{i}"), Role::Member).await;
        b.new_reply(thread, &format!("Respuesta {i} a @ana"), None)
            .await;
        others.push(b);
    }
    let second = app.second_instance().await;
    let ctx = app.notices().await;
    let later = chrono::Utc::now().naive_utc() + chrono::TimeDelta::hours(1);
    let (a, b) = (app.server.clone().unwrap(), second.server.clone().unwrap());
    let (x, y) = tokio::join!(
        tertulia::services::notifications::flush(&a, &ctx, later),
        tertulia::services::notifications::flush(&b, &ctx, later),
    );
    assert_eq!(x.unwrap() + y.unwrap(), 1, "one email between the two");
    app.deliver_mail().await;
    let to_ana = emails_to(&app, "ana@example.org");
    assert_eq!(to_ana.len(), 1);
    assert_eq!(to_ana[0].subject, "4 novedades para usted en Tertulia");
}
