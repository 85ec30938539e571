//! `tertulia mail fetch`, the real binary, against a real Dovecot and the test database: a
//! member's emailed reply appears once, whatever the number of passes or instances.

use std::path::Path;

use secrecy::SecretString;
use tertulia::domain::Role;
use tertulia::services::replies_by_email::{key, reply_address};

use crate::dovecot::Dovecot;
use crate::helpers::{spawn_app_with, TestDatabase};
use crate::imap::append;
use crate::process::{run, scalar, tertulia};

const REPLY_TO: &str = "respuestas@foro.example.org";
const SECRET: &str = "un-secreto-de-prueba-largo-de-mas-de-treinta-y-dos-letras";

/// `config/test.toml` with the reply mailbox added, written to `dir`.
fn config_with_imap(dir: &Path, imap_url: &str, ca_file: &Path) -> std::path::PathBuf {
    let test = Path::new(env!("CARGO_MANIFEST_DIR")).join("config/test.toml");
    let mut table: toml::Table = std::fs::read_to_string(test).unwrap().parse().unwrap();
    let mail = table["mail"].as_table_mut().unwrap();
    mail.insert("dir".into(), dir.join("mail").display().to_string().into());
    mail.insert("reply_to".into(), REPLY_TO.into());
    mail.insert("imap_url".into(), imap_url.into());
    mail.insert("imap_ca_file".into(), ca_file.display().to_string().into());
    let path = dir.join("tertulia-imap.toml");
    std::fs::write(&path, toml::to_string(&table).unwrap()).unwrap();
    path
}

#[tokio::test]
async fn imap_mail_fetch_posts_an_emailed_reply_once_however_many_passes_and_instances() {
    let Some(dovecot) = Dovecot::start("imap_mail_fetch_posts_an_emailed_reply_once") else {
        return;
    };
    let app = spawn_app_with(|s| {
        s.mail.reply_to = Some(REPLY_TO.into());
        s.secret = Some(SecretString::from(SECRET));
    })
    .await;
    let beto = app.browser_as("beto", Role::Member).await;
    let thread = beto
        .new_thread("educacion", "Taller de lectura", "¿Quién viene el jueves?")
        .await;
    let ana_email = app.member("ana").await;
    let db = app.db.url_string();
    let ana_id = scalar(&db, "SELECT id FROM users WHERE username = 'ana'");
    let post = scalar(
        &db,
        &format!("SELECT MIN(id) FROM posts WHERE thread_id = {thread}"),
    );
    let to = reply_address(REPLY_TO, &key(SECRET, ana_id, post));
    let text = "Yo voy, llevo el libro de cuentos de la biblioteca municipal.";
    let reply = format!(
        "From: Ana <{ana_email}>\nTo: {to}\nSubject: Re: Taller de lectura\n\
         Date: Mon, 30 Nov 2026 10:00:00 -0600\nMessage-ID: <respuesta-ana-1@example.org>\n\
         MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n{text}\n"
    );
    append(&dovecot, &reply).await;

    let config = config_with_imap(app.dir.path(), &dovecot.url(None), &dovecot.ca_file());
    let global = ["--config", config.to_str().unwrap()];
    let env = [
        ("TERTULIA_DATABASE_URL", db.as_str()),
        ("TERTULIA_SECRET", SECRET),
        ("RUST_LOG", "info"),
    ];
    let fetch = |args: &[&str]| {
        let mut all = global.to_vec();
        all.extend(args);
        run(&all, &env)
    };
    let said = |out: &std::process::Output| {
        format!(
            "exit {:?}\nstdout: {}\nstderr: {}\ndovecot: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
            dovecot.log()
        )
    };
    let first = fetch(&["mail", "fetch"]);
    assert!(first.status.success(), "{}", said(&first));
    assert!(
        String::from_utf8_lossy(&first.stdout).contains("1 message(s) handled"),
        "{}",
        said(&first)
    );
    let second = fetch(&["mail", "fetch"]);
    assert!(
        String::from_utf8_lossy(&second.stdout).contains("0 message(s) handled"),
        "{}",
        said(&second)
    );

    // The same message delivered again, read by two instances at the same moment.
    append(&dovecot, &reply).await;
    let mut all = global.to_vec();
    all.extend(["mail", "fetch"]);
    let children: Vec<_> = (0..2)
        .map(|_| {
            tertulia(&all, &env)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", said(&out));
    }

    let published = scalar(
        &db,
        &format!(
            "SELECT count(*) FROM posts WHERE thread_id = {thread} AND author_id = {ana_id} \
             AND parent_id = {post} AND status = 'published' AND body_source LIKE '%biblioteca municipal%'"
        ),
    );
    assert_eq!(
        published,
        1,
        "one published reply, answering the post, by ana; the first pass: {}",
        said(&first)
    );
    let page = app.get(&format!("/t/{thread}")).await.text().await.unwrap();
    assert_eq!(
        page.matches("biblioteca municipal").count(),
        1,
        "the thread shows it once"
    );
}

#[tokio::test]
async fn imap_mail_fetch_says_why_when_the_login_is_refused_or_the_mailbox_unset() {
    let Some(dovecot) = Dovecot::start("imap_mail_fetch_says_why_when_the_login_is_refused") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = TestDatabase::create(dir.path());
    let db_url = db.url_string();
    let env = [("TERTULIA_DATABASE_URL", db_url.as_str())];
    let config = config_with_imap(
        dir.path(),
        &dovecot.url(Some("no-es-la-clave")),
        &dovecot.ca_file(),
    );

    let out = run(
        &["--config", config.to_str().unwrap(), "mail", "fetch"],
        &env,
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("refused the login of respuestas"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("no-es-la-clave"),
        "the password is never printed: {stderr}"
    );

    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let nowhere = format!(
        "imaps://u:p@127.0.0.1:{}/INBOX",
        closed.local_addr().unwrap().port()
    );
    drop(closed);
    let config = config_with_imap(dir.path(), &nowhere, &dovecot.ca_file());
    let out = run(
        &["--config", config.to_str().unwrap(), "mail", "fetch"],
        &env,
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("cannot be reached"), "{stderr}");

    let out = run(&["mail", "fetch"], &env);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("mail.imap_url"), "{stderr}");
}
