//! A member whose posts wait for review is told so plainly and can follow them.

use crate::helpers::{attr, spawn_app_with, texts};
use tertulia::domain::Role;

#[tokio::test]
async fn a_held_post_says_it_waits_and_its_author_can_follow_it() {
    let app = spawn_app_with(|s| s.moderation.new_member_review_posts = 3).await;
    let moderator = app.browser_as("moderadora", Role::Moderator).await;
    let thread = moderator
        .new_thread(
            "educacion",
            "Privacidad en las aulas",
            "¿Qué datos guardan?",
        )
        .await;
    let nuevo = app.other_browser();
    nuevo.member("nuevo").await;

    // The page after posting says the post waits, not that it was published.
    let opened = nuevo
        .open_thread(
            "educacion",
            "Datos de los alumnos",
            "¿Cómo protegen las escuelas los datos de los alumnos?",
        )
        .await;
    assert_eq!(opened.status, 303);
    let (_, doc) = nuevo.get_html(&opened.location.unwrap()).await;
    let flash = texts(&doc, ".flash").join(" ");
    assert!(
        flash.contains("espera la revisión de la moderación"),
        "{flash}"
    );
    assert!(!flash.contains("Mensaje enviado"), "{flash}");
    let replied = nuevo.reply(thread, "Añado un detalle.", None).await;
    assert_eq!(replied.status, 303);
    let (_, doc) = nuevo.get_html(&replied.location.unwrap()).await;
    assert!(texts(&doc, ".flash")
        .join(" ")
        .contains("espera la revisión de la moderación"));

    // Its author edits it while it waits: "editado" and the history work for them alone.
    let post: i64 = attr(&doc, ".post:last-child", "id").unwrap()[1..]
        .parse()
        .unwrap();
    let edit = format!("/p/{post}/edit");
    let edited = nuevo
        .submit(
            &edit,
            &edit,
            &[
                (
                    "body",
                    "¿Cómo protegen las escuelas públicas los datos de los alumnos?",
                ),
                ("reason", ""),
            ],
        )
        .await;
    assert_eq!(edited.status, 303, "{}", edited.body);
    let (_, doc) = nuevo.get_html(&format!("/t/{thread}")).await;
    assert_eq!(texts(&doc, ".edited"), ["editado"]);
    let (status, history) = nuevo.get_html(&format!("/p/{post}/history")).await;
    assert_eq!(status, 200);
    assert_eq!(texts(&history, ".versions .body").len(), 2);
    let visitor = app.other_browser();
    assert_eq!(
        visitor.get(&format!("/p/{post}/history")).await.status(),
        404
    );

    // Their profile says how many wait; nobody else's view of it does.
    let (_, own) = nuevo.get_html("/u/nuevo").await;
    assert_eq!(texts(&own, ".facts dd.held"), ["2"]);
    assert!(texts(&own, ".notice")
        .join(" ")
        .contains("2 de sus mensajes esperan la revisión de la moderación"));
    let (_, public) = visitor.get_html("/u/nuevo").await;
    assert!(texts(&public, ".held").is_empty());
    assert_eq!(texts(&public, ".facts dd")[1], "0");
}
