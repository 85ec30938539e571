//! The stories, each with JavaScript off and then on.

use anyhow::{ensure, Context, Result};
use tertulia::domain::Role;

use crate::driver::{Browser, Driver, Js, Scheme};
use crate::helpers::{spawn_app, TestApp, PASSWORD};

/// Logs in through the login form.
pub async fn log_in(b: &Browser, username: &str) -> Result<()> {
    b.step(&format!("log in as {username}"));
    b.goto("/login").await?;
    b.fill("#f-login", username).await?;
    b.fill("#f-password", PASSWORD).await?;
    b.submit("main form button[type=submit]").await?;
    let me = b.texts(".account .me").await?;
    ensure!(me == [username], "the header names {username}: {me:?}");
    Ok(())
}

/// The number of posts on the thread page now shown.
async fn post_count(b: &Browser) -> Result<usize> {
    Ok(b.texts(".post").await?.len())
}

async fn citizen(b: &Browser, app: &TestApp) -> Result<()> {
    let name = if b.js == Js::On {
        "ciudadana"
    } else {
        "ciudadano"
    };
    b.step("register");
    b.goto("/register").await?;
    let scripts_ran = !b.texts("html[data-js]").await?.is_empty();
    ensure!(scripts_ran == (b.js == Js::On), "JavaScript is {:?}", b.js);
    b.fill("#f-username", name).await?;
    b.fill("#f-email", &format!("{name}@example.org")).await?;
    b.fill("#f-password", PASSWORD).await?;
    let before = app.emails_now().len();
    b.submit("main form button[type=submit]").await?;
    ensure!(b.path().await? == "/register/sent", "{}", b.path().await?);

    b.step("verify");
    let mail = app
        .emails(before + 1)
        .await
        .pop()
        .context("a verification email")?;
    b.goto(&mail.link(&format!("{}/verify/", app.address)))
        .await?;
    ensure!(
        !b.texts(".flash").await?.is_empty(),
        "the address is confirmed"
    );
    log_in(b, name).await?;

    b.step("open a thread");
    b.goto("/b/educacion/new").await?;
    let title = format!("Internet en la escuela de {name}");
    b.fill("#f-title", &title).await?;
    b.fill("#f-body", "¿Cuántas escuelas tienen conexión?")
        .await?;
    b.submit("main form button[type=submit]").await?;
    ensure!(b.path().await?.starts_with("/t/"), "{}", b.path().await?);
    ensure!(b.texts("h1").await? == [title.as_str()]);
    ensure!(post_count(b).await? == 1);

    b.step("reply");
    b.fill("#f-body", "Y cuántas tienen docentes formados.")
        .await?;
    b.submit("#reply button[type=submit]").await?;
    ensure!(post_count(b).await? == 2, "the reply shows");
    let bodies = b.texts(".post .body").await?;
    ensure!(
        bodies[1] == "Y cuántas tienen docentes formados.",
        "{bodies:?}"
    );
    Ok(())
}

async fn moderator(b: &Browser, app: &TestApp) -> Result<()> {
    let mode = b.js.name();
    let moderator = format!("moderadora{mode}");
    app.make_user(&moderator, Role::Moderator).await;
    let author = app.browser_as(&format!("autor{mode}"), Role::Member).await;
    let reader = app
        .browser_as(&format!("lectora{mode}"), Role::Member)
        .await;
    let thread = author
        .new_thread("educacion", "Planes de datos", "¿Qué plan conviene?")
        .await;
    let flagged = author
        .new_reply(thread, "Compren mi plan milagroso.", None)
        .await;
    let flag = reader.report(flagged, "spam", "").await;
    ensure!(flag.status == 303);
    app.sql(
        "INSERT INTO site_settings (key, value) VALUES ('moderation.held_words', 'casino') \
         ON CONFLICT (key) DO NOTHING",
    );
    let pending = author
        .new_reply(thread, "El casino también da datos.", None)
        .await;
    log_in(b, &moderator).await?;

    b.step("approve the pending post");
    b.goto("/mod").await?;
    b.submit(&format!(
        "form[action='/mod/posts/{pending}/approve'] button"
    ))
    .await?;
    ensure!(
        !b.texts(".flash").await?.is_empty(),
        "a message confirms it"
    );

    b.step("hide the flagged post");
    b.goto("/mod").await?;
    let form = format!("form[action='/mod/posts/{flagged}/hide']");
    b.choose(&format!("{form} select[name=rule]"), "1").await?;
    b.fill(&format!("{form} input[name=reason]"), "Publicidad")
        .await?;
    b.submit(&format!("{form} button")).await?;
    ensure!(
        !b.texts(".flash").await?.is_empty(),
        "a message confirms it"
    );

    b.step("the visitor sees both decisions");
    let (_, doc) = app.other_browser().get_html(&format!("/t/{thread}")).await;
    let text = doc.root_element().text().collect::<String>();
    ensure!(
        text.contains("El casino también da datos."),
        "approved post shows"
    );
    ensure!(!text.contains("Compren mi plan"), "hidden post is gone");
    Ok(())
}

async fn subscriber(b: &Browser, app: &TestApp) -> Result<()> {
    let email = format!("vecina-{}@example.org", b.js.name());
    b.step("subscribe");
    b.goto("/subscribe").await?;
    b.fill("#f-email", &email).await?;
    b.click("input[name=boards][value=educacion]").await?;
    b.click("input[name=frequency][value=weekly]").await?;
    let before = app.emails_now().len();
    b.submit("main form button[type=submit]").await?;
    ensure!(b.path().await? == "/subscribe/sent", "{}", b.path().await?);

    b.step("confirm");
    let mail = app
        .emails(before + 1)
        .await
        .pop()
        .context("a confirmation email")?;
    ensure!(mail.to == email);
    b.goto(&mail.link(&format!("{}/subscribe/confirm/", app.address)))
        .await?;
    b.submit("a.unsubscribe").await?;

    b.step("unsubscribe");
    b.submit("main form button[type=submit]").await?;
    ensure!(
        b.texts("main [role=status]").await?.len() == 1,
        "unsubscribed"
    );
    Ok(())
}

async fn mentioned(b: &Browser, app: &TestApp) -> Result<()> {
    let mode = b.js.name();
    let reader = format!("lectora{mode}");
    app.make_user(&reader, Role::Member).await;
    let author = app.browser_as(&format!("autora{mode}"), Role::Member).await;
    let thread = author
        .new_thread(
            "educacion",
            "Datos abiertos municipales",
            "¿Quién publica qué?",
        )
        .await;
    let mention = author
        .new_reply(
            thread,
            &format!("@{reader}, ¿usted sabe si su municipio publica el presupuesto?"),
            None,
        )
        .await;
    log_in(b, &reader).await?;

    b.step("the header counts the mention");
    let counter = ".account a[href='/notifications']";
    ensure!(
        b.texts(counter).await? == ["Notificaciones (1)"],
        "{:?}",
        b.texts(counter).await?
    );

    b.step("open the notification");
    b.goto("/notifications").await?;
    let listed = b.texts(".notifications li a").await?;
    ensure!(
        listed
            == [format!(
                "autora{mode} le mencionó en «Datos abiertos municipales»"
            )],
        "{listed:?}"
    );
    b.submit(".notifications li a").await?;
    let path = b.path().await?;
    ensure!(path == format!("/t/{thread}"), "{path}");
    ensure!(
        b.texts(counter).await? == ["Notificaciones"],
        "read by viewing the thread"
    );

    b.step("quote and reply");
    b.submit(&format!("#p{mention} a[href*='quote=1']")).await?;
    let prefilled = b.value("#f-body").await?;
    ensure!(
        prefilled.starts_with(&format!("autora{mode} escribió:")) && prefilled.contains("> @"),
        "{prefilled}"
    );
    let answer = format!("{prefilled}\nSí: cada trimestre, en su portal.");
    b.fill("#f-body", &answer).await?;
    b.submit("#reply button[type=submit]").await?;
    ensure!(post_count(b).await? == 3, "the reply shows");
    ensure!(
        !b.texts(".post .body blockquote").await?.is_empty(),
        "the reply quotes"
    );
    let (_, doc) = author.get_html("/notifications").await;
    let told = crate::helpers::texts(&doc, ".notifications li a");
    ensure!(
        told.first().map(String::as_str)
            == Some(format!("{reader} citó su mensaje en «Datos abiertos municipales»").as_str()),
        "{told:?}"
    );
    Ok(())
}

async fn searcher(b: &Browser, app: &TestApp) -> Result<()> {
    if b.js == Js::Off {
        app.member("lucia").await;
        let t = app
            .new_thread(
                "educacion",
                "Neutralidad de la red en las escuelas",
                "¿La neutralidad protege a las escuelas rurales?",
            )
            .await;
        app.new_reply(t, "La neutralidad importa en el aula.", None)
            .await;
        app.new_thread(
            "ciberseguridad",
            "Ciberseguridad municipal",
            "Los municipios también hablan de neutralidad.",
        )
        .await;
    }
    b.step("search by relevance");
    b.goto("/search?lang=es").await?;
    b.fill("#f-q", "neutralidad").await?;
    b.submit("main form button[type=submit]").await?;
    let titles = b.texts(".results h2 a").await?;
    ensure!(
        titles
            == [
                "Neutralidad de la red en las escuelas",
                "Ciberseguridad municipal"
            ],
        "one result per thread, the best first: {titles:?}"
    );
    let count = b.texts(".count").await?;
    ensure!(
        count == ["2 hilos con 3 mensajes que coinciden"],
        "{count:?}"
    );

    b.step("sort by date");
    b.choose("#f-sort", "date").await?;
    b.submit("main form button[type=submit]").await?;
    let titles = b.texts(".results h2 a").await?;
    ensure!(
        titles
            == [
                "Ciberseguridad municipal",
                "Neutralidad de la red en las escuelas"
            ],
        "newest first: {titles:?}"
    );

    b.step("open the first matching post");
    b.submit(".results li:nth-child(2) h2 a").await?;
    let path = b.path().await?;
    ensure!(path.starts_with("/t/"), "{path}");
    ensure!(b.texts("h1").await? == ["Neutralidad de la red en las escuelas"]);
    Ok(())
}

/// Runs one story in both modes on a fresh server; a failed step leaves a screenshot.
async fn both_ways<F>(test: &str, story: F)
where
    F: for<'a> Fn(&'a Browser, &'a TestApp) -> futures::future::BoxFuture<'a, Result<()>>,
{
    crate::init();
    let Some(driver) = Driver::find() else { return };
    let app = spawn_app().await;
    for js in [Js::Off, Js::On] {
        let b = Browser::open(&driver, &app.address, test, js, Scheme::Light).await;
        let result = story(&b, &app).await;
        b.finish(test, result).await;
    }
}

#[tokio::test]
async fn citizen_registers_verifies_opens_a_thread_and_replies() {
    both_ways("citizen", |b, app| Box::pin(citizen(b, app))).await;
}

#[tokio::test]
async fn moderator_approves_a_pending_post_and_hides_a_flagged_one() {
    both_ways("moderator", |b, app| Box::pin(moderator(b, app))).await;
}

#[tokio::test]
async fn visitor_subscribes_by_email_and_unsubscribes() {
    both_ways("subscriber", |b, app| Box::pin(subscriber(b, app))).await;
}

#[tokio::test]
async fn member_is_mentioned_opens_the_notification_and_quotes_in_reply() {
    both_ways("mentioned", |b, app| Box::pin(mentioned(b, app))).await;
}

#[tokio::test]
async fn visitor_searches_and_finds_threads_grouped_with_their_matches() {
    both_ways("searcher", |b, app| Box::pin(searcher(b, app))).await;
}

/// A moderator opens a consultation, two members of different sectors contribute, and the
/// moderator publishes the synthesis once it has closed: three browsers, JavaScript off and on.
#[tokio::test]
async fn moderator_opens_a_consultation_members_contribute_and_the_synthesis_is_published() {
    crate::init();
    let Some(driver) = Driver::find() else { return };
    let app = spawn_app().await;
    app.make_user("moderadora", Role::Moderator).await;
    app.make_user("ana", Role::Member).await;
    app.make_user("luis", Role::Member).await;
    app.sql(
        "UPDATE users SET stakeholder = 'civil_society', organization = 'Fundación Acceso' \
         WHERE username = 'ana'; UPDATE users SET stakeholder = 'government' WHERE username = 'luis'",
    );
    for js in [Js::Off, Js::On] {
        let test = "consultation";
        let m = Browser::open(
            &driver,
            &app.address,
            &format!("{test}-moderator"),
            js,
            Scheme::Light,
        )
        .await;
        let ana = Browser::open(
            &driver,
            &app.address,
            &format!("{test}-ana"),
            js,
            Scheme::Light,
        )
        .await;
        let luis = Browser::open(
            &driver,
            &app.address,
            &format!("{test}-luis"),
            js,
            Scheme::Light,
        )
        .await;
        let title = format!("Ley de ciberdelitos ({})", js.name());
        let opened = open_consultation(&m, &title).await;
        let result = match opened {
            Ok(path) => {
                async {
                    contribute(
                        &ana,
                        "ana",
                        &path,
                        "proposal",
                        "Proteger a quien investiga.",
                        "Propuesta",
                    )
                    .await?;
                    contribute(
                        &luis,
                        "luis",
                        &path,
                        "objection",
                        "El artículo 3 es muy amplio.",
                        "Objeción",
                    )
                    .await?;
                    let id: i64 = path.trim_start_matches("/t/").parse()?;
                    // Its last day ends.
                    let yesterday = (chrono::Utc::now() - chrono::TimeDelta::days(2)).date_naive();
                    app.sql(&format!(
                    "UPDATE consultations SET opens_on = '{yesterday}', closes_on = '{yesterday}' \
                     WHERE thread_id = {id}"
                ));
                    publish_synthesis(&m, &path).await?;
                    ana.step("told of the synthesis");
                    ana.goto("/notifications").await?;
                    let told = ana.texts("main li a").await?;
                    ensure!(told.iter().any(|t| t.contains("síntesis")), "{told:?}");
                    Ok::<(), anyhow::Error>(())
                }
                .await
            }
            Err(e) => Err(e),
        };
        let failed = result.is_err();
        m.finish(test, result).await;
        if !failed {
            ana.finish(test, Ok(())).await;
            luis.finish(test, Ok(())).await;
        }
    }
}

async fn open_consultation(m: &Browser, title: &str) -> Result<String> {
    log_in(m, "moderadora").await?;
    m.step("open a consultation");
    m.goto("/consultations/new?lang=es").await?;
    m.choose("#f-board", "ciberseguridad").await?;
    m.fill("#f-title", title).await?;
    m.fill("#f-question", "¿Qué debe decir la ley de ciberdelitos?")
        .await?;
    // The opening day comes filled in (today).
    let closes = (chrono::Utc::now() + chrono::TimeDelta::days(5)).date_naive();
    m.fill("#f-closes_at", &closes.to_string()).await?;
    m.submit("main form button[type=submit]").await?;
    let path = m.path().await?;
    ensure!(path.starts_with("/t/"), "{path}");
    let phase = m.texts(".consultation .phase").await?;
    ensure!(phase == ["Abierta"], "{phase:?}");
    Ok(path)
}

async fn contribute(
    b: &Browser,
    who: &str,
    path: &str,
    kind: &str,
    body: &str,
    shown: &str,
) -> Result<()> {
    log_in(b, who).await?;
    b.step(&format!("{who} contributes"));
    b.goto(&format!("{path}?lang=es")).await?;
    b.choose("#f-kind", kind).await?;
    b.fill("#f-body", body).await?;
    b.submit("#reply button[type=submit]").await?;
    let kinds = b.texts(".post .kind").await?;
    ensure!(kinds.last().map(String::as_str) == Some(shown), "{kinds:?}");
    Ok(())
}

async fn publish_synthesis(m: &Browser, path: &str) -> Result<()> {
    m.step("publish the synthesis");
    m.goto(path).await?;
    let counts = m.texts(".consultation .counts h3").await?;
    ensure!(counts == ["2 aportes"], "{counts:?}");
    m.click("details.mod-tools summary").await?;
    m.fill(
        "#f-synthesis",
        "Hubo acuerdo en proteger la investigación de seguridad.",
    )
    .await?;
    m.click("#f-publish").await?;
    m.submit("details.mod-tools button[type=submit]").await?;
    let heading = m.texts("#synthesis h3").await?;
    ensure!(heading == ["Síntesis"], "{heading:?}");
    Ok(())
}
