//! Browser tests: Debian's Chromium, driven through chromedriver, against the real server. Each
//! story runs with JavaScript off and on; axe-core checks every page type in light and dark;
//! the Nu Html Checker validates the same pages and jing the Atom feeds. Without chromedriver
//! (or a checker) the suite says plainly that it did not run, unless `TERTULIA_BROWSER_TESTS=required`.

#[path = "../app/atom.rs"]
mod atom;
#[allow(dead_code)]
#[path = "../app/helpers.rs"]
mod helpers;
#[allow(dead_code)]
#[path = "../app/mail.rs"]
mod mail;
#[allow(dead_code)]
#[path = "../app/site.rs"]
mod site;

mod access;
mod drafts;
mod driver;
mod phone;
mod stories;
mod validity;

/// Two rustls crypto providers are linked into this binary (ring and aws-lc); pick one.
pub fn init() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}
