//! Use cases: the only place that opens transactions. Each takes the pool and plain values and
//! returns a serialisable page or the outcome of an action.

pub mod accounts;
pub mod admin;
pub mod affiliation;
pub mod auth;
pub mod boards;
pub mod consultations;
pub mod digest_content;
pub mod digests;
pub mod discussions;
pub mod exports;
pub mod ignores;
pub mod labels;
pub mod limits;
pub mod mail;
pub mod member_digests;
pub mod moderation;
pub mod notifications;
pub mod passwords;
pub mod publishing;
pub mod reading;
pub mod recovery;
pub mod rendering;
pub mod replies_by_email;
pub mod reply_mailbox;
pub mod schedule;
pub mod seed;
pub mod settings;
pub mod site;
pub mod subscriptions;
pub mod supports;
pub mod transparency;
pub mod users;
pub mod watches;
