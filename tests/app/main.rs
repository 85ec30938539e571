//! Integration tests: each starts the real server on a random port with a fresh database
//! (SQLite, or PostgreSQL when `TERTULIA_TEST_POSTGRES_URL` is set) and drives it over HTTP.

mod helpers;

mod cli;
mod i18n;
mod pages;
mod schema;
