//! Moderation powers and trust, as a new member, a moderator and an attacker would test them.

use tertulia::domain::{PostStatus, Role};
use tertulia::error::AppError;

use crate::helpers::{attr, spawn_app, spawn_app_with, texts, TestApp, PASSWORD};
use crate::moderation::first_post;

/// The post as stored.
async fn stored(app: &TestApp, id: i64) -> tertulia::db::posts::Post {
    let pool = app.server.clone().expect("the server's pool");
    pool.run(move |c| Ok::<_, AppError>(tertulia::db::posts::find(c, id)?))
        .await
        .unwrap()
        .expect("the post exists")
}

/// Whether a visitor sees post `id` in its thread (not a tombstone, not absent).
async fn visible(app: &TestApp, thread: i64, id: i64) -> bool {
    let (_, doc) = app.other_browser().get_html(&format!("/t/{thread}")).await;
    !texts(&doc, &format!("#p{id} .body")).is_empty()
}

/// Gives `username` standing as a reporter: published posts and weeks since sign-up.
fn give_standing(app: &TestApp, username: &str) {
    app.sql(&format!(
        "UPDATE users SET post_count = 5, created_at = '2020-01-01 00:00:00' \
         WHERE username = '{username}'"
    ));
}

#[tokio::test]
async fn reports_from_new_accounts_only_queue_and_child_safety_alerts_moderators() {
    // The built-in standing: 5 published posts and 7 days since sign-up.
    let app = spawn_app_with(|s| {
        s.moderation.trusted_reporter_posts = 5;
        s.moderation.trusted_reporter_days = 7;
    })
    .await;
    let author = app.browser_as("autora", Role::Member).await;
    let thread = author
        .new_thread(
            "educacion",
            "Conectividad en escuelas rurales",
            "Propongo medir la velocidad real en cada escuela.",
        )
        .await;
    let post = first_post(&app, thread).await;
    app.make_user("moderadora", Role::Moderator).await;
    app.make_user("moderator", Role::Moderator).await;
    app.sql("UPDATE users SET locale = 'en' WHERE username = 'moderator'");

    // The report page shows the post and starts with no reason chosen.
    let novata = app.browser_as("novata", Role::Member).await;
    let page = format!("/p/{post}/flag");
    let (status, doc) = novata.get_html(&page).await;
    assert_eq!(status, 200);
    assert!(texts(&doc, ".glimpse .body")[0].contains("velocidad real"));
    assert_eq!(
        attr(&doc, "select[name=reason] option", "value").as_deref(),
        Some(""),
        "the first choice is empty"
    );
    assert!(attr(&doc, "select[name=reason] option[selected]", "value").is_none());
    assert!(attr(&doc, "select[name=reason]", "required").is_some());
    let unchosen = novata
        .submit(&page, &page, &[("reason", ""), ("note", "no sé")])
        .await;
    assert_eq!(unchosen.status, 422, "a reason must be chosen");
    assert_eq!(texts(&unchosen.html(), "#f-reason-error").len(), 1);

    // A brand-new account's child-safety report queues, first, and alerts the moderators.
    let before = app.emails_now().len();
    assert_eq!(novata.report(post, "child_safety", "").await.status, 303);
    assert!(
        visible(&app, thread, post).await,
        "one new account hides nothing"
    );
    let alert = app.email_to("moderadora@example.org", before).await;
    assert!(
        alert.subject.contains("seguridad infantil"),
        "{}",
        alert.subject
    );
    assert!(alert.text.contains(&format!("/mod#q{post}")));
    insta::assert_snapshot!(
        "email-report_urgent-es",
        crate::languages::snapshot(&app, &alert)
    );
    let moderator = app.other_browser();
    assert_eq!(moderator.login("moderadora", PASSWORD).await.status, 303);
    let (_, queue) = moderator.get_html("/mod").await;
    assert_eq!(attr(&queue, ".queue-item", "id"), Some(format!("q{post}")));

    // Three brand-new accounts do not hide a post either.
    for n in 0..3 {
        let r = app.browser_as(&format!("recien{n}"), Role::Member).await;
        assert_eq!(r.report(post, "spam", "").await.status, 303);
    }
    assert!(visible(&app, thread, post).await, "new accounts only queue");

    // Members with standing count: one child-safety report hides at once.
    let veterana = app.browser_as("veterana", Role::Member).await;
    give_standing(&app, "veterana");
    assert_eq!(veterana.report(post, "child_safety", "").await.status, 303);
    assert!(!visible(&app, thread, post).await, "hidden at once");

    // And three spam reports from members with standing hide another post.
    let other = author
        .new_reply(thread, "Otra idea sobre el tema", None)
        .await;
    for n in 0..3 {
        let name = format!("antigua{n}");
        let r = app.browser_as(&name, Role::Member).await;
        give_standing(&app, &name);
        assert!(visible(&app, thread, other).await);
        assert_eq!(r.report(other, "spam", "").await.status, 303);
    }
    assert!(!visible(&app, thread, other).await);
}

#[tokio::test]
async fn a_suspended_moderator_has_no_powers_and_nobody_acts_on_their_own_account() {
    let app = spawn_app_with(|s| s.moderation.new_member_review_posts = 1).await;
    let admin = app.browser_as("jefa", Role::Admin).await;
    let author = app.browser_as("autor", Role::Member).await;
    app.sql("UPDATE users SET post_count = 1 WHERE username = 'autor'");
    let thread = author
        .new_thread("blockchain", "Contratos inteligentes", "¿Sirven al Estado?")
        .await;
    let published = first_post(&app, thread).await;
    let hidden = author.new_reply(thread, "Una respuesta", None).await;
    let nuevo = app.browser_as("nuevo", Role::Member).await;
    let pending = nuevo.new_reply(thread, "Mi primer mensaje", None).await;

    let board_mod = app.browser_as("delforo", Role::Member).await;
    let appointed = admin
        .submit(
            "/admin",
            "/admin/moderators",
            &[("username", "delforo"), ("board", "blockchain")],
        )
        .await;
    assert_eq!(appointed.status, 303, "{}", appointed.body);
    let global = app.browser_as("global", Role::Moderator).await;
    let hid = global.moderate(hidden, "hide", &[("rule", "1")]).await;
    assert_eq!(hid.status, 303, "{}", hid.body);

    for (name, id) in [("delforo", 4), ("global", 5)] {
        let suspended = admin
            .submit(
                &format!("/u/{name}"),
                &format!("/mod/users/{id}/suspend"),
                &[("rule", "1"), ("reason", "prueba"), ("until", "2099-01-01")],
            )
            .await;
        assert_eq!(suspended.status, 303, "{name}: {}", suspended.body);
    }
    // They log in again: still no powers anywhere.
    for (name, b) in [("delforo", &board_mod), ("global", &global)] {
        assert_eq!(b.login(name, PASSWORD).await.status, 303);
        assert_eq!(b.get("/mod").await.status(), 403, "{name}");
        let token = b.csrf_token(&format!("/t/{thread}")).await;
        for (action, post) in [
            ("approve", pending),
            ("hide", published),
            ("restore", hidden),
        ] {
            let a = b
                .post_raw(
                    &format!("/mod/posts/{post}/{action}"),
                    &[("csrf_token", &token), ("rule", "1"), ("reason", "")],
                )
                .await;
            assert_eq!(a.status, 403, "{name} {action}");
        }
        let lock = b
            .post_raw(
                &format!("/mod/threads/{thread}/lock"),
                &[("csrf_token", &token), ("reason", "")],
            )
            .await;
        assert_eq!(lock.status, 403, "{name} lock");
    }
    let token = global.csrf_token("/").await;
    let own = global
        .post_raw(
            "/mod/users/5/unsuspend",
            &[("csrf_token", &token), ("reason", "me lo levanto")],
        )
        .await;
    assert_eq!(own.status, 403, "nobody lifts their own suspension");
    assert_eq!(stored(&app, pending).await.status, PostStatus::Pending);
    assert_eq!(stored(&app, published).await.status, PostStatus::Published);
    assert_eq!(stored(&app, hidden).await.status, PostStatus::Hidden);
    let (_, log) = app.get_html("/modlog?action=unsuspend").await;
    assert!(texts(&log, ".log li").is_empty());
    let (_, log) = app.get_html("/modlog?action=lock").await;
    assert!(texts(&log, ".log li").is_empty());
    // An admin acts on nobody's account of their own either.
    let token = admin.csrf_token("/").await;
    let self_suspend = admin
        .post_raw(
            "/mod/users/1/suspend",
            &[("csrf_token", &token), ("rule", "1"), ("reason", "x")],
        )
        .await;
    assert_eq!(self_suspend.status, 403);
}

#[tokio::test]
async fn nobody_decides_on_their_own_post_report_or_appeal() {
    let app = spawn_app().await;
    let ana = app.browser_as("ana", Role::Moderator).await;
    let beto = app.browser_as("beto", Role::Moderator).await;
    let carla = app.browser_as("carla", Role::Moderator).await;
    let member = app.browser_as("miembro", Role::Member).await;
    let thread = ana
        .new_thread(
            "ciberseguridad",
            "Contraseñas en el Estado",
            "Un texto de ana",
        )
        .await;
    let own = first_post(&app, thread).await;
    let theirs = member.new_reply(thread, "Un texto del miembro", None).await;

    // Beto hides Ana's post; Ana may not restore it herself.
    assert_eq!(
        beto.moderate(own, "hide", &[("rule", "1"), ("reason", "off")])
            .await
            .status,
        303
    );
    let token = ana.csrf_token("/mod").await;
    let restore = ana
        .post_raw(
            &format!("/mod/posts/{own}/restore"),
            &[("csrf_token", &token), ("reason", "era mío")],
        )
        .await;
    assert_eq!(restore.status, 403, "nobody restores their own post");
    // Nor edit it while it is hidden.
    assert_eq!(ana.get(&format!("/p/{own}/edit")).await.status(), 403);

    // Ana appeals; she may not decide her own appeal, though she did not hide the post.
    let appeal = ana
        .submit(
            &format!("/t/{thread}"),
            &format!("/p/{own}/appeal"),
            &[("message", "Pido que se revise")],
        )
        .await;
    assert_eq!(appeal.status, 303, "{}", appeal.body);
    let (_, queue) = ana.get_html("/mod").await;
    let appeal_id = attr(&queue, "form[action$='/overturn']", "action");
    assert!(appeal_id.is_none(), "no decision buttons on her own appeal");
    let (_, queue) = carla.get_html("/mod").await;
    let action = attr(&queue, "form[action$='/overturn']", "action").unwrap();
    let own_overturn = ana
        .post_raw(&action, &[("csrf_token", &token), ("reason", "yo decido")])
        .await;
    assert_eq!(own_overturn.status, 403, "nobody decides their own appeal");
    assert_eq!(stored(&app, own).await.status, PostStatus::Hidden);

    // Carla reports the member's post; she may not then decide on it herself.
    assert_eq!(carla.report(theirs, "spam", "").await.status, 303);
    let (_, queue) = carla.get_html("/mod").await;
    let item = format!("#q{theirs} .notice");
    assert!(!texts(&queue, &item).is_empty(), "her own report is marked");
    let hide = carla.moderate(theirs, "hide", &[("rule", "1")]).await;
    assert_eq!(hide.status, 403, "nobody decides on their own report");
    // Another moderator may.
    assert_eq!(
        beto.moderate(theirs, "hide", &[("rule", "1")]).await.status,
        303
    );
}

#[tokio::test]
async fn edits_pass_the_same_gates_as_new_posts() {
    let app = spawn_app_with(|s| {
        s.moderation.new_member_review_posts = 1;
        s.limits.new_member_links_per_post = 2;
        s.limits.posts_per_member_per_minute = 4;
    })
    .await;
    app.sql("INSERT INTO site_settings (key, value) VALUES ('moderation.held_words', 'estafa')");
    let moderator = app.browser_as("moderadora", Role::Moderator).await;
    let nueva = app.browser_as("nueva", Role::Member).await;
    let thread = moderator
        .new_thread(
            "politicas-publicas",
            "Datos abiertos",
            "¿Qué datos publicar?",
        )
        .await;
    let reply = nueva
        .new_reply(thread, "Los presupuestos municipales.", None)
        .await;
    assert_eq!(stored(&app, reply).await.status, PostStatus::Pending);
    assert_eq!(moderator.moderate(reply, "approve", &[]).await.status, 303);
    assert!(visible(&app, thread, reply).await);

    // Ten links: refused like a new post would be, and nothing changes.
    let links: String = (0..10)
        .map(|n| format!("https://spam{n}.example "))
        .collect();
    let page = format!("/p/{reply}/edit");
    let spam = nueva.submit(&page, &page, &[("body", &links)]).await;
    assert_eq!(spam.status, 422, "the link limit applies to edits");
    assert_eq!(
        attr(&spam.html(), "#f-body", "aria-invalid").as_deref(),
        Some("true")
    );
    assert!(stored(&app, reply)
        .await
        .body_source
        .contains("presupuestos"));

    // A held word edited in sends the post back to review.
    let held = nueva
        .submit(
            &page,
            &page,
            &[("body", "Una estafa con los presupuestos.")],
        )
        .await;
    assert_eq!(held.status, 303, "{}", held.body);
    assert_eq!(stored(&app, reply).await.status, PostStatus::Pending);
    assert!(
        !visible(&app, thread, reply).await,
        "not shown until approved"
    );
    let (_, queue) = moderator.get_html("/mod").await;
    assert!(!texts(&queue, &format!("#q{reply}")).is_empty());
    let (_, found) = app.get_html("/search?q=estafa").await;
    assert!(texts(&found, ".results li").is_empty(), "not searchable");

    // Edits count in the posting limits (4 a minute here; the refused ones counted nothing).
    let mut statuses = Vec::new();
    for n in 0..4 {
        let a = nueva
            .submit(&page, &page, &[("body", &format!("Versión {n}"))])
            .await;
        statuses.push(a.status);
    }
    assert_eq!(statuses.last(), Some(&429), "{statuses:?}");
}

#[tokio::test]
async fn an_edit_never_lands_on_a_post_a_moderator_hid() {
    let app = spawn_app().await;
    let moderator = app.browser_as("moderador", Role::Moderator).await;
    let author = app.browser_as("autora", Role::Member).await;
    let thread = author
        .new_thread("ciberseguridad", "Incidentes", "Un hilo para carreras")
        .await;
    let mut landed_after_hide = 0;
    for n in 0..30 {
        let post = author
            .new_reply(thread, &format!("Original {n}"), None)
            .await;
        let page = format!("/p/{post}/edit");
        let token = author.csrf_token(&page).await;
        let mod_token = moderator.csrf_token("/mod").await;
        let body = format!("Editado {n}");
        let hide_url = format!("/mod/posts/{post}/hide");
        let edit_fields = [("csrf_token", token.as_str()), ("body", body.as_str())];
        let hide_fields = [("csrf_token", mod_token.as_str()), ("rule", "1")];
        let (edit, hide) = tokio::join!(
            author.post_raw(&page, &edit_fields),
            moderator.post_raw(&hide_url, &hide_fields),
        );
        assert_eq!(hide.status, 303, "{}", hide.body);
        assert!(matches!(edit.status, 303 | 403 | 409), "{}", edit.status);
        let row = stored(&app, post).await;
        assert_eq!(row.status, PostStatus::Hidden);
        let pool = app.server.clone().unwrap();
        let log_id = row.moderation_log_id.unwrap();
        let hidden_at = pool
            .run(move |c| Ok::<_, AppError>(tertulia::db::moderation::find_log(c, log_id)?))
            .await
            .unwrap()
            .unwrap()
            .created_at;
        if row.edited_at.is_some_and(|at| at > hidden_at) {
            landed_after_hide += 1;
        }
        if edit.status == 303 {
            assert!(row.body_source.contains("Editado"));
        } else {
            assert!(
                row.body_source.contains("Original"),
                "a refused edit changes nothing"
            );
        }
    }
    assert_eq!(landed_after_hide, 0, "edits that landed on a hidden post");
}

#[tokio::test]
async fn the_public_log_says_what_was_automatic_where_and_why() {
    let app = spawn_app().await;
    let author = app.browser_as("autor", Role::Member).await;
    let reporter = app.browser_as("lectora", Role::Member).await;
    let moderator = app.browser_as("moderadora", Role::Moderator).await;
    let thread = author
        .new_thread(
            "neutralidad-de-la-red",
            "Tarifa cero",
            "Un mensaje reportado",
        )
        .await;
    let post = first_post(&app, thread).await;
    assert_eq!(reporter.report(post, "child_safety", "").await.status, 303);

    let (_, log) = app.get_html("/modlog").await;
    let line = texts(&log, ".log li").remove(0);
    assert!(line.contains("automático"), "{line}");
    assert!(line.contains("seguridad infantil"), "{line}");
    assert!(
        line.contains("Neutralidad de la red"),
        "board by name: {line}"
    );
    assert!(!line.contains("child_safety") && !line.contains("una persona de moderación"));
    let (_, log_en) = app.get_html("/modlog?lang=en").await;
    let line = texts(&log_en, ".log li").remove(0);
    assert!(
        line.contains("automatic") && line.contains("Network neutrality"),
        "{line}"
    );

    // In the queue the automatic decision is confirmed (citing a rule) or undone.
    let (_, queue) = moderator.get_html("/mod?lang=es").await;
    let item = format!("#q{post}");
    let actions: Vec<String> = {
        let sel = scraper::Selector::parse(&format!("{item} form")).unwrap();
        queue
            .select(&sel)
            .map(|f| f.value().attr("action").unwrap().to_string())
            .collect()
    };
    assert!(
        actions.contains(&format!("/mod/posts/{post}/hide")),
        "{actions:?}"
    );
    assert!(
        actions.contains(&format!("/mod/posts/{post}/restore")),
        "{actions:?}"
    );
    let before = app.emails_now().len();
    let keep = moderator
        .moderate(
            post,
            "hide",
            &[("rule", "2"), ("reason", "imagen inapropiada")],
        )
        .await;
    assert_eq!(keep.status, 303, "{}", keep.body);
    app.email_to("autor@example.org", before).await;
    let (_, log) = app.get_html("/modlog?lang=es").await;
    let line = texts(&log, ".log li").remove(0);
    assert!(
        line.contains("Norma 2") && line.contains("imagen inapropiada"),
        "{line}"
    );
    assert!(attr(&log, ".log li a[href='/rules#rule-2']", "href").is_some());

    // The feed: every entry has an author and a summary.
    let feed = app
        .get("/modlog/feed.atom?lang=es")
        .await
        .text()
        .await
        .unwrap();
    let feed: atom_syndication::Feed = feed.parse().expect("a valid Atom feed");
    assert_eq!(feed.entries().len(), 2);
    for entry in feed.entries() {
        assert!(!entry.authors().is_empty(), "{}", entry.title().as_str());
        let summary = entry.summary().expect("a summary").as_str();
        assert!(summary.contains("Neutralidad de la red"), "{summary}");
    }
    let auto = &feed.entries()[1];
    assert_eq!(auto.authors()[0].name(), "automático");
    assert!(!auto.summary().unwrap().as_str().contains("child_safety"));
}

#[tokio::test]
async fn refused_moderation_and_admin_forms_keep_what_was_typed() {
    let app = spawn_app().await;
    let admin = app.browser_as("jefa", Role::Admin).await;
    let author = app.browser_as("autor", Role::Member).await;
    let thread = author
        .new_thread("educacion", "Becas", "Un mensaje cualquiera")
        .await;
    let post = first_post(&app, thread).await;

    // Hiding without a rule, from the thread page: the form comes back with the reason kept.
    let hide = admin
        .submit(
            &format!("/t/{thread}"),
            &format!("/mod/posts/{post}/hide"),
            &[("rule", ""), ("reason", "lenguaje ofensivo")],
        )
        .await;
    assert_eq!(hide.status, 422);
    let doc = hide.html();
    assert_eq!(
        attr(&doc, "#f-reason", "value").as_deref(),
        Some("lenguaje ofensivo")
    );
    assert_eq!(texts(&doc, "#f-rule-error").len(), 1);
    assert_eq!(
        attr(&doc, "#f-rule", "aria-describedby").as_deref(),
        Some("f-rule-error")
    );
    let again = format!("form[action='/mod/posts/{post}/hide']");
    assert_eq!(attr(&doc, &again, "method").as_deref(), Some("post"));

    // A suspension with a bad date, from the profile.
    let suspend = admin
        .submit(
            "/u/autor",
            "/mod/users/2/suspend",
            &[
                ("rule", "1"),
                ("reason", "insultos"),
                ("until", "31/12/2099"),
            ],
        )
        .await;
    assert_eq!(suspend.status, 422);
    let doc = suspend.html();
    assert_eq!(
        attr(&doc, "#f-reason", "value").as_deref(),
        Some("insultos")
    );
    assert_eq!(
        attr(&doc, "#f-until", "value").as_deref(),
        Some("31/12/2099")
    );
    assert_eq!(texts(&doc, "#f-until-error").len(), 1);
    assert_eq!(
        attr(&doc, "#f-rule option[selected]", "value").as_deref(),
        Some("1")
    );

    // A typo in a board's position is a field error, not a silent 0.
    let board = admin
        .submit(
            "/admin",
            "/admin/boards",
            &[
                ("slug", "educacion"),
                ("name_es", "Educación y escuelas"),
                ("name_en", "Education"),
                ("description_es", ""),
                ("description_en", ""),
                ("position", "3a"),
            ],
        )
        .await;
    assert_eq!(board.status, 422);
    let doc = board.html();
    assert_eq!(texts(&doc, "#f-position-error").len(), 1);
    assert_eq!(attr(&doc, "#f-position", "value").as_deref(), Some("3a"));
    assert_eq!(
        attr(&doc, "#f-name_es", "value").as_deref(),
        Some("Educación y escuelas")
    );
    let (_, home) = app.home().await;
    assert!(
        !home.html().contains("Educación y escuelas"),
        "nothing was saved"
    );

    // An unknown moderator and a bad setting, likewise.
    let appoint = admin
        .submit(
            "/admin",
            "/admin/moderators",
            &[("username", "nadie"), ("board", "educacion")],
        )
        .await;
    assert_eq!(appoint.status, 422);
    let doc = appoint.html();
    assert_eq!(attr(&doc, "#f-username", "value").as_deref(), Some("nadie"));
    assert_eq!(texts(&doc, "#f-username-error").len(), 1);
    assert_eq!(
        attr(&doc, "#f-board option[selected]", "value").as_deref(),
        Some("educacion")
    );
}

#[tokio::test]
async fn deleting_a_post_asks_first_and_works_without_javascript() {
    let app = spawn_app().await;
    let author = app.browser_as("autora", Role::Member).await;
    let thread = author
        .new_thread("blockchain", "Registros públicos", "Primer mensaje")
        .await;
    let reply = author
        .new_reply(thread, "Un mensaje que borraré", None)
        .await;
    let (_, doc) = author.get_html(&format!("/t/{thread}")).await;
    assert_eq!(
        attr(&doc, &format!("#p{reply} a.delete"), "href"),
        Some(format!("/p/{reply}/delete")),
        "the thread links to a confirmation, not a one-tap button"
    );
    assert!(attr(&doc, "form[action$='/delete']", "action").is_none());
    let page = format!("/p/{reply}/delete");
    let (status, confirm) = author.get_html(&page).await;
    assert_eq!(status, 200);
    assert!(texts(&confirm, ".glimpse .body")[0].contains("borraré"));
    assert_eq!(
        attr(
            &confirm,
            "form[action$='/delete'] input[name=confirm]",
            "value"
        )
        .as_deref(),
        Some("1")
    );
    // A POST that skipped the page asks first and deletes nothing.
    let token = author.csrf_token(&page).await;
    let skipped = author.post_raw(&page, &[("csrf_token", &token)]).await;
    assert_eq!(skipped.status, 303);
    assert_eq!(skipped.location.as_deref(), Some(page.as_str()));
    assert_eq!(stored(&app, reply).await.status, PostStatus::Published);
    let stranger = app.browser_as("extrana", Role::Member).await;
    assert_eq!(stranger.get(&page).await.status(), 403);
    assert_eq!(author.delete_post(reply).await.status, 303);
    assert_eq!(stored(&app, reply).await.status, PostStatus::Deleted);
}
