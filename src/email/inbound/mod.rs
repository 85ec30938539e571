//! Reading a reply email: one raw RFC 5322 message in, what the forum needs to post it out
//! (sender, reply keys, automatic-mail and DMARC signals, the member's new text). Pure: no
//! database, no network, so every mail client's quirks are pinned by the corpus tests.

mod address;
#[cfg(test)]
mod corpus;
mod entities;
mod headers;
mod html;
mod quotes;

use mail_parser::{MessageParser, PartType};

pub use headers::AutoKind;
pub use quotes::new_text;

/// What `parse` needs to know about this forum; taken as data so the caller owns configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboundConfig {
    /// The reply address without a key, e.g. `respuestas@foro.example.org`; keys are read from
    /// recipient addresses `respuestas+KEY@foro.example.org`.
    pub reply_address: String,
    /// The receiving server's authserv-id; only its `Authentication-Results` are trusted.
    pub authserv_id: Option<String>,
    /// Larger messages are refused before parsing, so a huge message costs no memory.
    pub max_bytes: usize,
}

impl InboundConfig {
    /// Ten megabytes: a reply with a photo fits, a mail bomb does not.
    pub const DEFAULT_MAX_BYTES: usize = 10 * 1024 * 1024;

    /// A configuration with the default size limit.
    pub fn new(reply_address: &str, authserv_id: Option<&str>) -> Self {
        Self {
            reply_address: reply_address.trim().to_string(),
            authserv_id: authserv_id.map(|id| id.trim().to_string()),
            max_bytes: Self::DEFAULT_MAX_BYTES,
        }
    }
}

/// One reply as the forum sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inbound {
    /// Without angle brackets; synthesised from a hash of the bytes when absent, so the same
    /// message delivered twice is still handled once.
    pub message_id: String,
    /// The `From` address, trimmed and lower-cased.
    pub from: Option<String>,
    /// `Return-Path: <>` marks a bounce or other automatic mail.
    pub return_path_empty: bool,
    /// Reply keys found in the recipient headers, in order, without duplicates.
    pub keys: Vec<String>,
    /// Set when headers say the message was sent by a program rather than a person.
    pub auto: Option<AutoKind>,
    /// The configured server said `dmarc=fail`: the sender may be forged.
    pub dmarc_fail: bool,
    /// The member's new text, without quotes, attributions or signatures.
    pub text: String,
    /// Attachments are not posted; the caller may say so to the member.
    pub had_attachments: bool,
    /// Why the message cannot become a reply, when it cannot. Its headers are still read, so
    /// the member its key names can be told why.
    pub refusal: Option<Refusal>,
}

/// Why a message cannot become a reply.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("the message is larger than the limit of {limit} bytes")]
    TooLarge { limit: usize },
    #[error("the message has no readable sender address")]
    NoSender,
    #[error("the message has no new text once quotes and signatures are removed")]
    Empty,
}

/// Where the headers of a message too large to read whole end (the bytes after the first
/// blank line are never parsed); a header section beyond this is not believed.
const MAX_HEADER_BYTES: usize = 256 * 1024;

/// Reads one raw message; never fails and never panics. The size is checked before parsing:
/// of a larger message only the headers are read. An unknown charset is decoded as lossy
/// UTF-8. Bytes with no header at all give a message with no keys.
pub fn parse(raw: &[u8], config: &InboundConfig) -> Inbound {
    let too_large = raw.len() > config.max_bytes;
    let readable = if too_large { header_section(raw) } else { raw };
    let Some(message) = MessageParser::default().parse(readable) else {
        return Inbound {
            message_id: headers::hashed_id(raw),
            from: None,
            return_path_empty: false,
            keys: Vec::new(),
            auto: None,
            dmarc_fail: false,
            text: String::new(),
            had_attachments: false,
            refusal: Some(Refusal::NoSender),
        };
    };
    let head = headers::Head::read(&message);
    let text = if too_large {
        String::new()
    } else {
        new_text(&body_text(&message))
    };
    let refusal = if too_large {
        Some(Refusal::TooLarge {
            limit: config.max_bytes,
        })
    } else if head.from.is_none() {
        Some(Refusal::NoSender)
    } else if text.is_empty() {
        Some(Refusal::Empty)
    } else {
        None
    };
    Inbound {
        message_id: head.message_id(raw),
        from: head.from.clone(),
        return_path_empty: head.return_path_empty,
        keys: head.keys(&config.reply_address),
        auto: head.auto(),
        dmarc_fail: config
            .authserv_id
            .as_deref()
            .is_some_and(|id| head.dmarc_fail(id)),
        text,
        had_attachments: !too_large && message.attachment_count() > 0,
        refusal,
    }
}

/// The bytes up to and including the blank line that ends the headers (or the first
/// `MAX_HEADER_BYTES` when there is none that early).
fn header_section(raw: &[u8]) -> &[u8] {
    let window = &raw[..raw.len().min(MAX_HEADER_BYTES)];
    let end = window
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| i + 4)
        .or_else(|| window.windows(2).position(|w| w == b"\n\n").map(|i| i + 2));
    &raw[..end.unwrap_or(window.len())]
}

/// The text/plain parts when there are any with content (clients write the reply there as the
/// member typed it), otherwise the HTML parts turned into text with their quote containers dropped.
fn body_text(message: &mail_parser::Message<'_>) -> String {
    let plain: Vec<&str> = message
        .text_bodies()
        .filter_map(|part| match &part.body {
            PartType::Text(text) if !text.trim().is_empty() => Some(text.as_ref()),
            _ => None,
        })
        .collect();
    if !plain.is_empty() {
        return plain.join("\n");
    }
    message
        .html_bodies()
        .filter_map(|part| match &part.body {
            PartType::Html(markup) => Some(html::to_text(markup)),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n")
}
