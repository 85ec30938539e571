//! Reading replies from an IMAP mailbox, against a real Dovecot: the pass's bookkeeping (seen
//! only when handled), TLS trust, and `tertulia mail fetch` from end to end.

use std::sync::Arc;

use tertulia::email::imap::{fetch_pass, ImapAccount, ImapError, PassReport, Timeouts};
use tokio::net::TcpStream;
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, ServerName};
use tokio_rustls::rustls::{self, ClientConfig, RootCertStore};

use crate::dovecot::{Dovecot, PASSWORD, USER};

type TestSession = async_imap::Session<tokio_rustls::client::TlsStream<TcpStream>>;

/// A session of our own (not the code under test) on the test server's INBOX.
async fn session(dovecot: &Dovecot) -> TestSession {
    let mut roots = RootCertStore::empty();
    for cert in CertificateDer::pem_file_iter(dovecot.ca_file()).unwrap() {
        roots.add(cert.unwrap()).unwrap();
    }
    let config =
        ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_root_certificates(roots)
            .with_no_client_auth();
    let tcp = TcpStream::connect(("127.0.0.1", dovecot.port))
        .await
        .unwrap();
    let name = ServerName::try_from("127.0.0.1").unwrap();
    let tls = tokio_rustls::TlsConnector::from(Arc::new(config))
        .connect(name, tcp)
        .await
        .unwrap();
    let mut client = async_imap::Client::new(tls);
    client.read_response().await.unwrap().expect("a greeting");
    let mut session = client
        .login(USER, PASSWORD)
        .await
        .map_err(|(e, _)| e)
        .unwrap();
    session.select("INBOX").await.unwrap();
    session
}

pub async fn append(dovecot: &Dovecot, raw: &str) {
    let mut s = session(dovecot).await;
    s.append("INBOX", None, None, raw.replace('\n', "\r\n"))
        .await
        .unwrap();
    s.logout().await.unwrap();
}

/// The UIDs without `\Seen`, in order, and how many messages there are.
async fn unseen(dovecot: &Dovecot) -> (Vec<u32>, usize) {
    let mut s = session(dovecot).await;
    let mut uids: Vec<u32> = s.uid_search("UNSEEN").await.unwrap().into_iter().collect();
    uids.sort_unstable();
    let all = s.uid_search("ALL").await.unwrap().len();
    s.logout().await.unwrap();
    (uids, all)
}

fn message(n: u32) -> String {
    format!(
        "From: ana@example.org\nTo: respuestas@foro.example.org\nSubject: mensaje {n}\n\
         Message-ID: <prueba-{n}@example.org>\n\nCuerpo {n}.\n"
    )
}

/// The message number in a raw message's subject.
fn number(raw: &[u8]) -> u32 {
    let text = String::from_utf8_lossy(raw);
    let at = text.find("Subject: mensaje ").expect("a test message") + "Subject: mensaje ".len();
    text[at..]
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn imap_pass_marks_seen_only_what_was_handled_and_retries_the_rest() {
    let Some(dovecot) = Dovecot::start("imap_pass_marks_seen_only_what_was_handled") else {
        return;
    };
    for n in 1..=3 {
        append(&dovecot, &message(n)).await;
    }
    let account = ImapAccount::from_url(&dovecot.url(None)).unwrap();
    let ca = dovecot.ca_file();
    let pass = |fail_on: Option<u32>| {
        let account = account.clone();
        let ca = ca.clone();
        async move {
            let mut seen = Vec::new();
            let report = fetch_pass(&account, Some(&ca), |raw| {
                let n = number(&raw);
                seen.push(n);
                async move {
                    match fail_on == Some(n) {
                        true => Err("the database is down"),
                        false => Ok(()),
                    }
                }
            })
            .await
            .unwrap_or_else(|e| panic!("{e}"));
            (report, seen)
        }
    };

    let (report, seen) = pass(Some(2)).await;
    assert_eq!(seen, [1, 2, 3]);
    assert_eq!((report.handled, report.left), (2, 1));
    assert_eq!(report.first_error.as_deref(), Some("the database is down"));
    let (left, all) = unseen(&dovecot).await;
    assert_eq!(left, [2], "only the failed message stays unseen");
    assert_eq!(all, 3, "no message is removed");

    let (report, seen) = pass(None).await;
    assert_eq!(seen, [2], "the next pass takes only the message left");
    assert_eq!((report.handled, report.left), (1, 0));
    assert_eq!(unseen(&dovecot).await, (vec![], 3));

    let (report, seen) = pass(None).await;
    assert!(seen.is_empty());
    assert_eq!(report, PassReport::default());
}

#[tokio::test]
async fn imap_refuses_a_server_certificate_it_was_not_told_to_trust() {
    let Some(dovecot) = Dovecot::start("imap_refuses_an_untrusted_certificate") else {
        return;
    };
    let account = ImapAccount::from_url(&dovecot.url(None)).unwrap();
    let never = |_: Vec<u8>| async { Ok::<_, &str>(()) };

    let err = fetch_pass(&account, None, never).await.unwrap_err();
    assert!(
        matches!(err, ImapError::UntrustedCertificate { .. }),
        "{err:?}"
    );
    let said = err.to_string();
    assert!(
        said.contains("not trusted") && said.contains("mail.imap_ca_file"),
        "{said}"
    );

    let ca = dovecot.ca_file();
    assert_eq!(
        fetch_pass(&account, Some(&ca), never).await.unwrap(),
        PassReport::default(),
        "trusted through mail.imap_ca_file"
    );

    let wrong = ImapAccount::from_url(&dovecot.url(Some("otra"))).unwrap();
    let err = fetch_pass(&wrong, Some(&ca), never).await.unwrap_err();
    assert!(matches!(err, ImapError::LoginRefused { .. }), "{err:?}");
}

#[tokio::test]
async fn imap_serve_polls_the_reply_mailbox() {
    let Some(dovecot) = Dovecot::start("imap_serve_polls_the_reply_mailbox") else {
        return;
    };
    // Nobody's reply key: handled (to be bounced) at once, so marked seen.
    append(&dovecot, &message(1)).await;
    let url = dovecot.url(None);
    let ca = dovecot.ca_file();
    let _app = crate::helpers::spawn_app_with(|s| {
        s.mail.reply_to = Some("respuestas@foro.example.org".into());
        s.mail.imap_url = Some(secrecy::SecretString::from(url));
        s.mail.imap_ca_file = Some(ca);
        s.mail.imap_poll_seconds = 1;
    })
    .await;
    let started = std::time::Instant::now();
    while unseen(&dovecot).await.0 == [1] {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(15),
            "serve never read the mailbox: {}",
            dovecot.log()
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    append(&dovecot, &message(2)).await;
    let started = std::time::Instant::now();
    while !unseen(&dovecot).await.0.is_empty() {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(15),
            "serve read the mailbox only once"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
}

#[tokio::test]
async fn imap_a_silent_server_cannot_hold_a_pass() {
    // Accepts connections and never says a word (no TLS handshake, no greeting).
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = silent.local_addr().unwrap().port();
    let held = tokio::spawn(async move {
        let mut open = Vec::new();
        while let Ok((socket, _)) = silent.accept().await {
            open.push(socket);
        }
    });
    let mut account = ImapAccount::from_url(&format!("imaps://u:p@127.0.0.1:{port}/")).unwrap();
    account.timeouts = Timeouts {
        connect: std::time::Duration::from_millis(300),
        step: std::time::Duration::from_millis(300),
    };
    let started = std::time::Instant::now();
    let err = fetch_pass(&account, None, |_| async { Ok::<_, &str>(()) })
        .await
        .unwrap_err();
    assert!(matches!(err, ImapError::Timeout { .. }), "{err:?}");
    assert!(err.to_string().contains("did not answer"), "{err}");
    assert!(started.elapsed() < std::time::Duration::from_secs(3));
    held.abort();
}
