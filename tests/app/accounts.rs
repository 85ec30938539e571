//! A citizen registers, confirms the address, logs in and out.

use crate::helpers::{attr, spawn_app, spawn_app_with, texts, PASSWORD};
use crate::mail::SmtpSink;
use tertulia::config::MailTransport;

#[tokio::test]
async fn register_confirm_login_and_logout_with_the_file_transport() {
    let app = spawn_app().await;
    let answer = app
        .register("María_José", "Maria.Jose@Example.org", PASSWORD)
        .await;
    assert_eq!(answer.status, 303);
    assert_eq!(answer.location.as_deref(), Some("/register/sent"));
    let (status, doc) = app.get_html("/register/sent").await;
    assert_eq!(status, 200);
    assert_eq!(texts(&doc, "h1"), ["Revise su correo"]);

    let mail = app.emails(1).await.remove(0);
    assert_eq!(mail.to, "maria.jose@example.org");
    assert_eq!(mail.subject, "Confirme su correo en Tertulia");
    assert!(mail.text.contains("Hola, María_José:"), "{}", mail.text);
    let link = mail.link(&format!("{}/verify/", app.address));
    assert!(
        mail.html.contains(&link),
        "the HTML part carries the same link"
    );
    assert!(mail.raw.contains("multipart/alternative"));

    // Before confirming, the member can log in and sees the banner with "resend".
    assert_eq!(app.login("maría_josé", PASSWORD).await.status, 303);
    let (_, doc) = app.home().await;
    assert_eq!(texts(&doc, ".banner button"), ["Reenviar el enlace"]);
    assert_eq!(app.logged_in_as().await.as_deref(), Some("María_José"));

    let res = app.get(&link[app.address.len()..]).await;
    assert_eq!(res.status(), 303);
    let (_, doc) = app.home().await;
    assert_eq!(
        texts(&doc, ".flash"),
        ["¡Listo! Su dirección de correo quedó confirmada."]
    );
    assert!(texts(&doc, ".banner").is_empty(), "no banner once verified");

    // The link works once.
    assert_eq!(app.get(&link[app.address.len()..]).await.status(), 410);

    let out = app.logout().await;
    assert_eq!(out.status, 303);
    assert_eq!(app.logged_in_as().await, None);
    let (_, doc) = app.home().await;
    assert_eq!(
        attr(&doc, ".account a[href='/login']", "href").as_deref(),
        Some("/login")
    );

    // Logging in by email works too, and the profile is public.
    assert_eq!(
        app.login("maria.jose@example.org", PASSWORD).await.status,
        303
    );
    let (status, doc) = app.get_html("/u/mar%C3%ADa_jos%C3%A9").await;
    assert_eq!(status, 200);
    assert_eq!(texts(&doc, "h1"), ["María_José"]);
    assert_eq!(texts(&doc, ".facts dd")[1], "0");
}

#[tokio::test]
async fn the_verification_email_arrives_through_a_real_smtp_server_in_english() {
    let sink = SmtpSink::start().await;
    let url = sink.url();
    let app = spawn_app_with(|s| {
        s.mail.transport = MailTransport::Smtp;
        s.mail.smtp_url = Some(url.clone().into());
    })
    .await;
    app.get("/?lang=en").await;
    assert_eq!(
        app.register("ana", "ana@example.org", PASSWORD)
            .await
            .status,
        303
    );
    let mail = sink.wait_for(1).await.remove(0);
    assert_eq!(mail.to, "ana@example.org");
    assert_eq!(mail.subject, "Confirm your email on Tertulia");
    assert!(mail.text.contains("Hello ana,"));
    assert!(mail.html.contains("<html lang=\"en\">"));
    assert!(mail.raw.contains("Message-ID: <"));
    let link = mail.link(&format!("{}/verify/", app.address));
    assert_eq!(app.get(&link[app.address.len()..]).await.status(), 303);
    assert_eq!(app.login("ana", PASSWORD).await.status, 303);
    let (_, doc) = app.home().await;
    assert!(texts(&doc, ".banner").is_empty());
}

#[tokio::test]
async fn a_second_registration_with_the_same_email_reveals_nothing_and_warns_the_owner() {
    let app = spawn_app().await;
    let first = app.register("ana", "ana@example.org", PASSWORD).await;
    app.emails(1).await;
    let second = app.register("otra", "ANA@example.org", PASSWORD).await;
    assert_eq!(
        (first.status, &first.location),
        (second.status, &second.location)
    );
    assert_eq!(first.body, second.body);
    let mails = app.emails(2).await;
    assert_eq!(mails[1].to, "ana@example.org");
    assert!(mails[1].subject.contains("Alguien intentó registrarse"));
    assert!(mails[1].text.contains("«ana»"));
    // No account "otra" was made.
    assert_eq!(app.get("/u/otra").await.status(), 404);
    assert_eq!(app.login("otra", PASSWORD).await.status, 422);
}

#[tokio::test]
async fn every_bad_registration_field_is_explained_and_the_input_kept() {
    let app = spawn_app().await;
    let cases = [
        ("ab", "ana@example.org", PASSWORD, "username", "al menos 3"),
        (
            "ana maría",
            "ana@example.org",
            PASSWORD,
            "username",
            "sin espacios",
        ),
        (
            "ana",
            "ana@",
            PASSWORD,
            "email",
            "dirección de correo válida",
        ),
        ("ana", "ana@example.org", "corta", "password", "al menos 10"),
        (
            "ana",
            "ana@example.org",
            "password123",
            "password",
            "muy común",
        ),
    ];
    for (username, email, password, field, says) in cases {
        let answer = app.register(username, email, password).await;
        assert_eq!(answer.status, 422, "{field}");
        let doc = answer.html();
        let error = texts(&doc, &format!("#f-{field}-error"));
        assert!(error[0].contains(says), "{field}: {error:?}");
        assert_eq!(
            attr(&doc, &format!("#f-{field}"), "aria-describedby")
                .map(|d| d.contains(&format!("f-{field}-error"))),
            Some(true)
        );
        assert_eq!(
            attr(&doc, "#f-username", "value").as_deref(),
            Some(username)
        );
        assert_eq!(attr(&doc, "#f-email", "value").as_deref(), Some(email));
        assert_eq!(attr(&doc, "#f-password", "value").as_deref(), Some(""));
    }
    app.register("ana", "ana@example.org", PASSWORD).await;
    let taken = app.register("ANA", "otra@example.org", PASSWORD).await;
    assert_eq!(taken.status, 422);
    assert!(texts(&taken.html(), "#f-username-error")[0].contains("ya está en uso"));
}

#[tokio::test]
async fn a_resent_link_replaces_the_old_one() {
    let app = spawn_app().await;
    app.register("ana", "ana@example.org", PASSWORD).await;
    let old = app
        .emails(1)
        .await
        .remove(0)
        .link(&format!("{}/verify/", app.address));
    app.login("ana", PASSWORD).await;
    let answer = app.submit("/", "/verify/resend", &[]).await;
    assert_eq!(answer.status, 303);
    let new = app
        .emails(2)
        .await
        .remove(1)
        .link(&format!("{}/verify/", app.address));
    assert_ne!(old, new);
    let (status, doc) = app.get_html(&old[app.address.len()..]).await;
    assert_eq!(status, 410);
    assert_eq!(
        attr(&doc, "main a[href='/settings']", "href").as_deref(),
        Some("/settings")
    );
    assert_eq!(app.get(&new[app.address.len()..]).await.status(), 303);
}

#[tokio::test]
async fn the_verification_link_signs_in_the_browser_that_registered_once() {
    let app = spawn_app().await;
    let verify_link = |mail: crate::mail::Received| {
        let link = mail.link(&format!("{}/verify/", app.address));
        link[app.address.len()..].to_string()
    };
    // Opened in another browser (another device): verified, not signed in.
    let registering = app.other_browser();
    registering
        .register("ana", "ana@example.org", PASSWORD)
        .await;
    let elsewhere = app.other_browser();
    let res = elsewhere
        .get(&verify_link(app.emails(1).await.remove(0)))
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/welcome");
    let (_, welcome) = elsewhere.get_html("/welcome").await;
    assert!(texts(&welcome, ".lead")[0].contains("inicie sesión en este navegador"));
    assert_eq!(
        elsewhere.get("/settings").await.status(),
        303,
        "not signed in"
    );

    // Opened in the browser that registered: signed in, on a page that says what to do next.
    let beto = app.other_browser();
    beto.register("beto", "beto@example.org", PASSWORD).await;
    let link = verify_link(app.emails(2).await.remove(1));
    let res = beto.get(&link).await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/welcome");
    let (status, welcome) = beto.get_html("/welcome").await;
    assert_eq!(status, 200);
    assert!(texts(&welcome, ".lead")[0].contains("su sesión está iniciada"));
    assert!(texts(&welcome, "header").join(" ").contains("beto"));
    let steps: Vec<String> = [
        "/rules",
        "/",
        "/settings#s-digests",
        "/settings#s-notifications",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let sel = scraper::Selector::parse(".welcome-steps a").unwrap();
    let hrefs: Vec<String> = welcome
        .select(&sel)
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    assert_eq!(hrefs, steps);
    let (status, _) = beto.get_html("/settings").await;
    assert_eq!(status, 200, "the session is real");
    // The link works once: used again, in any browser, it signs nobody in.
    let again = app.other_browser();
    assert_eq!(again.get(&link).await.status(), 410);
    assert_eq!(beto.get(&link).await.status(), 410);
    assert_eq!(again.get("/settings").await.status(), 303);
}

#[tokio::test]
async fn expired_and_tampered_verification_links() {
    let app = spawn_app().await;
    app.register("ana", "ana@example.org", PASSWORD).await;
    let link = app
        .emails(1)
        .await
        .remove(0)
        .link(&format!("{}/verify/", app.address));
    let path = link[app.address.len()..].to_string();
    let mut tampered = path.clone();
    tampered.pop();
    tampered.push(if path.ends_with('A') { 'B' } else { 'A' });
    assert_eq!(app.get(&tampered).await.status(), 404);
    app.sql("UPDATE email_tokens SET expires_at = '2000-01-01 00:00:00'");
    assert_eq!(app.get(&path).await.status(), 410);
}

#[tokio::test]
async fn an_operator_creates_the_first_admin_from_the_command_line() {
    use std::io::Write;
    use std::process::Stdio;
    let app = spawn_app().await;
    let url = app.db.url_string();
    let env = [("TERTULIA_DATABASE_URL", url.as_str())];
    let create = |name: &str, email: &str, role: &str| {
        let args = [
            "user",
            "create",
            "--username",
            name,
            "--email",
            email,
            "--role",
            role,
        ];
        crate::process::tertulia(&args, &env)
    };
    let mut child = create("admin", "admin@example.org", "admin")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "{PASSWORD}").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Created admin admin"));
    assert_eq!(app.login("admin", PASSWORD).await.status, 303);
    let (_, doc) = app.home().await;
    assert!(texts(&doc, ".banner").is_empty(), "counted as verified");

    let weak = create("mod", "m@example.org", "moderator")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!weak.status.success());
    assert!(String::from_utf8_lossy(&weak.stderr).contains("password"));
}
