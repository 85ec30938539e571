//! Transports: SMTP (lettre, rustls), one `.eml` file per message, or the log.

use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::PoolConfig;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use secrecy::ExposeSecret;

use crate::config::{MailSettings, MailTransport};
use crate::domain::mask_email;

/// A rendered message ready for a transport.
#[derive(Debug, Clone)]
pub struct OutgoingEmail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// Without angle brackets: `id@host`.
    pub message_id: String,
    pub headers: Vec<(String, String)>,
}

/// Why a message was not delivered; permanent failures are not retried.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{message}")]
pub struct SendError {
    pub permanent: bool,
    pub message: String,
}

impl SendError {
    fn permanent(message: impl ToString) -> Self {
        Self {
            permanent: true,
            message: message.to_string(),
        }
    }

    fn transient(message: impl ToString) -> Self {
        Self {
            permanent: false,
            message: message.to_string(),
        }
    }
}

/// The configured transport.
#[derive(Clone)]
pub enum Mailer {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// One `.eml` per message in this folder, named after its Message-ID.
    File(std::path::PathBuf),
    Log,
}

/// Connections kept open to the SMTP server (messages go out in parallel over them).
const SMTP_CONNECTIONS: u32 = 16;

impl Mailer {
    /// Builds the transport named by `mail.transport`.
    pub fn from_settings(settings: &MailSettings) -> anyhow::Result<Self> {
        match settings.transport {
            MailTransport::Log => Ok(Mailer::Log),
            MailTransport::File => {
                std::fs::create_dir_all(&settings.dir).map_err(|e| {
                    anyhow::anyhow!("cannot create mail.dir {}: {e}", settings.dir.display())
                })?;
                Ok(Mailer::File(settings.dir.clone()))
            }
            MailTransport::Smtp => {
                let url = settings
                    .smtp_url
                    .as_ref()
                    .ok_or_else(|| anyhow::anyhow!("mail.smtp_url is required for smtp"))?;
                let mut url = url::Url::parse(url.expose_secret())
                    .map_err(|e| anyhow::anyhow!("mail.smtp_url cannot be used: {e}"))?;
                // smtp:// upgrades with STARTTLS whenever the server offers it.
                if url.scheme() == "smtp" && !url.query_pairs().any(|(k, _)| k == "tls") {
                    url.query_pairs_mut().append_pair("tls", "opportunistic");
                }
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url.as_str())
                    .map_err(|e| anyhow::anyhow!("mail.smtp_url cannot be used: {e}"))?
                    .pool_config(PoolConfig::new().max_size(SMTP_CONNECTIONS))
                    .build();
                Ok(Mailer::Smtp(transport))
            }
        }
    }

    /// Sends one message as multipart/alternative (plain text and HTML).
    pub async fn send(&self, from: &str, email: &OutgoingEmail) -> Result<(), SendError> {
        let message = build_message(from, email)?;
        match self {
            Mailer::Smtp(t) => t.send(message).await.map(drop).map_err(|e| {
                if e.is_permanent() {
                    SendError::permanent(e)
                } else {
                    SendError::transient(e)
                }
            }),
            Mailer::File(dir) => write_eml(dir, &email.message_id, &message.formatted()).await,
            Mailer::Log => {
                tracing::info!(
                    to = mask_email(&email.to),
                    subject = email.subject,
                    "email (log transport)"
                );
                Ok(())
            }
        }
    }
}

/// Writes the message whole or not at all (a reader of the folder never sees half a file);
/// the name comes from the Message-ID, so sending a message again replaces it.
async fn write_eml(dir: &std::path::Path, message_id: &str, bytes: &[u8]) -> Result<(), SendError> {
    let name = message_id.split('@').next().unwrap_or(message_id);
    let partial = dir.join(format!(".{name}.part"));
    tokio::fs::write(&partial, bytes)
        .await
        .map_err(SendError::transient)?;
    tokio::fs::rename(&partial, dir.join(format!("{name}.eml")))
        .await
        .map_err(SendError::transient)
}

fn build_message(from: &str, email: &OutgoingEmail) -> Result<Message, SendError> {
    let from: Mailbox = from
        .parse()
        .map_err(|e| SendError::permanent(format!("mail.from is not an address: {e}")))?;
    let to: Mailbox = email
        .to
        .parse()
        .map_err(|e| SendError::permanent(format!("recipient is not an address: {e}")))?;
    let mut builder = Message::builder()
        .from(from)
        .to(to)
        .subject(email.subject.clone())
        .message_id(Some(format!("<{}>", email.message_id)))
        .date_now();
    for (name, value) in &email.headers {
        if value.chars().any(char::is_control) {
            return Err(SendError::permanent(format!(
                "header {name} has a control character in its value"
            )));
        }
        let name = HeaderName::new_from_ascii(name.clone())
            .map_err(|e| SendError::permanent(format!("bad header name: {e}")))?;
        builder = builder.raw_header(HeaderValue::new(name, value.clone()));
    }
    builder
        .multipart(MultiPart::alternative_plain_html(
            email.text.clone(),
            email.html.clone(),
        ))
        .map_err(|e| SendError::permanent(format!("cannot build the message: {e}")))
}
