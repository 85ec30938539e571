//! Visitors without a session get cached pages, revalidated with ETag, never stale.

use crate::helpers::{spawn_app, spawn_app_with, texts, PASSWORD};

#[tokio::test]
async fn cached_pages_revalidate_and_follow_every_write_on_every_instance() {
    let app = spawn_app().await;
    app.member("ana").await;
    let thread = app
        .new_thread("educacion", "Un hilo muy leído", "Primer mensaje")
        .await;
    let other = app.second_instance().await;
    let visitor = other.other_browser();
    let path = format!("/t/{thread}");

    let first = visitor.get(&path).await;
    let etag = first.headers()["etag"].to_str().unwrap().to_string();
    let second = visitor.get(&path).await;
    assert_eq!(
        second.headers()["etag"].to_str().unwrap(),
        etag,
        "served from the cache"
    );
    let revalidated = visitor
        .client
        .get(format!("{}{path}", visitor.address))
        .header("If-None-Match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(revalidated.status(), 304);
    assert!(revalidated.bytes().await.unwrap().is_empty());

    // A reply through the first instance shows at once on the second.
    app.new_reply(thread, "Respuesta nueva", None).await;
    let (_, doc) = visitor.get_html(&path).await;
    assert_eq!(texts(&doc, ".post").len(), 2, "no stale page after a write");
    let after = visitor.get(&path).await;
    assert_ne!(after.headers()["etag"].to_str().unwrap(), etag);

    // Logged-in members are never served from the cache.
    let (_, doc) = app.get_html(&path).await;
    assert!(!texts(&doc, "#reply textarea").is_empty());
}

#[tokio::test]
async fn a_page_with_a_form_token_is_never_shared_between_visitors() {
    let app = spawn_app().await;
    app.member("ana").await;
    let first = app.other_browser();
    for _ in 0..3 {
        assert_eq!(first.get("/login").await.status(), 200);
    }
    let second = app.other_browser();
    assert_eq!(second.login("ana", PASSWORD).await.status, 303);
}

#[tokio::test]
async fn writes_no_visitor_can_see_leave_every_cached_page_alone() {
    let app = spawn_app().await;
    app.member("ana").await;
    let thread = app
        .new_thread("educacion", "Un hilo muy leído", "Primer mensaje")
        .await;
    let version = || tertulia::db::content_version(&mut app.direct()).unwrap();

    // Failed and successful logins, a watch and a password change are the member's alone:
    // on a busy site they would otherwise empty every instance's cache all day.
    let before = version();
    let guesser = app.other_browser();
    for _ in 0..3 {
        assert_eq!(guesser.login("ana", "no es la clave").await.status, 422);
    }
    let second = app.other_browser();
    assert_eq!(second.login("ana", PASSWORD).await.status, 303);
    let watch = second
        .submit(&format!("/t/{thread}"), &format!("/t/{thread}/watch"), &[])
        .await;
    assert_eq!(watch.status, 303, "{}", watch.body);
    assert_eq!(version(), before, "nothing a visitor sees changed");

    // A reply changes what visitors see: the version moves once it is committed.
    app.new_reply(thread, "Respuesta nueva", None).await;
    assert!(version() > before, "a reply moves the content version");
}

/// Every value of `attribute` on elements matching `selector`, in page order.
fn all_attrs(doc: &scraper::Html, selector: &str, attribute: &str) -> Vec<String> {
    let sel = scraper::Selector::parse(selector).unwrap();
    doc.select(&sel)
        .filter_map(|e| e.value().attr(attribute).map(str::to_string))
        .collect()
}

/// What one member's thread page offers them.
struct Offered {
    tokens: std::collections::BTreeSet<String>,
    edits: Vec<String>,
    supports: Vec<String>,
    hides: Vec<String>,
    appeals: Vec<String>,
    folded: usize,
    unread_badge: bool,
    text: String,
}

async fn offered(member: &crate::helpers::TestApp, path: &str) -> Offered {
    let (status, doc) = member.get_html(path).await;
    assert_eq!(status, 200);
    Offered {
        tokens: all_attrs(&doc, "input[name=csrf_token]", "value")
            .into_iter()
            .collect(),
        edits: all_attrs(&doc, ".post-actions a[href$='/edit']", "href"),
        supports: all_attrs(&doc, "form.support", "action"),
        hides: all_attrs(&doc, "form[action^='/mod/posts/']", "action"),
        appeals: all_attrs(&doc, "form[action$='/appeal']", "action"),
        folded: texts(&doc, "details.ignored").len(),
        unread_badge: !texts(&doc, "a.unread[href='/notifications']").is_empty(),
        text: texts(&doc, ".posts").join(" "),
    }
}

#[tokio::test]
async fn members_share_rendered_posts_but_never_each_other_s_tokens_actions_or_unread_state() {
    use tertulia::domain::Role;
    let app = spawn_app().await;
    let ana = app.browser_as("ana", Role::Member).await;
    let luis = app.browser_as("luis", Role::Member).await;
    let moderator = app.browser_as("modera", Role::Moderator).await;
    let thread = ana
        .new_thread("educacion", "Lo que cada quien ve", "Texto de Ana")
        .await;
    let opening = format!("/p/{}", thread_first_post(&ana, thread).await);
    let reply = luis.new_reply(thread, "Texto de Luis", None).await;
    let reply = format!("/p/{reply}");
    let path = format!("/t/{thread}");
    assert!(home_badge(&ana).await, "Luis's reply is news to Ana");
    assert!(!home_badge(&luis).await);

    // What is new on the board is each one's own, however often the rows are kept.
    for _ in 0..2 {
        let news = |doc: &scraper::Html| {
            (
                all_attrs(doc, "a.tag.new", "href"),
                texts(doc, "span.tag.new").len(),
            )
        };
        let (_, a) = ana.get_html("/b/educacion").await;
        let (_, l) = luis.get_html("/b/educacion").await;
        let (_, m) = moderator.get_html("/b/educacion").await;
        assert_eq!(
            news(&a),
            (vec![format!("{path}/unread")], 0),
            "one new reply"
        );
        assert_eq!(news(&l), (vec![], 0), "his own reply is not news");
        assert_eq!(news(&m), (vec![], 1), "never opened");
    }

    // Each looks twice: the second page is made of kept posts.
    for _ in 0..2 {
        let (a, l, m) = (
            offered(&ana, &path).await,
            offered(&luis, &path).await,
            offered(&moderator, &path).await,
        );
        for (who, seen) in [("ana", &a), ("luis", &l), ("moderator", &m)] {
            assert_eq!(seen.tokens.len(), 1, "{who} sees one token, their own");
        }
        assert!(a.tokens.is_disjoint(&l.tokens) && l.tokens.is_disjoint(&m.tokens));
        assert_eq!(a.edits, [format!("{opening}/edit")]);
        assert_eq!(l.edits, [format!("{reply}/edit")]);
        assert_eq!(
            m.edits,
            [format!("{opening}/edit"), format!("{reply}/edit")]
        );
        assert_eq!(a.supports, [format!("{reply}/support")]);
        assert_eq!(l.supports, [format!("{opening}/support")]);
        assert!(a.hides.is_empty() && l.hides.is_empty());
        assert_eq!(m.hides.len(), 2, "the moderator may hide both");
        assert!(!l.unread_badge && !m.unread_badge);
    }
    assert!(
        !home_badge(&ana).await,
        "reading the thread read Luis's reply"
    );

    // Every write shows at once, to each as they should see it.
    assert_eq!(
        ana.submit(&path, &format!("{reply}/support"), &[])
            .await
            .status,
        303
    );
    let edit = luis
        .submit(
            &format!("{reply}/edit"),
            &format!("{reply}/edit"),
            &[("body", "Luis corrige")],
        )
        .await;
    assert_eq!(edit.status, 303, "{}", edit.body);
    let (a, l) = (offered(&ana, &path).await, offered(&luis, &path).await);
    assert!(a.text.contains("Luis corrige") && !a.text.contains("Texto de Luis"));
    assert_eq!(
        a.supports,
        [format!("{reply}/unsupport")],
        "Ana's support is hers"
    );
    assert_eq!(l.supports, [format!("{opening}/support")]);
    assert!(
        l.text.contains("1"),
        "the count shows to Luis too: {}",
        l.text
    );

    assert_eq!(
        luis.submit("/u/ana", "/u/ana/ignore", &[]).await.status,
        303
    );
    assert_eq!(
        offered(&luis, &path).await.folded,
        1,
        "Luis folds Ana's post"
    );
    assert_eq!(offered(&ana, &path).await.folded, 0);

    let hide = moderator
        .submit(
            &path,
            &format!("/mod/posts/{}/hide", &opening[3..]),
            &[("rule", "1")],
        )
        .await;
    assert_eq!(hide.status, 303, "{}", hide.body);
    let (a, l) = (offered(&ana, &path).await, offered(&luis, &path).await);
    assert_eq!(a.appeals, [format!("{opening}/appeal")], "Ana may appeal");
    assert!(l.appeals.is_empty(), "Luis may not appeal Ana's removal");
    assert!(!a.text.contains("Texto de Ana") && !l.text.contains("Texto de Ana"));
}

async fn thread_first_post(member: &crate::helpers::TestApp, thread: i64) -> i64 {
    let (_, doc) = member.get_html(&format!("/t/{thread}")).await;
    all_attrs(&doc, "li.post", "id")[0][1..].parse().unwrap()
}

async fn home_badge(member: &crate::helpers::TestApp) -> bool {
    let (_, doc) = member.home().await;
    !texts(&doc, "a.unread[href='/notifications']").is_empty()
}

#[tokio::test]
async fn members_see_a_kept_home_page_and_board_list_that_follow_every_write_on_every_instance() {
    use tertulia::domain::Role;
    let app = spawn_app().await;
    let ana = app.browser_as("ana", Role::Member).await;
    let luis = app.browser_as("luis", Role::Member).await;
    let activity = |doc: &scraper::Html| texts(doc, ".activity li a");
    let first = ana
        .new_thread("educacion", "Primer hilo de la portada", "Texto")
        .await;
    // Both look twice: the second home page's content is the kept one.
    for _ in 0..2 {
        let (_, a) = ana.get_html("/").await;
        let (_, l) = luis.get_html("/").await;
        assert_eq!(activity(&a), ["Primer hilo de la portada"]);
        assert_eq!(activity(&a), activity(&l));
    }
    // Each member's own header around the shared content.
    let (_, a) = ana.get_html("/").await;
    assert!(a.html().contains("ana"), "her own name in the header");
    // A write shows at once, here and on another instance that kept the old content too.
    let other = app.second_instance().await;
    let pedro = other.browser_as("pedro", Role::Member).await;
    let (_, before) = pedro.get_html("/").await;
    assert_eq!(activity(&before), ["Primer hilo de la portada"]);
    luis.new_thread("educacion", "Segundo hilo de la portada", "Texto")
        .await;
    let (_, a) = ana.get_html("/").await;
    assert_eq!(
        activity(&a),
        ["Segundo hilo de la portada", "Primer hilo de la portada"]
    );
    let (_, o) = pedro.get_html("/").await;
    assert_eq!(activity(&o), activity(&a));
    // The board's list is kept the same way, and follows too.
    let listed = |doc: &scraper::Html| texts(doc, "tr.thread td.topic h3 > a");
    for _ in 0..2 {
        let (_, board) = pedro.get_html("/b/educacion").await;
        assert_eq!(
            listed(&board),
            ["Segundo hilo de la portada", "Primer hilo de la portada"]
        );
    }
    ana.new_reply(first, "Una respuesta", None).await;
    let (_, l) = luis.get_html("/").await;
    assert_eq!(
        activity(&l),
        ["Primer hilo de la portada", "Segundo hilo de la portada"]
    );
    let (_, board) = pedro.get_html("/b/educacion").await;
    assert_eq!(
        listed(&board),
        ["Primer hilo de la portada", "Segundo hilo de la portada"]
    );
}

#[tokio::test]
async fn a_kept_thread_page_shows_held_posts_to_their_author_and_moderators_alone() {
    use tertulia::domain::Role;
    let app = spawn_app_with(|s| s.moderation.new_member_review_posts = 1).await;
    let moderator = app.browser_as("modera", Role::Moderator).await;
    let luis = app.browser_as("luis", Role::Member).await;
    let nuevo = app.other_browser();
    nuevo.member("nuevo").await;
    let thread = moderator
        .new_thread(
            "educacion",
            "Un hilo que todos leen",
            "Texto de la moderadora",
        )
        .await;
    let path = format!("/t/{thread}");
    let posts = |doc: &scraper::Html| all_attrs(doc, "li.post", "id").len();
    // Luis looks twice: the second page is the kept one.
    for _ in 0..2 {
        let (_, l) = luis.get_html(&path).await;
        assert_eq!(posts(&l), 1);
    }
    let other = app.second_instance().await;
    let pedro = other.browser_as("pedro", Role::Member).await;
    let (_, p) = pedro.get_html(&path).await;
    assert_eq!(posts(&p), 1);

    // A held reply: its author and the moderator see it at once, the others never.
    let replied = nuevo.reply(thread, "Mi respuesta espera", None).await;
    assert_eq!(replied.status, 303);
    for _ in 0..2 {
        let (_, n) = nuevo.get_html(&path).await;
        assert_eq!(posts(&n), 2, "the author sees their held reply");
        assert!(texts(&n, ".posts")
            .join(" ")
            .contains("Mi respuesta espera"));
        let (_, m) = moderator.get_html(&path).await;
        assert_eq!(posts(&m), 2, "the moderator sees it to approve it");
        let (_, l) = luis.get_html(&path).await;
        assert_eq!(posts(&l), 1, "Luis does not");
        assert!(!texts(&l, ".posts")
            .join(" ")
            .contains("Mi respuesta espera"));
        let (_, p) = pedro.get_html(&path).await;
        assert_eq!(posts(&p), 1, "nor does Pedro on the other instance");
    }

    // Approved, it shows to everyone on every instance at once.
    let held: i64 = {
        let (_, m) = moderator.get_html(&path).await;
        all_attrs(&m, "li.post", "id")[1][1..].parse().unwrap()
    };
    assert_eq!(moderator.moderate(held, "approve", &[]).await.status, 303);
    let (_, p) = pedro.get_html(&path).await;
    assert_eq!(posts(&p), 2);
    let (_, l) = luis.get_html(&path).await;
    assert!(texts(&l, ".posts")
        .join(" ")
        .contains("Mi respuesta espera"));
}
