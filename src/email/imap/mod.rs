//! Reading replies from an IMAP mailbox: one pass hands each unseen message to a handler, one
//! at a time, and marks it seen only once the handler has dealt with it.

mod account;
mod tls;

use std::fmt::Display;
use std::future::Future;
use std::path::Path;
use std::time::Duration;

use futures::TryStreamExt;
use secrecy::ExposeSecret;
use tokio::net::TcpStream;
use tokio::time::timeout;
use tokio_rustls::rustls::pki_types::ServerName;

pub use account::ImapAccount;

/// How long a stalled server may hold a pass at each step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// The TCP connection, the TLS handshake and the greeting, each.
    pub connect: Duration,
    /// Any one IMAP command, a whole message's download included.
    pub step: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Self {
            connect: Duration::from_secs(15),
            step: Duration::from_secs(60),
        }
    }
}

type Session = async_imap::Session<tokio_rustls::client::TlsStream<TcpStream>>;

/// What one pass did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PassReport {
    /// Handled and marked seen.
    pub handled: usize,
    /// The handler failed: left unseen for the next pass.
    pub left: usize,
    /// The handler's first failure, when `left` is not zero.
    pub first_error: Option<String>,
}

/// Why a pass could not run (or stopped).
#[derive(Debug, thiserror::Error)]
pub enum ImapError {
    /// No TCP or TLS connection (refused, unresolved, closed at once).
    #[error("the IMAP server {server} cannot be reached: {detail}")]
    Unreachable { server: String, detail: String },
    /// rustls refused the server's certificate.
    #[error("the IMAP server {server} presented a certificate that is not trusted ({detail}); if it is private or self-signed, put its CA certificate in mail.imap_ca_file")]
    UntrustedCertificate { server: String, detail: String },
    /// The server answered the login with NO or BAD.
    #[error("the IMAP server {server} refused the login of {user}: {detail}")]
    LoginRefused {
        server: String,
        user: String,
        detail: String,
    },
    /// A step took longer than its timeout.
    #[error("the IMAP server {server} did not answer within {seconds} s while {step}")]
    Timeout {
        server: String,
        step: &'static str,
        seconds: f32,
    },
    /// A command failed after login.
    #[error("the IMAP server {server} failed while {step}: {detail}")]
    Protocol {
        server: String,
        step: &'static str,
        detail: String,
    },
    /// Our own configuration cannot be used (the CA file, the host name).
    #[error("{0}")]
    Setup(String),
}

/// One pass over `account`'s mailbox: every unseen message (UID order) goes to `handle` as raw
/// bytes, fetched with `BODY.PEEK[]` so reading alone marks nothing. `Ok` marks it `\Seen`;
/// `Err` leaves it unseen for the next pass and the pass goes on with the rest.
pub async fn fetch_pass<H, F, E>(
    account: &ImapAccount,
    ca_file: Option<&Path>,
    mut handle: H,
) -> Result<PassReport, ImapError>
where
    H: FnMut(Vec<u8>) -> F,
    F: Future<Output = Result<(), E>>,
    E: Display,
{
    let mut session = open(account, ca_file).await?;
    let server = account.server();
    let fail = |step| {
        let server = server.clone();
        move |e: async_imap::error::Error| ImapError::Protocol {
            server,
            step,
            detail: e.to_string(),
        }
    };
    let step = |step: &'static str| (server.as_str(), step, account.timeouts.step);
    within(
        step("selecting the mailbox"),
        session.select(&account.mailbox),
    )
    .await?
    .map_err(fail("selecting the mailbox"))?;
    let mut uids: Vec<u32> = within(step("searching"), session.uid_search("UNSEEN"))
        .await?
        .map_err(fail("searching"))?
        .into_iter()
        .collect();
    uids.sort_unstable();
    let mut report = PassReport::default();
    for uid in uids {
        let Some(raw) = within(step("fetching a message"), fetch_one(&mut session, uid))
            .await?
            .map_err(fail("fetching a message"))?
        else {
            continue;
        };
        match handle(raw).await {
            Ok(()) => {
                within(step("marking a message seen"), mark_seen(&mut session, uid))
                    .await?
                    .map_err(fail("marking a message seen"))?;
                report.handled += 1;
            }
            Err(e) => {
                tracing::debug!(uid, "a message was left unseen for the next pass: {e}");
                report.left += 1;
                report.first_error.get_or_insert_with(|| e.to_string());
            }
        }
    }
    let _ = within(step("logging out"), session.logout()).await;
    Ok(report)
}

/// Connects, checks the greeting and logs in.
async fn open(account: &ImapAccount, ca_file: Option<&Path>) -> Result<Session, ImapError> {
    let server = account.server();
    let unreachable = |detail: String| ImapError::Unreachable {
        server: server.clone(),
        detail,
    };
    let connector = tls::connector(ca_file).map_err(ImapError::Setup)?;
    let name = ServerName::try_from(account.host.clone())
        .map_err(|e| ImapError::Setup(format!("mail.imap_url has a bad host name: {e}")))?;
    let tcp = within(
        (&server, "connecting", account.timeouts.connect),
        TcpStream::connect((account.host.as_str(), account.port)),
    )
    .await?
    .map_err(|e| unreachable(e.to_string()))?;
    let tls = within(
        (&server, "starting TLS", account.timeouts.connect),
        connector.connect(name, tcp),
    )
    .await?
    .map_err(|e| {
        if tls::is_untrusted_certificate(&e) {
            ImapError::UntrustedCertificate {
                server: server.clone(),
                detail: e.to_string(),
            }
        } else {
            unreachable(format!("TLS failed: {e}"))
        }
    })?;
    let mut client = async_imap::Client::new(tls);
    let greeting = within(
        (&server, "greeting", account.timeouts.connect),
        client.read_response(),
    )
    .await?
    .map_err(|e| unreachable(e.to_string()))?;
    if greeting.is_none() {
        return Err(unreachable("it closed the connection at once".into()));
    }
    let login = client.login(&account.user, account.password.expose_secret());
    match within((&server, "logging in", account.timeouts.step), login).await? {
        Ok(session) => Ok(session),
        Err((e, _)) => Err(ImapError::LoginRefused {
            server: server.clone(),
            user: account.user.clone(),
            detail: e.to_string(),
        }),
    }
}

/// The raw message of `uid`; `None` when it is gone (expunged by someone else meanwhile).
async fn fetch_one(session: &mut Session, uid: u32) -> async_imap::error::Result<Option<Vec<u8>>> {
    let fetches: Vec<_> = session
        .uid_fetch(uid.to_string(), "BODY.PEEK[]")
        .await?
        .try_collect()
        .await?;
    Ok(fetches
        .iter()
        .find(|f| f.uid == Some(uid))
        .and_then(|f| f.body())
        .map(<[u8]>::to_vec))
}

async fn mark_seen(session: &mut Session, uid: u32) -> async_imap::error::Result<()> {
    let _: Vec<_> = session
        .uid_store(uid.to_string(), "+FLAGS (\\Seen)")
        .await?
        .try_collect()
        .await?;
    Ok(())
}

/// `work` within `limit`, so a stalled server cannot hang the caller; `step` names it.
async fn within<T>(
    (server, step, limit): (&str, &'static str, Duration),
    work: impl Future<Output = T>,
) -> Result<T, ImapError> {
    timeout(limit, work).await.map_err(|_| ImapError::Timeout {
        server: server.to_string(),
        step,
        seconds: limit.as_secs_f32(),
    })
}
