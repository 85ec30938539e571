//! A member manages the account: language, email, data export, deletion.

use crate::helpers::{attr, spawn_app, texts, PASSWORD};

#[tokio::test]
async fn settings_need_a_login() {
    let app = spawn_app().await;
    let res = app.get("/settings").await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/login?next=%2Fsettings");
    app.member("ana").await;
    // After logging in from that page, the member lands back on it.
    let stranger = app.other_browser();
    let token = stranger.csrf_token("/login?next=%2Fsettings").await;
    let answer = stranger
        .post_raw(
            "/login",
            &[
                ("csrf_token", &token),
                ("login", "ana"),
                ("password", PASSWORD),
                ("next", "/settings"),
            ],
        )
        .await;
    assert_eq!(answer.location.as_deref(), Some("/settings"));
    let stranger = app.other_browser();
    let token = stranger.csrf_token("/login").await;
    let evil = stranger
        .post_raw(
            "/login",
            &[
                ("csrf_token", &token),
                ("login", "ana"),
                ("password", PASSWORD),
                ("next", "//evil.example"),
            ],
        )
        .await;
    assert_eq!(evil.location.as_deref(), Some("/"));
}

#[tokio::test]
async fn the_language_setting_follows_the_member() {
    let app = spawn_app().await;
    app.member("ana").await;
    let answer = app.settings(&[("form", "locale"), ("locale", "en")]).await;
    assert_eq!(answer.status, 303);
    let (_, doc) = app.get_html("/settings").await;
    assert_eq!(attr(&doc, "html", "lang").as_deref(), Some("en"));
    assert_eq!(texts(&doc, ".flash"), ["Settings saved."]);
    // A new browser logging in gets English too.
    let other = app.other_browser();
    other.login("ana", PASSWORD).await;
    let (_, doc) = other.home().await;
    assert_eq!(attr(&doc, "html", "lang").as_deref(), Some("en"));
    let bad = app.settings(&[("form", "locale"), ("locale", "fr")]).await;
    assert_eq!(bad.status, 422);
}

#[tokio::test]
async fn changing_the_email_needs_the_password_and_a_confirmation_from_the_new_address() {
    let app = spawn_app().await;
    app.member("ana").await;
    let wrong = app
        .settings(&[
            ("form", "email"),
            ("new_email", "ana@nuevo.org"),
            ("email_password", "no es"),
        ])
        .await;
    assert_eq!(wrong.status, 422);
    let doc = wrong.html();
    assert_eq!(
        texts(&doc, "#f-email_password-error"),
        ["La contraseña no es correcta."]
    );
    assert_eq!(
        attr(&doc, "#f-new_email", "value").as_deref(),
        Some("ana@nuevo.org")
    );

    let ok = app
        .settings(&[
            ("form", "email"),
            ("new_email", "ana@nuevo.org"),
            ("email_password", PASSWORD),
        ])
        .await;
    assert_eq!(ok.status, 303);
    let mail = app.emails(2).await.remove(1);
    assert_eq!(mail.to, "ana@nuevo.org");
    let link = mail.link(&format!("{}/verify/", app.address));
    assert_eq!(app.get(&link[app.address.len()..]).await.status(), 303);
    let mails = app.emails(3).await;
    assert_eq!(mails[2].to, "ana@example.org", "the old address is told");
    assert!(mails[2].text.contains("a***@nuevo.org"));
    let (_, doc) = app.get_html("/settings").await;
    assert!(texts(&doc, "#s-email ~ p")[0].contains("ana@nuevo.org"));
    app.logout().await;
    assert_eq!(app.login("ana@nuevo.org", PASSWORD).await.status, 303);
}

#[tokio::test]
async fn a_wrong_current_password_keeps_the_password() {
    let app = spawn_app().await;
    app.member("ana").await;
    let answer = app
        .settings(&[
            ("form", "password"),
            ("current_password", "no es"),
            ("new_password", "otra frase larga para entrar"),
        ])
        .await;
    assert_eq!(answer.status, 422);
    assert_eq!(
        texts(&answer.html(), "#f-current_password-error"),
        ["La contraseña no es correcta."]
    );
    app.logout().await;
    assert_eq!(app.login("ana", PASSWORD).await.status, 303);
}

#[tokio::test]
async fn the_export_holds_the_members_data() {
    let app = spawn_app().await;
    app.member("ana").await;
    app.sql(
        "UPDATE users SET stakeholder = 'academia', organization = 'Universidad del Valle', \
         affiliation_email = 'ana@uvg.edu.gt', affiliation_verified_at = '2030-01-01 12:00:00' \
         WHERE username = 'ana'",
    );
    let res = app.get("/settings/export").await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("attachment"));
    let data: serde_json::Value = serde_json::from_str(&res.text().await.unwrap()).unwrap();
    assert_eq!(data["account"]["username"], "ana");
    assert_eq!(data["account"]["email"], "ana@example.org");
    assert!(data["account"]["email_verified_at"].is_string());
    let label = &data["account"]["stakeholder"];
    assert_eq!(label["group"], "academia");
    assert_eq!(label["organization"], "Universidad del Valle");
    assert_eq!(label["work_address"], "ana@uvg.edu.gt");
    assert!(label["verified_at"]
        .as_str()
        .unwrap()
        .starts_with("2030-01-01T12:00:00"));
    assert_eq!(data["sessions"].as_array().unwrap().len(), 1);
    assert!(data["posts"].is_array());
    assert!(!data.to_string().contains("argon2"), "no password hash");
}

#[tokio::test]
async fn deleting_the_account_removes_personal_data_and_ends_sessions() {
    let app = spawn_app().await;
    app.member("ana").await;
    let phone = app.other_browser();
    phone.login("ana", PASSWORD).await;
    let wrong = app
        .submit(
            "/settings",
            "/settings/delete",
            &[("delete_password", "no es")],
        )
        .await;
    assert_eq!(wrong.status, 422);
    assert_eq!(
        texts(&wrong.html(), "#f-delete_password-error"),
        ["La contraseña no es correcta."]
    );

    let done = app
        .submit(
            "/settings",
            "/settings/delete",
            &[("delete_password", PASSWORD)],
        )
        .await;
    assert_eq!(done.status, 303);
    assert_eq!(app.logged_in_as().await, None);
    assert_eq!(phone.logged_in_as().await, None);
    assert_eq!(app.get("/u/ana").await.status(), 404);
    assert_eq!(app.login("ana", PASSWORD).await.status, 422);
    assert_eq!(app.login("ana@example.org", PASSWORD).await.status, 422);
    // The name and the address can be used again.
    app.register("ana", "ana@example.org", PASSWORD).await;
    let mails = app.emails(2).await;
    assert!(mails[1].subject.contains("Confirme su correo"));
}

#[tokio::test]
async fn settings_open_with_an_index_and_keep_deletion_apart() {
    let app = spawn_app().await;
    app.member("ana").await;
    let (status, doc) = app.get_html("/settings").await;
    assert_eq!(status, 200);
    let sel = scraper::Selector::parse("nav.toc a").unwrap();
    let targets: Vec<String> = doc
        .select(&sel)
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    assert_eq!(targets.len(), 9);
    for target in &targets {
        let id = target.trim_start_matches('#');
        let heading = scraper::Selector::parse(&format!("section h2#{id}")).unwrap();
        assert_eq!(doc.select(&heading).count(), 1, "{target} has its section");
    }
    assert_eq!(targets.last().map(String::as_str), Some("#s-delete"));
    assert_eq!(
        attr(&doc, "section.danger-zone form", "action").as_deref(),
        Some("/settings/delete")
    );
    assert_eq!(
        texts(&doc, "section.danger-zone h2"),
        ["Eliminar la cuenta"]
    );
}
