//! The `tertulia` command as an operator runs it.

use crate::helpers::TestDatabase;
use crate::process::{run, Server};

#[test]
fn a_wrong_setting_stops_start_up_with_one_sentence_and_exit_code_2() {
    for (var, value, key) in [
        ("TERTULIA_BASE_URL", "not a url", "site.base_url"),
        ("TERTULIA_LOCALE", "fr", "site.default_locale"),
        (
            "TERTULIA_DATABASE_URL",
            "mysql://localhost/x",
            "database.url",
        ),
        ("TERTULIA_MAIL_TRANSPORT", "pigeon", "mail.transport"),
    ] {
        let out = run(&["migrate"], &[(var, value)]);
        assert_eq!(out.status.code(), Some(2), "{var}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(key), "{var}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "one sentence: {err}");
    }
}

#[test]
fn an_unreadable_config_file_stops_start_up() {
    let out = run(&["--config", "/nonexistent/tertulia.toml", "migrate"], &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("/nonexistent/tertulia.toml") && err.contains("cannot be read"),
        "{err}"
    );

    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[site\nbase_url = ").unwrap();
    let out = run(&["--config", bad.to_str().unwrap(), "migrate"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("not valid TOML"));
}

#[test]
fn help_describes_each_command() {
    let top = String::from_utf8(run(&["--help"], &[]).stdout).unwrap();
    assert!(
        top.contains("serve") && top.contains("migrate") && top.contains("--config"),
        "{top}"
    );
    let serve = String::from_utf8(run(&["serve", "--help"], &[]).stdout).unwrap();
    assert!(serve.contains("--bind"), "{serve}");
    let migrate = run(&["migrate", "--help"], &[]);
    assert!(migrate.status.success());
}

#[test]
fn migrate_applies_everything_once_and_then_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDatabase::create(dir.path());
    let url = db.url_string();
    let env = [("TERTULIA_DATABASE_URL", url.as_str())];
    let first = run(&["migrate"], &env);
    assert!(first.status.success(), "{first:?}");
    let first = String::from_utf8(first.stdout).unwrap();
    assert!(!first.starts_with("0 "), "{first}");
    let second = run(&["migrate"], &env);
    assert!(second.status.success(), "{second:?}");
    assert!(String::from_utf8(second.stdout)
        .unwrap()
        .starts_with("0 migration"));
}

#[tokio::test]
async fn serve_prints_its_address_and_serves_the_boards() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDatabase::create(dir.path());
    let url = db.url_string();
    let mail = dir.path().join("mail");
    let server = Server::start(
        &[],
        &[
            ("TERTULIA_DATABASE_URL", &url),
            ("TERTULIA_MAIL_DIR", mail.to_str().unwrap()),
        ],
    );
    let address = &server.address;
    let body = reqwest::get(format!("{address}/"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(body.contains("Ciberseguridad") && body.contains("Blockchain"));
}

#[tokio::test]
async fn seed_demo_fills_the_boards_with_consistent_content() {
    let app = crate::helpers::spawn_app().await;
    let url = app.db.url_string();
    let out = run(
        &[
            "seed",
            "demo",
            "--threads",
            "30",
            "--posts",
            "300",
            "--members",
            "12",
            "--subscribers",
            "5",
            "--seed",
            "7",
        ],
        &[("TERTULIA_DATABASE_URL", url.as_str())],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout)
        .starts_with("Seeded 12 members, 5 subscribers, 30 threads and 300 posts"));
    let (_, home) = app.home().await;
    let totals: i64 = crate::helpers::texts(&home, ".board .meta")
        .iter()
        .map(|m| {
            m.split(" · ")
                .nth(1)
                .unwrap()
                .split(' ')
                .next()
                .unwrap()
                .parse::<i64>()
                .unwrap()
        })
        .sum();
    assert_eq!(totals, 300, "board counters match the posts");
    let (status, doc) = app.get_html("/t/1").await;
    assert_eq!(status, 200);
    assert_eq!(crate::helpers::texts(&doc, ".post").len(), 10);
    let (_, found) = app.get_html("/search?q=educacion").await;
    assert!(!crate::helpers::texts(&found, ".results li").is_empty());
    // The members can log in, and new posts get fresh ids after the seeded ones.
    assert_eq!(
        app.login("maria1", "tertulia demo password").await.status,
        303
    );
    let id = app.new_reply(1, "Una respuesta nueva", None).await;
    assert!(id > 300);
    // The subscribers' daily digest runs over the demo posts.
    let digest = run(
        &["digest", "run", "--frequency", "daily"],
        &[("TERTULIA_DATABASE_URL", url.as_str())],
    );
    assert!(
        digest.status.success(),
        "{}",
        String::from_utf8_lossy(&digest.stderr)
    );
}
