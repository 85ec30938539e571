//! The mailbox `mail.imap_url` names: server, login and mailbox, read from the URL once.

use percent_encoding::percent_decode_str;
use secrecy::SecretString;
use url::Url;

/// The port of IMAP over TLS when the URL names none.
const IMAPS_PORT: u16 = 993;

/// One IMAP mailbox to read: `imaps://user:password@host[:port]/MAILBOX`.
#[derive(Debug, Clone)]
pub struct ImapAccount {
    pub host: String,
    pub port: u16,
    pub user: String,
    pub password: SecretString,
    /// `INBOX` when the URL has no path.
    pub mailbox: String,
    pub timeouts: super::Timeouts,
}

impl ImapAccount {
    /// Reads an `imaps://` URL; user, password and mailbox are percent-decoded.
    pub fn from_url(raw: &str) -> Result<Self, String> {
        let url = Url::parse(raw).map_err(|e| format!("not a URL ({e})"))?;
        if url.scheme() != "imaps" {
            return Err("not an imaps:// URL".into());
        }
        let host = url
            .host_str()
            .filter(|h| !h.is_empty())
            .ok_or("no host")?
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_string();
        let decode = |s: &str| percent_decode_str(s).decode_utf8().map(|s| s.into_owned());
        let user = decode(url.username()).map_err(|_| "the user is not UTF-8")?;
        if user.is_empty() {
            return Err("no user".into());
        }
        let password =
            decode(url.password().unwrap_or("")).map_err(|_| "the password is not UTF-8")?;
        let mailbox =
            decode(url.path().trim_start_matches('/')).map_err(|_| "the mailbox is not UTF-8")?;
        Ok(Self {
            host,
            port: url.port().unwrap_or(IMAPS_PORT),
            user,
            password: SecretString::from(password),
            timeouts: super::Timeouts::default(),
            mailbox: if mailbox.is_empty() {
                "INBOX".into()
            } else {
                mailbox
            },
        })
    }

    /// `host:port`, for messages (never the login).
    pub fn server(&self) -> String {
        format!("{}:{}", self.host, self.port)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;

    #[test]
    fn reads_every_part_and_decodes_the_login() {
        let a = ImapAccount::from_url(
            "imaps://resp%40foro:p%3As%2Fw@mail.example.org:1993/Replies%20In",
        )
        .unwrap();
        assert_eq!(a.host, "mail.example.org");
        assert_eq!(a.port, 1993);
        assert_eq!(a.user, "resp@foro");
        assert_eq!(a.password.expose_secret(), "p:s/w");
        assert_eq!(a.mailbox, "Replies In");
        assert_eq!(a.server(), "mail.example.org:1993");
    }

    #[test]
    fn defaults_to_the_inbox_on_the_imaps_port() {
        let a = ImapAccount::from_url("imaps://u:p@127.0.0.1").unwrap();
        assert_eq!((a.port, a.mailbox.as_str()), (993, "INBOX"));
        let a = ImapAccount::from_url("imaps://u:p@[::1]:2000/").unwrap();
        assert_eq!(
            (a.host.as_str(), a.port, a.mailbox.as_str()),
            ("::1", 2000, "INBOX")
        );
        assert!(ImapAccount::from_url("imap://u:p@host/").is_err());
        assert!(ImapAccount::from_url("imaps://host/").is_err());
    }
}
