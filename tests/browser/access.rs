//! Accessibility: axe-core finds no violation on any page type, in light and dark; the
//! keyboard reaches everything with the focus visible, starting with a skip link.

use std::path::PathBuf;

use anyhow::{ensure, Context, Result};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use serde_json::Value;

use crate::driver::{not_run, Browser, Driver, Js, Scheme};
use crate::site::{Site, Viewer};
use crate::stories::log_in;

/// axe-core as installed from the npm registry (`npm install axe-core`), or `TERTULIA_AXE_JS`.
fn axe_source() -> Option<String> {
    let path = std::env::var("TERTULIA_AXE_JS")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("node_modules/axe-core/axe.min.js")
        });
    std::fs::read_to_string(path).ok()
}

/// Runs axe on the page shown; returns one line per violation.
async fn axe(b: &Browser, source: &str) -> Result<Vec<String>> {
    b.run(&format!("{source}\nreturn true;")).await?;
    let result = b
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];\
             axe.run(document).then(r => done(r.violations.map(v => ({\
               id: v.id, impact: v.impact,\
               nodes: v.nodes.map(n => n.target.join(' ') + ' ' + (n.failureSummary || ''))\
             })))).catch(e => done([{ id: 'axe-error', nodes: [String(e)] }]));",
            vec![],
        )
        .await
        .context("axe runs")?;
    let Value::Array(violations) = result else {
        anyhow::bail!("axe answered {result}");
    };
    Ok(violations
        .iter()
        .map(|v| format!("{} ({}): {}", v["id"], v["impact"], v["nodes"]))
        .collect())
}

async fn check_pages(
    b: &Browser,
    site: &Site,
    viewer: Viewer,
    source: &str,
) -> Result<Vec<String>> {
    let mut found = Vec::new();
    for page in site.page_types().into_iter().filter(|p| p.viewer == viewer) {
        b.step(&format!("axe {}", page.name));
        b.goto(&page.path).await?;
        for v in axe(b, source).await? {
            found.push(format!("{} {}: {v}", page.name, page.path));
        }
    }
    Ok(found)
}

async fn every_page(driver: &Driver, site: &Site, source: &str, scheme: Scheme) -> Vec<String> {
    let mut found = Vec::new();
    for viewer in Viewer::ALL {
        let name = format!("axe-{scheme:?}-{viewer:?}").to_lowercase();
        let b = Browser::open(driver, &site.app.address, &name, Js::On, scheme).await;
        let result = async {
            b.goto("/").await?;
            let dark = b
                .run("return matchMedia('(prefers-color-scheme: dark)').matches;")
                .await?;
            ensure!(
                dark == (scheme == Scheme::Dark),
                "the colour scheme is {scheme:?}"
            );
            if let Some(username) = viewer.username() {
                log_in(&b, username).await?;
            }
            found.extend(check_pages(&b, site, viewer, source).await?);
            Ok(())
        }
        .await;
        b.finish("axe", result).await;
    }
    found
}

#[tokio::test]
async fn axe_finds_no_violation_on_any_page_type_in_light_and_dark() {
    crate::init();
    let Some(source) = axe_source() else {
        not_run(
            "accessibility check",
            "axe-core is not installed (npm install axe-core)",
        );
        return;
    };
    let Some(driver) = Driver::find() else { return };
    let site = Site::build().await;
    let mut found = Vec::new();
    for scheme in [Scheme::Light, Scheme::Dark] {
        for v in every_page(&driver, &site, &source, scheme).await {
            found.push(format!("[{scheme:?}] {v}"));
        }
    }
    assert!(
        found.is_empty(),
        "{} axe violations:\n{}",
        found.len(),
        found.join("\n")
    );
}

/// Presses and releases `key`.
async fn press(b: &Browser, key: Key) -> Result<()> {
    let keys = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: key.into() })
        .then(KeyAction::Up { value: key.into() });
    Ok(b.client.perform_actions(keys).await?)
}

/// Presses Tab and describes the element that then has the focus.
async fn tab(b: &Browser) -> Result<Value> {
    press(b, Key::Tab).await?;
    b.run(
        "const e = document.activeElement; const s = getComputedStyle(e);\
         return { tag: e.tagName, cls: e.className, text: (e.textContent || e.name || '').trim().slice(0, 40),\
                  outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,\
                  visible: e.getBoundingClientRect().top >= 0 && e.getBoundingClientRect().height > 0 };",
    )
    .await
}

/// On the page at `path`: the skip link comes first and works, and Tab reaches every control
/// with the focus visible.
async fn keyboard(b: &Browser, path: &str) -> Result<()> {
    b.step(&format!("{path}: the skip link comes first"));
    b.goto(path).await?;
    let first = tab(b).await?;
    ensure!(
        first["cls"] == "skip" && first["visible"] == true,
        "{path}: {first}"
    );
    ensure!(first["outline"] == true, "{path}: focus shows: {first}");
    press(b, Key::Enter).await?;
    let focused = b.run("return document.activeElement.id;").await?;
    ensure!(
        focused == "main",
        "{path}: Enter on the skip link moves to the content: {focused}"
    );

    b.step(&format!(
        "{path}: every control is reached with the focus visible"
    ));
    const CONTROLS: &str = "[...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary')]\
        .filter(e => e.getClientRects().length && !e.closest('.hp')\
          && (e.tagName === 'SUMMARY' || !e.closest('details:not([open])'))\
          && (e.type !== 'radio' || e === (e.form.querySelector(`input[type=radio][name='${e.name}']:checked`)\
              || e.form.querySelector(`input[type=radio][name='${e.name}']`))))";
    let total = b
        .run(&format!("return {CONTROLS}.length;"))
        .await?
        .as_u64()
        .unwrap_or(0);
    b.goto(path).await?;
    for _ in 0..(total + 20) {
        let now = tab(b).await?;
        let again = b
            .run("return !!document.activeElement.dataset.reached;")
            .await?;
        if now["tag"] == "BODY" || again == true {
            break;
        }
        ensure!(now["outline"] == true, "{path}: focus not visible on {now}");
        b.run("document.activeElement.dataset.reached = 'yes';")
            .await?;
    }
    let missed = b
        .run(&format!(
            "return {CONTROLS}.filter(e => !e.dataset.reached).map(e => e.outerHTML.slice(0, 120));"
        ))
        .await?;
    ensure!(
        missed == serde_json::json!([]),
        "{path}: Tab never reaches {missed}"
    );
    Ok(())
}

#[tokio::test]
async fn the_keyboard_reaches_everything_with_the_focus_visible() {
    crate::init();
    let Some(driver) = Driver::find() else { return };
    let site = Site::build().await;
    for viewer in Viewer::ALL {
        let name = format!("keyboard-{viewer:?}").to_lowercase();
        let b = Browser::open(&driver, &site.app.address, &name, Js::On, Scheme::Light).await;
        let result = async {
            if let Some(username) = viewer.username() {
                log_in(&b, username).await?;
            }
            for page in site.page_types().into_iter().filter(|p| p.viewer == viewer) {
                keyboard(&b, &page.path).await?;
            }
            Ok(())
        }
        .await;
        b.finish("keyboard", result).await;
    }
}
