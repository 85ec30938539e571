//! Tertulia: a Spanish-first discussion forum for civic communities, served from one binary on
//! SQLite or PostgreSQL.

pub mod config;
pub mod db;
pub mod domain;
pub mod email;
pub mod error;
pub mod i18n;
pub mod services;
pub mod startup;
pub mod telemetry;
pub mod templates;
pub mod web;
