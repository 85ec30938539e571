//! Moderators keep a board clean, in the open; admins name them.

use tertulia::domain::Role;

use crate::helpers::{attr, id_after, spawn_app, spawn_app_with, texts, TestApp, PASSWORD};

/// The first post shown on a thread page.
pub(crate) async fn first_post(app: &TestApp, thread: i64) -> i64 {
    let (_, doc) = app.get_html(&format!("/t/{thread}")).await;
    attr(&doc, ".post", "id").unwrap()[1..].parse().unwrap()
}

#[tokio::test]
async fn every_mod_and_admin_route_checks_who_asks() {
    let app = spawn_app().await;
    let admin = app.browser_as("admin", Role::Admin).await;
    let author = app.browser_as("autora", Role::Member).await;
    let thread = author
        .new_thread("educacion", "Un hilo de prueba", "Texto")
        .await;
    let post = first_post(&app, thread).await;
    let member = app.browser_as("miembro", Role::Member).await;
    let other_mod = app.browser_as("modotro", Role::Member).await;
    let board_mod = app.browser_as("modedu", Role::Member).await;
    for (name, board) in [("modotro", "blockchain"), ("modedu", "educacion")] {
        let a = admin
            .submit(
                "/admin",
                "/admin/moderators",
                &[("username", name), ("board", board)],
            )
            .await;
        assert_eq!(a.status, 303, "{}", a.body);
    }
    // An appeal on the educacion board, against a decision by a moderator outside the matrix
    // (whoever acted may not decide the appeal).
    let reply = author.new_reply(thread, "Una respuesta", None).await;
    let global = app.browser_as("global", Role::Moderator).await;
    let hid = global.moderate(reply, "hide", &[("rule", "1")]).await;
    assert_eq!(hid.status, 303, "{}", hid.body);
    let appealed = author
        .submit(
            &format!("/t/{thread}"),
            &format!("/p/{reply}/appeal"),
            &[("message", "No rompe ninguna norma")],
        )
        .await;
    assert_eq!(appealed.status, 303, "{}", appealed.body);
    // A message that failed for good, for the admin's "retry".
    app.sql(
        "INSERT INTO outbox (id, idempotency_key, kind, recipient, locale, payload, status, \
         attempts, next_attempt_at, created_at) VALUES (9999, 'matrix', 'verify', \
         'nadie@example.org', 'es', '{}', 'failed', 5, '2030-01-01 00:00:00', \
         '2030-01-01 00:00:00')",
    );
    let visitor = app.other_browser();
    let user_id = 2; // autora
    let routes: Vec<(String, Vec<(&str, &str)>)> = vec![
        (format!("/mod/threads/{thread}/pin"), vec![]),
        (
            format!("/mod/posts/{post}/hide"),
            vec![("rule", "1"), ("reason", "prueba")],
        ),
        (format!("/mod/posts/{post}/restore"), vec![]),
        (
            format!("/mod/users/{user_id}/suspend"),
            vec![("rule", "1"), ("reason", "prueba")],
        ),
        (format!("/mod/users/{user_id}/unsuspend"), vec![]),
        ("/mod/appeals/1/uphold".to_string(), vec![]),
        (
            "/admin/boards".to_string(),
            vec![("slug", "nuevo"), ("name_es", "Nuevo"), ("name_en", "New")],
        ),
        (
            "/admin/moderators".to_string(),
            vec![("username", "miembro"), ("board", "")],
        ),
        ("/admin/moderators/1/revoke".to_string(), vec![]),
        (
            "/admin/rules".to_string(),
            vec![
                ("number", "7"),
                ("title_es", "a"),
                ("title_en", "a"),
                ("body_es", "b"),
                ("body_en", "b"),
            ],
        ),
        (
            "/admin/settings".to_string(),
            vec![("moderation.auto_hide_flags", "3")],
        ),
        ("/admin/outbox/9999/retry".to_string(), vec![]),
    ];
    // (who, may use /mod pages, may act on educacion, may act site-wide, is admin)
    let who: [(&str, &TestApp, bool, bool, bool, bool); 5] = [
        ("visitor", &visitor, false, false, false, false),
        ("member", &member, false, false, false, false),
        ("other board mod", &other_mod, true, false, false, false),
        ("board mod", &board_mod, true, true, false, false),
        ("admin", &admin, true, true, true, true),
    ];
    for (label, b, queue, board_acts, site_acts, is_admin) in who {
        // Refused means 403, never a 404 or 500.
        for (page, may) in [("/mod", queue), ("/admin", is_admin)] {
            let status = b.get(page).await.status().as_u16();
            let expected = if may { 200 } else { 403 };
            assert_eq!(status, expected, "{label} GET {page}");
        }
        for (path, fields) in &routes {
            let token_page = if label == "visitor" { "/login" } else { "/" };
            let answer = b.submit(token_page, path, fields).await;
            let allowed = if path.starts_with("/admin") {
                is_admin
            } else if path.starts_with("/mod/appeals") {
                board_acts // the appeal's board (and never the moderator who acted)
            } else if path.starts_with("/mod/users") {
                site_acts
            } else {
                board_acts
            };
            // Allowed: done (303), or refused for a reason other than who asks (409: an
            // earlier row already decided it). Never a 404 or 500 passing for "allowed".
            let expected: &[u16] = if allowed { &[303, 409] } else { &[403] };
            assert!(
                expected.contains(&answer.status),
                "{label} POST {path}: {} (expected {expected:?}): {}",
                answer.status,
                answer.body.chars().take(300).collect::<String>()
            );
        }
    }
}

#[tokio::test]
async fn a_new_members_first_post_waits_for_review_and_leaks_nowhere() {
    let app = spawn_app_with(|s| s.moderation.new_member_review_posts = 1).await;
    let moderator = app.browser_as("moderadora", Role::Moderator).await;
    let nuevo = app.other_browser();
    nuevo.member("nuevo").await;
    let thread = nuevo
        .new_thread(
            "educacion",
            "Mi primera pregunta secreta",
            "¿Alguien sabe de zanahorias digitales?",
        )
        .await;
    let (status, doc) = nuevo.get_html(&format!("/t/{thread}")).await;
    assert_eq!(status, 200, "the author sees it");
    assert_eq!(
        texts(&doc, ".notice")[0],
        "Este hilo espera revisión: solo usted y la moderación lo ven hasta que se apruebe."
    );
    assert_eq!(texts(&doc, ".pending"), ["En espera de revisión"]);

    let visitor = app.other_browser();
    assert_eq!(visitor.get(&format!("/t/{thread}")).await.status(), 404);
    let (_, board) = visitor.board("educacion").await;
    assert!(texts(&board, ".thread").is_empty());
    let (_, found) = visitor.get_html("/search?q=zanahorias").await;
    assert!(texts(&found, ".results li").is_empty());
    assert!(!visitor
        .get("/b/educacion/feed.atom")
        .await
        .text()
        .await
        .unwrap()
        .contains("zanahorias"));
    let (_, profile) = visitor.get_html("/u/nuevo").await;
    assert_eq!(texts(&profile, ".facts dd")[1], "0");
    let (_, home) = visitor.home().await;
    assert!(texts(&home, ".board .meta")[2].starts_with("0 hilos"));

    let (_, queue) = moderator.get_html("/mod").await;
    assert_eq!(
        texts(&queue, ".queue-item h3 a"),
        ["Mi primera pregunta secreta"]
    );
    let post = first_post(&nuevo, thread).await;
    let approved = moderator
        .submit("/mod", &format!("/mod/posts/{post}/approve"), &[])
        .await;
    assert_eq!(approved.status, 303);
    assert_eq!(visitor.get(&format!("/t/{thread}")).await.status(), 200);
    let (_, found) = visitor.get_html("/search?q=zanahorias").await;
    assert_eq!(texts(&found, ".results li").len(), 1);
    let (_, home) = visitor.home().await;
    assert!(texts(&home, ".board .meta")[2].starts_with("1 hilo · 1 mensaje"));
    // The next post is published at once.
    nuevo.new_reply(thread, "Ya estoy aprobado", None).await;
    let (_, doc) = visitor.get_html(&format!("/t/{thread}")).await;
    assert_eq!(texts(&doc, ".post").len(), 2);
    let (_, log) = visitor.get_html("/modlog").await;
    assert!(texts(&log, ".log li")[0].contains("aprobó un mensaje"));
}

#[tokio::test]
async fn a_rejected_post_tells_its_author_why_and_can_be_appealed_to_another_moderator() {
    let app = spawn_app_with(|s| s.moderation.new_member_review_posts = 5).await;
    let ana = app.browser_as("ana", Role::Moderator).await;
    let beto = app.browser_as("beto", Role::Moderator).await;
    let visible = ana
        .new_thread("politicas-publicas", "Hilo abierto", "Hola")
        .await;
    let nuevo = app.other_browser();
    nuevo.member("nuevo").await;
    let reply = nuevo
        .new_reply(visible, "Compre ya en https://spam.example", None)
        .await;
    let refused = ana
        .submit(
            "/mod",
            &format!("/mod/posts/{reply}/reject"),
            &[("reason", "publicidad")],
        )
        .await;
    assert_eq!(refused.status, 422, "a rule is required");
    let refused = refused.html();
    assert!(texts(&refused, "#f-rule-error")[0].contains("Cite la norma"));
    assert_eq!(
        attr(&refused, "#f-reason", "value").as_deref(),
        Some("publicidad"),
        "the reason typed is kept"
    );
    let rejected = ana
        .submit(
            "/mod",
            &format!("/mod/posts/{reply}/reject"),
            &[("rule", "4"), ("reason", "publicidad")],
        )
        .await;
    assert_eq!(rejected.status, 303);
    let mails = nuevo.emails(2).await;
    let notice = mails
        .iter()
        .find(|m| m.subject.contains("no fue aprobado"))
        .expect("the author is told");
    assert!(
        notice.text.contains("Norma 4") && notice.text.contains("publicidad"),
        "{}",
        notice.text
    );

    let (_, doc) = nuevo.get_html(&format!("/t/{visible}")).await;
    let tombstone = texts(&doc, &format!("#p{reply} .tombstone")).remove(0);
    assert!(
        tombstone.starts_with("Retirado por la moderación — Norma 4 — ver la entrada #"),
        "{tombstone}"
    );
    let log_id = id_after(
        &attr(
            &doc,
            &format!("#p{reply} .tombstone a[href^='/modlog']"),
            "href",
        )
        .unwrap(),
        "/modlog#e",
    );

    let appeal = nuevo
        .submit(
            &format!("/t/{visible}"),
            &format!("/p/{reply}/appeal"),
            &[("message", "No era publicidad")],
        )
        .await;
    assert_eq!(appeal.status, 303);
    let again = nuevo
        .submit(
            &format!("/t/{visible}"),
            &format!("/p/{reply}/appeal"),
            &[("message", "Otra vez")],
        )
        .await;
    assert_eq!(again.status, 409, "only once");

    let (_, queue) = ana.get_html("/mod").await;
    assert_eq!(
        texts(&queue, ".notice"),
        ["Usted tomó esta decisión: debe revisarla otra persona de moderación."]
    );
    let own = ana
        .submit("/mod", "/mod/appeals/1/overturn", &[("reason", "yo")])
        .await;
    assert_eq!(own.status, 403, "the moderator who acted may not decide");
    let decided = beto
        .submit(
            "/mod",
            "/mod/appeals/1/overturn",
            &[("reason", "es un enlace legítimo")],
        )
        .await;
    assert_eq!(decided.status, 303);
    let (_, doc) = app.get_html(&format!("/t/{visible}")).await;
    assert!(texts(&doc, &format!("#p{reply} .body"))[0].contains("Compre ya"));
    let (_, log) = app.get_html("/modlog").await;
    let lines = texts(&log, ".log li");
    assert!(
        lines[0].contains("revirtió una decisión apelada") && lines[0].contains("beto"),
        "{lines:?}"
    );
    assert!(lines
        .iter()
        .any(|l| l.contains(&format!("#{log_id}")) && l.contains("Norma 4")));
}

#[tokio::test]
async fn three_reports_hide_a_post_and_child_safety_hides_it_at_once() {
    let app = spawn_app().await;
    let author = app.browser_as("autor", Role::Member).await;
    let thread = author
        .new_thread(
            "blockchain",
            "Inversiones milagrosas",
            "Gane dinero fácil con criptomonedas",
        )
        .await;
    let post = first_post(&app, thread).await;
    let second = author
        .new_reply(thread, "Y otra cosa inadecuada", None)
        .await;
    let mut reporters = Vec::new();
    for n in 0..3 {
        reporters.push(app.browser_as(&format!("lector{n}"), Role::Member).await);
    }
    // Each post links to its own report page; a bad reason keeps what was typed.
    let (_, doc) = reporters[0].get_html(&format!("/t/{thread}")).await;
    let flag_page = attr(&doc, &format!("#p{post} a[href$='/flag']"), "href").unwrap();
    assert_eq!(flag_page, format!("/p/{post}/flag"));
    let (status, page) = reporters[0].get_html(&flag_page).await;
    assert_eq!(status, 200);
    assert_eq!(texts(&page, "select[name=reason] option").len(), 7);
    let bad = reporters[0]
        .submit(
            &flag_page,
            &flag_page,
            &[("reason", "capricho"), ("note", "lo vi en otro foro")],
        )
        .await;
    assert_eq!(bad.status, 422);
    let bad = bad.html();
    assert_eq!(
        attr(&bad, "#f-note", "value").as_deref(),
        Some("lo vi en otro foro")
    );
    assert_eq!(
        attr(&bad, "#f-reason", "aria-describedby").as_deref(),
        Some("f-reason-error")
    );
    assert_eq!(
        app.get(&flag_page).await.status(),
        303,
        "visitors log in first"
    );
    for (n, r) in reporters.iter().enumerate() {
        let a = r
            .submit(&flag_page, &flag_page, &[("reason", "spam"), ("note", "")])
            .await;
        assert_eq!(a.status, 303);
        let (_, doc) = app.get_html(&format!("/t/{thread}")).await;
        let hidden = !texts(&doc, &format!("#p{post} .tombstone")).is_empty();
        assert_eq!(hidden, n == 2, "hidden only at the third distinct report");
    }
    let twice = reporters[0].report(second, "other", "").await;
    assert_eq!(twice.status, 303);
    let again = reporters[0].report(second, "other", "").await;
    assert_eq!(again.status, 409);
    let (_, found) = app.get_html("/search?q=criptomonedas").await;
    assert!(
        texts(&found, ".results li").is_empty(),
        "hidden posts leave the index"
    );

    let urgent = reporters[1].report(second, "child_safety", "").await;
    assert_eq!(urgent.status, 303);
    let (_, doc) = app.get_html(&format!("/t/{thread}")).await;
    assert!(
        !texts(&doc, &format!("#p{second} .tombstone")).is_empty(),
        "hidden at once"
    );
    let moderator = app.browser_as("mod", Role::Moderator).await;
    let (_, queue) = moderator.get_html("/mod").await;
    assert_eq!(
        attr(&queue, ".queue-item", "id"),
        Some(format!("q{second}")),
        "child safety first"
    );
    assert!(queue.html().contains("urgent"));
    let (_, log) = app.get_html("/modlog?action=auto_hide").await;
    assert_eq!(texts(&log, ".log li").len(), 2);
    assert!(
        !log.html().contains("criptomonedas"),
        "hidden content is not republished"
    );
}

#[tokio::test]
async fn a_suspension_ends_sessions_blocks_posting_and_lifts_by_itself() {
    let app = spawn_app().await;
    let moderator = app.browser_as("moderadora", Role::Moderator).await;
    let member = app.browser_as("polemico", Role::Member).await;
    let thread = member
        .new_thread("educacion", "Un tema cualquiera", "Hola")
        .await;
    let id = 2;
    let done = moderator
        .submit(
            "/u/polemico",
            &format!("/mod/users/{id}/suspend"),
            &[
                ("rule", "1"),
                ("reason", "insultos"),
                ("until", "2099-01-31"),
            ],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(member.logged_in_as().await, None, "sessions ended at once");
    assert_eq!(
        member.login("polemico", PASSWORD).await.status,
        303,
        "may still log in"
    );
    let (_, doc) = member.home().await;
    let banner = texts(&doc, ".banner p").remove(0);
    assert!(
        banner.contains("suspendida") && banner.contains("2099") && banner.contains("insultos"),
        "{banner}"
    );
    let refused = member.reply(thread, "¿Puedo responder?", None).await;
    assert_eq!(refused.status, 403);
    let flag = member
        .submit(
            &format!("/t/{thread}"),
            &format!("/p/{}/flag", first_post(&app, thread).await),
            &[("reason", "spam")],
        )
        .await;
    assert_eq!(flag.status, 403);
    let appeal = member
        .submit("/", "/appeal", &[("message", "Pido disculpas")])
        .await;
    assert_eq!(appeal.status, 303);
    app.sql("UPDATE users SET suspended_until = '2000-01-01 00:00:00' WHERE username = 'polemico'");
    assert_eq!(
        member.reply(thread, "Ya puedo", None).await.status,
        303,
        "it lifted by itself"
    );
}

#[tokio::test]
async fn posting_limits_links_held_words_and_the_honeypot() {
    let app = spawn_app_with(|s| {
        s.limits.posts_per_member_per_minute = 2;
        s.limits.new_member_links_per_post = 1;
    })
    .await;
    let admin = app.browser_as("admin", Role::Admin).await;
    let saved = admin
        .submit(
            "/admin",
            "/admin/settings",
            &[
                ("moderation.held_words", "casino, lotería"),
                ("modlog.name_moderators", "true"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303);
    let m = app.browser_as("rapido", Role::Member).await;
    let thread = m.new_thread("educacion", "Muchos mensajes", "uno").await;
    m.new_reply(thread, "dos", None).await;
    let third = m.reply(thread, "tres, demasiado rápido", None).await;
    assert_eq!(third.status, 429);
    assert!(texts(&third.html(), ".form-error")[0].contains("Inténtelo de nuevo en 1 minuto"));
    assert!(
        third.body.contains("tres, demasiado rápido"),
        "the text is kept"
    );

    let links = app.browser_as("enlaces", Role::Member).await;
    let many = links
        .open_thread(
            "educacion",
            "Enlaces varios",
            "https://a.example y https://b.example",
        )
        .await;
    assert_eq!(many.status, 422);
    assert!(texts(&many.html(), "#f-body-error")[0].contains("pocos enlaces"));
    let held = links
        .new_thread("educacion", "Un casino en la escuela", "Texto")
        .await;
    assert_eq!(
        app.other_browser()
            .get(&format!("/t/{held}"))
            .await
            .status(),
        404,
        "held for review"
    );

    let bot = app.other_browser();
    let token = bot.csrf_token("/register").await;
    let answer = bot
        .post_raw(
            "/register",
            &[
                ("csrf_token", &token),
                ("username", "robot"),
                ("email", "robot@example.org"),
                ("password", PASSWORD),
                ("website", "http://spam.example"),
            ],
        )
        .await;
    assert_eq!(answer.status, 303);
    assert_eq!(
        bot.login("robot", PASSWORD).await.status,
        422,
        "no account was made"
    );
}

#[tokio::test]
async fn thread_tools_and_the_log_naming_setting() {
    let app = spawn_app().await;
    let admin = app.browser_as("admin", Role::Admin).await;
    let author = app.browser_as("autora", Role::Member).await;
    let thread = author
        .new_thread("educacion", "Un hilo para mover", "Texto")
        .await;
    for action in ["pin", "lock"] {
        assert_eq!(
            admin
                .submit(
                    &format!("/t/{thread}"),
                    &format!("/mod/threads/{thread}/{action}"),
                    &[]
                )
                .await
                .status,
            303
        );
    }
    let moved = admin
        .submit(
            &format!("/t/{thread}"),
            &format!("/mod/threads/{thread}/move"),
            &[("board", "politicas-publicas")],
        )
        .await;
    assert_eq!(moved.status, 303);
    let (_, board) = app.board("politicas-publicas").await;
    assert_eq!(texts(&board, ".thread.pinned h3 a"), ["Un hilo para mover"]);
    let (_, home) = app.home().await;
    let metas = texts(&home, ".board .meta");
    assert!(
        metas[2].starts_with("0 hilos") && metas[3].starts_with("1 hilo · 1 mensaje"),
        "{metas:?}"
    );
    assert_eq!(author.reply(thread, "¿Cerrado?", None).await.status, 422);

    let (_, log) = app.get_html("/modlog").await;
    assert!(
        texts(&log, ".log li")[0].contains("admin"),
        "names shown by default"
    );
    admin
        .submit(
            "/admin",
            "/admin/settings",
            &[("moderation.auto_hide_flags", "3")],
        )
        .await;
    let (_, log) = app.get_html("/modlog").await;
    let first = texts(&log, ".log li").remove(1);
    assert!(
        first.contains("una persona de moderación") && !first.contains("admin"),
        "{first}"
    );
    let feed = app.get("/modlog/feed.atom").await.text().await.unwrap();
    assert!(feed.contains("movió un hilo"));
    let (_, rules) = app.get_html("/rules").await;
    assert_eq!(texts(&rules, ".rules h2").len(), 6);
}

#[tokio::test]
async fn an_admin_bans_a_member_for_good_under_the_rules_of_a_suspension() {
    let app = spawn_app().await;
    let admin = app.browser_as("jefa", Role::Admin).await;
    let global = app.browser_as("global", Role::Moderator).await;
    app.make_user("otra", Role::Admin).await;
    let ana = app.browser_as("ana", Role::Member).await;
    app.make_user("bob", Role::Member).await;
    app.sql("UPDATE users SET locale = 'en' WHERE username = 'bob'");
    // The ban form on a member's profile, as an admin sees it.
    let ban_action = |name: &'static str| {
        let admin = &admin;
        async move {
            let (_, profile) = admin.get_html(&format!("/u/{name}")).await;
            attr(&profile, "form[action$='/ban']", "action").expect("a ban form")
        }
    };
    let (ana_ban, bob_ban) = (ban_action("ana").await, ban_action("bob").await);
    let otra_ban = ana_ban.replace(
        &id_after(&ana_ban, "/mod/users/").to_string(),
        &(id_after(&ana_ban, "/mod/users/") - 1).to_string(),
    );

    // Who may not: a site-wide moderator; nobody bans an admin; a rule is required.
    let refused = global
        .submit("/u/ana", &ana_ban, &[("rule", "1"), ("reason", "spam")])
        .await;
    assert_eq!(refused.status, 403, "moderators suspend, admins ban");
    let refused = admin
        .submit("/u/otra", &otra_ban, &[("rule", "1"), ("reason", "x")])
        .await;
    assert_eq!(refused.status, 403, "nobody bans an admin");
    let refused = admin
        .submit("/u/ana", &ana_ban, &[("rule", ""), ("reason", "spam")])
        .await;
    assert_eq!(refused.status, 422, "a rule is required");
    assert_eq!(ana.logged_in_as().await.as_deref(), Some("ana"));
    let before = app.emails_now().len();

    for (name, action) in [("ana", &ana_ban), ("bob", &bob_ban)] {
        let banned = admin
            .submit(
                &format!("/u/{name}"),
                action,
                &[("rule", "1"), ("reason", "spam reiterado")],
            )
            .await;
        assert_eq!(banned.status, 303, "{name}: {}", banned.body);
    }

    // Her session ended and she cannot log in again.
    assert_eq!(ana.logged_in_as().await, None);
    assert_ne!(ana.login("ana", PASSWORD).await.status, 303);
    // Each is told by email, in their own language, with the rule, reason and log entry.
    for (to, lang, subject) in [
        ("ana@example.org", "es", "Su cuenta de Tertulia fue cerrada"),
        ("bob@example.org", "en", "Your Tertulia account was closed"),
    ] {
        let mail = app.email_to(to, before).await;
        assert_eq!(mail.subject, subject);
        assert!(mail.text.contains("/rules#rule-1"), "{}", mail.text);
        assert!(mail.text.contains("spam reiterado"), "{}", mail.text);
        assert!(mail.text.contains("/modlog#e"), "{}", mail.text);
        insta::assert_snapshot!(
            format!("email-banned-{lang}"),
            crate::languages::snapshot(&app, &mail)
        );
        let problems = crate::languages::check_email(&mail, lang);
        assert!(problems.is_empty(), "{lang}: {problems:?}");
    }
    // And the public log says so.
    let (_, log) = app.get_html("/modlog?action=ban").await;
    assert_eq!(texts(&log, ".log li").len(), 2);
}
