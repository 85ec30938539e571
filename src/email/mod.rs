//! Email: the transports, message rendering from `templates/email/`, and the outbox worker
//! that alone sends what services queued; `inbound` reads the replies members send back.

pub mod imap;
pub mod inbound;
mod mailer;
mod render;
mod worker;

pub use mailer::{Mailer, OutgoingEmail, SendError};
pub use render::EmailRenderer;
pub use worker::{DeliveryReport, OutboxWorker};
