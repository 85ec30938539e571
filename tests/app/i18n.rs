//! Every message a template uses exists in both catalogues, and the catalogues agree.

use std::collections::BTreeSet;
use std::path::Path;

use tertulia::domain::Locale;
use tertulia::i18n::has_message;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn files(dir: &Path, ext: &str, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, ext, out);
        } else if path.to_string_lossy().ends_with(ext) {
            out.push(path);
        }
    }
}

fn catalogue_keys(locale: &str) -> BTreeSet<String> {
    let mut paths = Vec::new();
    files(
        &root().join("templates/i18n").join(locale),
        ".ftl",
        &mut paths,
    );
    paths
        .iter()
        .flat_map(|p| {
            std::fs::read_to_string(p)
                .unwrap()
                .lines()
                .filter_map(|l| l.split_once(" =").map(|(k, _)| k.to_string()))
                .filter(|k| !k.is_empty() && !k.starts_with([' ', '#', '*', '[']))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn both_catalogues_have_the_same_messages() {
    let es = catalogue_keys("es");
    let en = catalogue_keys("en");
    assert!(es.len() > 20);
    assert_eq!(
        es.symmetric_difference(&en).collect::<Vec<_>>(),
        Vec::<&String>::new()
    );
}

#[test]
fn every_message_a_template_uses_exists_in_both_languages() {
    let mut paths = Vec::new();
    files(&root().join("templates"), ".hbs", &mut paths);
    let mut used = BTreeSet::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        for piece in text.split("{{t \"").skip(1) {
            used.insert(piece.split('"').next().unwrap().to_string());
        }
    }
    assert!(used.len() > 10);
    for key in &used {
        for locale in Locale::ALL {
            assert!(has_message(locale, key), "{key} missing in {locale}");
        }
    }
}
