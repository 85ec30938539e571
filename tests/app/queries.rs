//! Query discipline: no page's number of SQL statements grows with its content. Counts include
//! the pool's connection check on every checkout and the cache's version read.

use tertulia::domain::Role;

use crate::helpers::spawn_app;

#[tokio::test]
async fn no_page_issues_more_queries_when_it_holds_more() {
    let app = spawn_app().await;
    let moderator = app.browser_as("moderadora", Role::Admin).await;
    let visitor = app.other_browser();
    let small = moderator.new_thread("educacion", "Hilo corto", "Uno").await;
    moderator.new_reply(small, "Dos", None).await;
    let big = moderator
        .new_thread("blockchain", "Hilo largo", "Inicio")
        .await;
    let mut last = 0;
    for n in 0..40 {
        last = moderator
            .new_reply(
                big,
                &format!("Respuesta {n} sobre educacion"),
                Some(last).filter(|l| *l > 0),
            )
            .await;
    }
    for n in 0..20 {
        moderator
            .new_thread("blockchain", &format!("Otro tema {n}"), "Texto")
            .await;
    }
    let pairs = [
        (format!("/t/{small}"), format!("/t/{big}")),
        ("/b/educacion".to_string(), "/b/blockchain".to_string()),
        (
            "/search?q=corto".to_string(),
            "/search?q=educacion".to_string(),
        ),
        (
            "/b/educacion/feed.atom".to_string(),
            "/b/blockchain/feed.atom".to_string(),
        ),
        (
            format!("/t/{small}/feed.atom"),
            format!("/t/{big}/feed.atom"),
        ),
    ];
    for who in [&visitor, &moderator] {
        for (few, many) in &pairs {
            let (a, b) = (who.queries_for(few).await, who.queries_for(many).await);
            assert_eq!(a, b, "{few} ran {a} statements, {many} ran {b}");
            assert!(b <= 14, "{many} ran {b} statements");
        }
    }
    // The open consultations, the boards and the recent activity across them: one checkout,
    // three statements.
    let home = visitor.queries_for("/").await;
    assert!(home <= 6, "home ran {home}");
    let profile = visitor.queries_for("/u/moderadora").await;
    assert!(profile <= 10, "profile ran {profile}");
    let log = visitor.queries_for("/modlog").await;
    assert!(log <= 8, "modlog ran {log}");
}
