//! Queuing email: a row in the outbox, in the caller's transaction; the worker sends it.

use chrono::Utc;
use std::sync::Arc;

use serde::Serialize;

use super::digest_content::Section;
use crate::db::{self, outbox::NewOutbox, DbConn, DbError};
use crate::domain::{EmailKind, Frequency, Locale};

/// One message to queue.
pub struct Email<'a> {
    /// Unique per message: a second enqueue with the same key sends nothing more.
    pub key: String,
    pub to: &'a str,
    pub locale: Locale,
    pub message: Message,
}

/// What one email says: its kind and exactly the data its templates read, one variant per
/// kind. The templates of a kind are tested against its variant, so a template that reads a
/// field no payload has fails a test, not a delivery.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Message {
    Verify {
        username: String,
        link: String,
        hours: i64,
    },
    AlreadyRegistered {
        username: String,
    },
    Reset {
        username: String,
        link: String,
        minutes: i64,
    },
    EmailChange {
        username: String,
        link: String,
        hours: i64,
    },
    /// Confirms a work address that verifies a stakeholder label.
    Affiliation {
        username: String,
        organization: String,
        link: String,
        hours: i64,
    },
    EmailChanged {
        username: String,
        /// Masked.
        new_email: String,
    },
    SubscribeConfirm {
        link: String,
        unsubscribe_link: String,
        /// The boards' names, in the recipient's language.
        boards: String,
        frequency: Frequency,
        days: i64,
        /// Catalogue key of the line that says why this came.
        footer: &'static str,
    },
    Digest(Box<Digest>),
    Watch {
        title: String,
        count: usize,
        /// Who replied, once each; `None` for a member who deleted their account.
        authors: Vec<Option<String>>,
        link: String,
        thread_link: String,
        footer: &'static str,
        /// Reply by email (`Reply-To`) and threading (`In-Reply-To`, `References`) headers.
        headers: Vec<(&'static str, String)>,
        /// With reply by email on, a reply to this email answers the newest post.
        replies_to: Option<String>,
    },
    PostHidden(Decision),
    PostRejected(Decision),
    Suspended(Decision),
    Banned(Decision),
    ReportUrgent {
        username: String,
        link: String,
    },
    Notifications {
        /// Unread notifications told (`items` may show fewer).
        count: usize,
        /// How many of them `items` leaves out.
        more: usize,
        items: Vec<super::notifications::Item>,
        link: String,
        /// Turns these emails off in one click.
        off_link: String,
        footer: &'static str,
        /// Extra headers (one-click unsubscribe, reply by email).
        headers: Vec<(&'static str, String)>,
        /// With reply by email on: the thread whose post a reply to this email answers.
        replies_to: Option<String>,
    },
    /// A reply by email that was not posted, and why.
    ReplyRefused {
        username: String,
        /// The thread replied in.
        title: String,
        /// Catalogue key of the reason.
        reason: String,
        /// What the member wrote, to post from the web; `None` when the sender was not the
        /// member (their address must not carry a stranger's words).
        text: Option<String>,
        link: String,
        footer: &'static str,
    },
}

/// A digest: the boards' sections and how to manage or end the subscription.
#[derive(Debug, Clone, Serialize)]
pub struct Digest {
    pub frequency: Frequency,
    /// The period covered, in words of the recipient's language.
    pub period: String,
    /// One section per board with news (shared by the run's messages, not copied).
    pub boards: Vec<Arc<Section>>,
    pub member: bool,
    pub footer: &'static str,
    pub manage_link: &'static str,
    pub unsubscribe_link: String,
    /// Extra headers (list id, one-click unsubscribe).
    pub headers: Vec<(&'static str, String)>,
}

/// A moderation decision as told to the member it concerns.
#[derive(Debug, Clone, Serialize)]
pub struct Decision {
    pub username: String,
    /// The rule cited (0 when none).
    pub rule: i32,
    pub reason: String,
    pub log_id: i64,
    /// Where to appeal or read the rules.
    pub link: String,
}

impl Message {
    /// The kind, which names the templates.
    pub fn kind(&self) -> EmailKind {
        match self {
            Message::Verify { .. } => EmailKind::Verify,
            Message::AlreadyRegistered { .. } => EmailKind::AlreadyRegistered,
            Message::Reset { .. } => EmailKind::Reset,
            Message::EmailChange { .. } => EmailKind::EmailChange,
            Message::Affiliation { .. } => EmailKind::Affiliation,
            Message::EmailChanged { .. } => EmailKind::EmailChanged,
            Message::SubscribeConfirm { .. } => EmailKind::SubscribeConfirm,
            Message::Digest(_) => EmailKind::Digest,
            Message::Watch { .. } => EmailKind::Watch,
            Message::PostHidden(_) => EmailKind::PostHidden,
            Message::PostRejected(_) => EmailKind::PostRejected,
            Message::Suspended(_) => EmailKind::Suspended,
            Message::Banned(_) => EmailKind::Banned,
            Message::ReportUrgent { .. } => EmailKind::ReportUrgent,
            Message::Notifications { .. } => EmailKind::Notifications,
            Message::ReplyRefused { .. } => EmailKind::ReplyRefused,
        }
    }
}

/// Queues `email`; false when a message with the same key was already queued.
pub fn enqueue(conn: &mut DbConn, email: Email<'_>) -> Result<bool, DbError> {
    let now = Utc::now().naive_utc();
    let payload = serde_json::to_string(&email.message)
        .map_err(|e| DbError::SerializationError(Box::new(e)))?;
    db::outbox::insert_once(
        conn,
        &NewOutbox {
            idempotency_key: &email.key,
            kind: email.message.kind(),
            recipient: email.to,
            locale: email.locale,
            payload: &payload,
            status: "queued",
            next_attempt_at: now,
            created_at: now,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::super::digest_content::{AnsweredItem, OpenedItem, ReplyItem, SynthesisItem};
    use super::*;
    use crate::email::EmailRenderer;

    /// A message of each kind, as the services build them.
    fn sample(kind: EmailKind) -> Message {
        let decision = || Decision {
            username: "ana".into(),
            rule: 2,
            reason: "Insultos".into(),
            log_id: 7,
            link: "/appeal".into(),
        };
        match kind {
            EmailKind::Verify => Message::Verify {
                username: "ana".into(),
                link: "/verify/x".into(),
                hours: 48,
            },
            EmailKind::AlreadyRegistered => Message::AlreadyRegistered {
                username: "ana".into(),
            },
            EmailKind::Reset => Message::Reset {
                username: "ana".into(),
                link: "/password/reset/x".into(),
                minutes: 60,
            },
            EmailKind::EmailChange => Message::EmailChange {
                username: "ana".into(),
                link: "/verify/x".into(),
                hours: 48,
            },
            EmailKind::Affiliation => Message::Affiliation {
                username: "ana".into(),
                organization: "Fundación Acceso".into(),
                link: "/settings/affiliation/x".into(),
                hours: 48,
            },
            EmailKind::EmailChanged => Message::EmailChanged {
                username: "ana".into(),
                new_email: "a***@example.org".into(),
            },
            EmailKind::SubscribeConfirm => Message::SubscribeConfirm {
                link: "/subscribe/confirm/x".into(),
                unsubscribe_link: "/unsubscribe/x".into(),
                boards: "Educación".into(),
                frequency: Frequency::Weekly,
                days: 7,
                footer: "email-subscribe-footer",
            },
            EmailKind::Digest => Message::Digest(Box::new(Digest {
                frequency: Frequency::Daily,
                period: "27 de noviembre".into(),
                boards: vec![Arc::new(Section {
                    name: "Educación".into(),
                    link: "/b/educacion".into(),
                    syntheses: vec![SynthesisItem {
                        title: "Ley de ciberdelitos".into(),
                        excerpt: "Hubo acuerdo.".into(),
                        link: "/t/3#synthesis".into(),
                    }],
                    new_threads: vec![OpenedItem {
                        title: "Un hilo".into(),
                        author: Some("ana".into()),
                        author_label: Some(crate::services::labels::Label {
                            stakeholder: crate::domain::Stakeholder::CivilSociety,
                            group: "stakeholder-civil_society".into(),
                            organization: Some("Fundación Acceso".into()),
                            verified: true,
                        }),
                        excerpt: "Hola".into(),
                        link: "/t/1".into(),
                    }],
                    active_threads: vec![AnsweredItem {
                        title: "Otro hilo".into(),
                        count: 9,
                        authors: vec![Some("ana".into()), None],
                        more_authors: 3,
                        replies: vec![
                            ReplyItem {
                                author: Some("luis".into()),
                                author_label: None,
                                excerpt: "De acuerdo…".into(),
                                link: "/p/5".into(),
                            },
                            ReplyItem {
                                author: None,
                                author_label: None,
                                excerpt: "No tanto.".into(),
                                link: "/p/2".into(),
                            },
                        ],
                        more: 7,
                        link: "/p/2".into(),
                    }],
                    more_threads: 2,
                })],
                member: true,
                footer: "digest-why-member",
                manage_link: "/settings",
                unsubscribe_link: "/unsubscribe/x".into(),
                headers: vec![("List-Id", "<x.example.org>".into())],
            })),
            EmailKind::Watch => Message::Watch {
                title: "Un hilo".into(),
                count: 2,
                authors: vec![Some("ana".into()), None],
                link: "/p/1".into(),
                thread_link: "/t/1".into(),
                footer: "watch-why",
                headers: Vec::new(),
                replies_to: Some("Un hilo".into()),
            },
            EmailKind::PostHidden => Message::PostHidden(decision()),
            EmailKind::PostRejected => Message::PostRejected(decision()),
            EmailKind::Suspended => Message::Suspended(decision()),
            EmailKind::Banned => Message::Banned(decision()),
            EmailKind::ReportUrgent => Message::ReportUrgent {
                username: "ana".into(),
                link: "/mod#q1".into(),
            },
            EmailKind::Notifications => {
                use crate::domain::{ModAction, NotificationKind};
                let item = |kind, actor: Option<&str>, action| super::super::notifications::Item {
                    id: 1,
                    kind,
                    actor: actor.map(String::from),
                    thread_title: Some("Un hilo".into()),
                    action,
                    created_at: chrono::NaiveDateTime::default(),
                    unread: true,
                    link: "/p/1".into(),
                };
                let mut items: Vec<_> = NotificationKind::ALL
                    .into_iter()
                    .map(|k| item(k, Some("ana"), None))
                    .collect();
                items.push(item(NotificationKind::Reply, None, None));
                items.push(item(
                    NotificationKind::Moderation,
                    None,
                    Some(ModAction::Approve),
                ));
                Message::Notifications {
                    count: 9,
                    more: 1,
                    items,
                    link: "/notifications".into(),
                    off_link: "/notifications/email-off/1.x".into(),
                    footer: "notifications-why",
                    headers: vec![("List-Unsubscribe-Post", "List-Unsubscribe=One-Click".into())],
                    replies_to: Some("Un hilo".into()),
                }
            }
            EmailKind::ReplyRefused => Message::ReplyRefused {
                username: "ana".into(),
                title: "Un hilo".into(),
                reason: "thread-locked".into(),
                text: Some("Estoy de acuerdo.".into()),
                link: "/t/1".into(),
                footer: "reply-refused-why",
            },
        }
    }

    #[test]
    fn every_kind_renders_from_its_payload_alone_in_both_languages() {
        let base = url::Url::parse("https://foro.example.org").unwrap();
        let renderer = EmailRenderer::new(chrono_tz::UTC, &base).unwrap().strict();
        for kind in EmailKind::ALL {
            let message = sample(kind);
            assert_eq!(message.kind(), kind);
            let payload = serde_json::to_value(&message).unwrap();
            for locale in Locale::ALL {
                let email = renderer
                    .render(kind, locale, &payload)
                    .unwrap_or_else(|e| panic!("{kind} ({locale}): {e:#}"));
                assert!(!email.subject.is_empty(), "{kind} ({locale}): no subject");
                assert!(
                    !email.text.trim().is_empty() && !email.html.trim().is_empty(),
                    "{kind} ({locale}): an empty body"
                );
            }
        }
    }

    #[test]
    fn a_digest_queued_before_replies_had_excerpts_still_renders() {
        let base = url::Url::parse("https://foro.example.org").unwrap();
        let renderer = EmailRenderer::new(chrono_tz::UTC, &base).unwrap().strict();
        let mut payload = serde_json::to_value(sample(EmailKind::Digest)).unwrap();
        let board = payload["boards"][0].as_object_mut().unwrap();
        board.remove("more_threads");
        board.remove("syntheses");
        let item = payload["boards"][0]["active_threads"][0]
            .as_object_mut()
            .unwrap();
        for newer in ["more_authors", "replies", "more"] {
            item.remove(newer);
        }
        let email = renderer
            .render(EmailKind::Digest, Locale::Es, &payload)
            .unwrap();
        assert!(
            email.text.contains(
                "* Otro hilo: 9 respuestas nuevas de ana, miembro eliminado\n  https://foro.example.org/p/2\n"
            ),
            "{}",
            email.text
        );
        assert!(!email.text.contains(" más"), "{}", email.text);
        assert!(email
            .html
            .contains("9 respuestas nuevas de ana, miembro eliminado</span>"));
    }
}
