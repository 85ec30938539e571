//! The corpus: one realistic message per mail client and encoding under
//! `tests/fixtures/mail/`, each with the exact text a member meant to post.

use super::{parse, AutoKind, Inbound, InboundConfig, Refusal};

/// The messages with a text to post; `NAME.txt` beside `NAME.eml` holds exactly that text
/// (the integration tests post the same messages and compare with the same files).
const WITH_TEXT: [&str; 16] = [
    "gmail_es",
    "gmail_en",
    "outlook_es",
    "outlook_en",
    "apple_es",
    "apple_en",
    "thunderbird_es",
    "thunderbird_en",
    "html_only",
    "quoted_printable",
    "base64",
    "iso_8859_1",
    "attachment",
    "auto_reply",
    "unknown_charset",
    "dmarc_fail",
];

fn config() -> InboundConfig {
    InboundConfig::new("respuestas@foro.example.org", Some("mx.foro.example.org"))
}

fn fixture(name: &str) -> Vec<u8> {
    fixture_file(&format!("{name}.eml"))
}

fn fixture_file(file: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/mail/{file}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn expected(name: &str) -> String {
    let raw = fixture_file(&format!("{name}.txt"));
    String::from_utf8(raw).expect("UTF-8")
}

fn read(name: &str) -> Inbound {
    let message = parse(&fixture(name), &config());
    assert_eq!(message.refusal, None, "{name}");
    message
}

#[test]
fn every_client_yields_exactly_the_new_text() {
    for name in WITH_TEXT {
        assert_eq!(read(name).text, expected(name), "{name}");
    }
}

#[test]
fn sender_and_keys_come_from_every_recipient_header() {
    let cases = [
        (
            "gmail_es",
            "luis.gomez.demo@gmail.example",
            vec!["k7f3a9c2"],
        ),
        ("outlook_en", "sam.demo@outlook.example", vec!["d4e6f8a0"]),
        ("apple_en", "jo.demo@me.example", vec!["f6a8b0c2"]),
        (
            "thunderbird_es",
            "jorge.demo@correo.example",
            vec!["a1b2c3d4"],
        ),
        ("thunderbird_en", "alex.demo@mail.example", vec!["b1c2d3e4"]),
    ];
    for (name, from, keys) in cases {
        let inbound = read(name);
        assert_eq!(inbound.from.as_deref(), Some(from), "{name}");
        assert_eq!(inbound.keys, keys, "{name}");
    }
}

#[test]
fn message_ids_lose_their_brackets_and_are_synthesised_when_missing() {
    assert_eq!(
        read("outlook_es").message_id,
        "AM0PR01MB1234DEMO5678@AM0PR01MB1234.eurprd01.prod.outlook.example"
    );
    let synthesised = read("iso_8859_1").message_id;
    assert!(synthesised.starts_with("sha256-"), "{synthesised}");
    assert_eq!(read("iso_8859_1").message_id, synthesised);
    assert_ne!(read("base64").message_id, synthesised);
}

#[test]
fn automatic_mail_is_recognised_by_its_headers() {
    assert_eq!(read("auto_reply").auto, Some(AutoKind::AutoReplied));
    assert_eq!(read("bulk").auto, Some(AutoKind::Bulk));
    let bounce = read("empty_return_path");
    assert!(bounce.return_path_empty);
    for name in WITH_TEXT.into_iter().filter(|n| *n != "auto_reply") {
        let inbound = read(name);
        assert_eq!(inbound.auto, None, "{name}");
        assert!(!inbound.return_path_empty, "{name}");
    }
}

#[test]
fn only_the_configured_server_s_dmarc_verdict_counts() {
    assert!(read("dmarc_fail").dmarc_fail);
    assert!(
        !read("gmail_es").dmarc_fail,
        "a fail from another server is ignored"
    );
    let unconfigured = InboundConfig::new("respuestas@foro.example.org", None);
    assert!(!parse(&fixture("dmarc_fail"), &unconfigured).dmarc_fail);
}

#[test]
fn attachments_are_noticed() {
    assert!(read("attachment").had_attachments);
    assert!(!read("gmail_es").had_attachments);
}

#[test]
fn nothing_but_quotes_is_empty() {
    let message = parse(&fixture("only_quoted"), &config());
    assert_eq!(message.refusal, Some(Refusal::Empty));
    assert!(!message.keys.is_empty(), "the member can still be told");
}

#[test]
fn garbage_bytes_are_refused_without_panicking() {
    assert!(parse(&fixture("malformed"), &config()).refusal.is_some());
    let nothing = parse(b"", &config());
    assert_eq!(nothing.refusal, Some(Refusal::NoSender));
    assert!(nothing.keys.is_empty());
}

#[test]
fn a_message_over_the_limit_is_refused_before_parsing() {
    let mut raw = fixture("base64");
    raw.resize(InboundConfig::DEFAULT_MAX_BYTES + 1, b'a');
    let large = parse(&raw, &config());
    assert_eq!(
        large.refusal,
        Some(Refusal::TooLarge {
            limit: InboundConfig::DEFAULT_MAX_BYTES
        })
    );
    assert_eq!(large.from.as_deref(), Some("nuria.demo@example.net"));
    assert!(!large.keys.is_empty(), "its headers are still read");
    assert!(large.text.is_empty());
    raw.truncate(InboundConfig::DEFAULT_MAX_BYTES);
    assert!(!matches!(
        parse(&raw, &config()).refusal,
        Some(Refusal::TooLarge { .. })
    ));
}

/// The HTML alternative of each multipart reply, read alone, gives the same text: the HTML path
/// is exercised on real client markup, not only on the HTML-only message.
#[test]
fn html_alternatives_agree_with_their_plain_parts() {
    for name in ["gmail_es", "gmail_en", "outlook_en", "apple_en"] {
        let raw = fixture(name);
        let message = mail_parser::MessageParser::default().parse(&raw).unwrap();
        let html = message.body_html(0).unwrap();
        assert_eq!(
            super::new_text(&super::html::to_text(&html)),
            expected(name),
            "{name}"
        );
    }
}
