//! Integration tests: each starts the real server on a random port with a fresh database
//! (SQLite, or PostgreSQL when `TERTULIA_TEST_POSTGRES_URL` is set) and drives it over HTTP.

mod atom;
mod dovecot;
mod helpers;
mod mail;
mod process;
mod site;

mod accounts;
mod attacks;
mod cache;
mod cli;
mod consultations;
mod crash;
mod digest_replies;
mod digests;
mod discussions;
mod exports;
mod hardening;
mod held_posts;
mod i18n;
mod imap;
mod imap_fetch;
mod languages;
mod moderation;
mod modlog_wording;
mod notifications;
mod outage;
mod outbox;
mod pages;
mod participation;
mod queries;
mod recovery;
mod replies;
mod retention;
mod scale;
mod schema;
mod search;
mod security;
mod seed;
mod settings;
mod stakeholders;
mod transparency;
mod weight;
