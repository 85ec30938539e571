//! Stakeholder labels: declared in settings, verified by a work address on a listed domain
//! or by an admin by hand, and shown beside the author's name wherever names appear.

use tertulia::domain::Role;

use crate::helpers::{attr, spawn_app, texts, TestApp};

/// Declares `ana`'s sector through the settings form.
async fn declare(app: &TestApp, stakeholder: &str, organization: &str) {
    let saved = app
        .settings(&[
            ("form", "stakeholder"),
            ("stakeholder", stakeholder),
            ("organization", organization),
        ])
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
}

/// Lists `domain` for `stakeholder` (empty removes it) as an admin.
async fn list_domain(admin: &TestApp, domain: &str, stakeholder: &str) -> u16 {
    admin
        .submit(
            "/admin",
            "/admin/stakeholder-domains",
            &[("domain", domain), ("stakeholder", stakeholder)],
        )
        .await
        .status
}

async fn label_on(app: &TestApp, path: &str) -> Vec<String> {
    let (status, doc) = app.get_html(path).await;
    assert_eq!(status, 200, "{path}");
    texts(&doc, ".label")
}

#[tokio::test]
async fn a_declared_label_shows_beside_the_name_everywhere() {
    let app = spawn_app().await;
    app.member("ana").await;
    declare(&app, "civil_society", "Fundación Acceso").await;
    let thread = app
        .new_thread("educacion", "Conectividad rural", "Hablemos de antenas.")
        .await;
    let want = "Sociedad civil · Fundación Acceso · declarado";
    let visitor = app.other_browser();
    assert_eq!(label_on(&visitor, &format!("/t/{thread}")).await, [want]);
    assert_eq!(label_on(&visitor, "/b/educacion").await, [want]);
    assert!(label_on(&visitor, "/u/ana")
        .await
        .contains(&want.to_string()));
    assert_eq!(label_on(&visitor, "/search?q=antenas").await, [want]);
    let feed = visitor
        .get(&format!("/t/{thread}/feed.atom"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        feed.contains(&format!("<name>ana ({want})</name>")),
        "{feed}"
    );
    let (_, english) = visitor.get_html(&format!("/t/{thread}?lang=en")).await;
    assert_eq!(
        texts(&english, ".label"),
        ["Civil society · Fundación Acceso · declared"]
    );

    // Without an organisation, the group alone; without a group, nothing.
    declare(&app, "academia", "").await;
    assert_eq!(
        label_on(&visitor, &format!("/t/{thread}?lang=es")).await,
        ["Academia · declarado"]
    );
    declare(&app, "", "").await;
    assert!(label_on(&visitor, &format!("/t/{thread}")).await.is_empty());
}

#[tokio::test]
async fn a_bad_group_or_a_long_organisation_is_refused_with_the_input_kept() {
    let app = spawn_app().await;
    app.member("ana").await;
    let long = "x".repeat(101);
    let refused = app
        .settings(&[
            ("form", "stakeholder"),
            ("stakeholder", "civil_society"),
            ("organization", &long),
        ])
        .await;
    assert_eq!(refused.status, 422);
    let doc = refused.html();
    assert_eq!(
        attr(&doc, "#f-organization", "value").as_deref(),
        Some(&*long)
    );
    assert!(!texts(&doc, "#f-organization-error").is_empty());
    let refused = app
        .settings(&[("form", "stakeholder"), ("stakeholder", "lobby")])
        .await;
    assert_eq!(refused.status, 422);
    assert!(!texts(&refused.html(), "#f-stakeholder-error").is_empty());
}

#[tokio::test]
async fn a_work_address_on_a_listed_domain_verifies_the_label_and_another_is_refused() {
    let app = spawn_app().await;
    let admin = app.browser_as("admina", Role::Admin).await;
    assert_eq!(
        list_domain(&admin, "Acceso.org", "civil_society").await,
        303
    );
    assert_eq!(list_domain(&admin, "gob.example", "government").await, 303);
    app.member("ana").await;
    declare(&app, "civil_society", "Fundación Acceso").await;
    app.deliver_mail().await;
    let before = app.emails_now().len();

    // Another group's domain, or an unlisted one: refused, nothing sent.
    for address in ["ana@gob.example", "ana@gmail.example"] {
        let refused = app
            .settings(&[("form", "affiliation"), ("work_email", address)])
            .await;
        assert_eq!(refused.status, 422, "{address}");
        let doc = refused.html();
        assert_eq!(
            texts(&doc, "#f-work_email-error"),
            ["Ese dominio no está reconocido para su grupo. Use la dirección de su organización o pida a la administración que lo añada."]
        );
        assert_eq!(
            attr(&doc, "#f-work_email", "value").as_deref(),
            Some(address)
        );
    }
    app.deliver_mail().await;
    assert_eq!(app.emails_now().len(), before);

    let sent = app
        .settings(&[("form", "affiliation"), ("work_email", "ana@acceso.org")])
        .await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    let (_, settings) = app.get_html("/settings").await;
    assert!(texts(&settings, ".notice")
        .iter()
        .any(|t| t.contains("ana@acceso.org")));
    let mail = app.email_to("ana@acceso.org", before).await;
    assert!(mail.text.contains("Fundación Acceso"), "{}", mail.text);
    let link = mail.link(&format!("{}/settings/affiliation/", app.address));
    let path = &link[app.address.len()..];
    let visitor = app.other_browser();
    let confirmed = visitor.get(path).await;
    assert_eq!(confirmed.status(), 303);
    let thread = app
        .new_thread("educacion", "Brecha digital", "Datos del barrio.")
        .await;
    assert_eq!(
        label_on(&visitor, &format!("/t/{thread}")).await,
        ["Sociedad civil · Fundación Acceso · verificado"]
    );
    // The link works once.
    assert_eq!(visitor.get(path).await.status(), 410);

    // A changed organisation drops the verification and forgets the address.
    declare(&app, "civil_society", "Fundación Otra").await;
    assert_eq!(
        label_on(&visitor, &format!("/t/{thread}")).await,
        ["Sociedad civil · Fundación Otra · declarado"]
    );
    let mut c = app.direct();
    let kept: Vec<(Option<String>,)> = {
        use diesel::prelude::*;
        use tertulia::db::schema::users;
        users::table
            .filter(users::username.eq("ana"))
            .select((users::affiliation_email,))
            .load(&mut c)
            .unwrap()
    };
    assert_eq!(kept, [(None,)]);
}

#[tokio::test]
async fn an_expired_link_verifies_nothing() {
    let app = spawn_app().await;
    let admin = app.browser_as("admina", Role::Admin).await;
    assert_eq!(list_domain(&admin, "uni.example", "academia").await, 303);
    app.member("ana").await;
    declare(&app, "academia", "").await;
    let before = app.emails_now().len();
    let sent = app
        .settings(&[("form", "affiliation"), ("work_email", "ana@uni.example")])
        .await;
    assert_eq!(sent.status, 303);
    let mail = app.email_to("ana@uni.example", before).await;
    let link = mail.link(&format!("{}/settings/affiliation/", app.address));
    app.sql(
        "UPDATE email_tokens SET expires_at = '2000-01-01 00:00:00' WHERE purpose = 'affiliation'",
    );
    assert_eq!(app.get(&link[app.address.len()..]).await.status(), 410);
    assert_eq!(label_on(&app, "/u/ana").await, ["Academia · declarado"]);
}

#[tokio::test]
async fn admins_verify_and_revoke_by_hand_in_the_public_log() {
    let app = spawn_app().await;
    let admin = app.browser_as("admina", Role::Admin).await;
    let moderator = app.browser_as("moderador", Role::Moderator).await;
    app.member("ana").await;
    declare(&app, "government", "Ministerio").await;
    let (_, profile) = admin.get_html("/u/ana").await;
    let verify = attr(&profile, "form[action$='/affiliation/verify']", "action").unwrap();
    let id = verify.split('/').nth(3).unwrap().to_string();

    // Moderators and members may not; a reason is required.
    for who in [&moderator, &app] {
        let refused = who.submit("/", &verify, &[("reason", "conocida")]).await;
        assert_eq!(refused.status, 403);
    }
    let no_reason = admin.submit("/u/ana", &verify, &[("reason", " ")]).await;
    assert_eq!(no_reason.status, 422);
    assert!(!texts(&no_reason.html(), "#f-reason-error").is_empty());
    assert_eq!(
        label_on(&app, "/u/ana").await,
        ["Gobierno · Ministerio · declarado"]
    );

    let verified = admin
        .submit(
            "/u/ana",
            &verify,
            &[("reason", "Credencial presentada en persona")],
        )
        .await;
    assert_eq!(verified.status, 303, "{}", verified.body);
    assert_eq!(
        label_on(&app, "/u/ana").await,
        ["Gobierno · Ministerio · verificado"]
    );
    let (_, profile) = admin.get_html("/u/ana").await;
    let revoke = attr(&profile, "form[action$='/affiliation/revoke']", "action").unwrap();
    assert_eq!(revoke, format!("/mod/users/{id}/affiliation/revoke"));
    let revoked = admin
        .submit("/u/ana", &revoke, &[("reason", "Ya no trabaja allí")])
        .await;
    assert_eq!(revoked.status, 303, "{}", revoked.body);
    assert_eq!(
        label_on(&app, "/u/ana").await,
        ["Gobierno · Ministerio · declarado"]
    );

    let (_, log) = app.get_html("/modlog").await;
    let body = log.root_element().text().collect::<String>();
    for said in [
        "verificó el sector de un miembro",
        "Credencial presentada en persona",
        "retiró la verificación del sector de un miembro",
        "Ya no trabaja allí",
    ] {
        assert!(body.contains(said), "{said} not in the log");
    }
}

#[tokio::test]
async fn admins_add_and_remove_domains_and_only_admins() {
    let app = spawn_app().await;
    let admin = app.browser_as("admina", Role::Admin).await;
    assert_eq!(
        list_domain(&admin, "acceso.org", "civil_society").await,
        303
    );
    let (_, page) = admin.get_html("/admin").await;
    assert!(texts(&page, "#domains li")
        .iter()
        .any(|t| t.starts_with("acceso.org — Sociedad civil")));
    let bad = admin
        .submit(
            "/admin",
            "/admin/stakeholder-domains",
            &[("domain", "no es un dominio"), ("stakeholder", "academia")],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert_eq!(
        attr(&bad.html(), "#f-domain", "value").as_deref(),
        Some("no es un dominio")
    );
    assert_eq!(list_domain(&admin, "acceso.org", "").await, 303);
    let (_, page) = admin.get_html("/admin").await;
    assert!(texts(&page, "#domains li").is_empty());

    app.member("ana").await;
    let refused = app
        .submit(
            "/",
            "/admin/stakeholder-domains",
            &[("domain", "acceso.org"), ("stakeholder", "civil_society")],
        )
        .await;
    assert_eq!(refused.status, 403);
}

#[tokio::test]
async fn a_deleted_member_shows_no_label_and_keeps_no_work_address() {
    let app = spawn_app().await;
    app.member("ana").await;
    declare(&app, "academia", "Universidad").await;
    let thread = app.new_thread("educacion", "Un hilo", "Un texto.").await;
    let gone = app
        .submit(
            "/settings",
            "/settings/delete",
            &[("delete_password", crate::helpers::PASSWORD)],
        )
        .await;
    assert_eq!(gone.status, 303);
    assert!(label_on(&app, &format!("/t/{thread}")).await.is_empty());
}
