//! On a phone, 320 and 390 pixels wide, no page of any role scrolls sideways, clips anything
//! or breaks a header control over two lines, and the header stays compact.

use anyhow::{ensure, Result};
use serde_json::Value;

use crate::driver::{output_dir, Browser, Driver, Js, Scheme};
use crate::helpers::PASSWORD;
use crate::site::{Site, Viewer};

const WIDTHS: [u32; 2] = [320, 390];

/// The header's height on a phone may not pass this (it was about 160 px for moderators).
const HEADER_MAX_PX: f64 = 110.0;

/// Describes what overflows the page now shown (at most ten lines) and the header's height.
const CHECK: &str = r#"
const w = document.documentElement.clientWidth;
const found = [];
if (document.documentElement.scrollWidth > w) {
  found.push(`the page is ${document.documentElement.scrollWidth}px wide on a ${w}px screen`);
}
const scroller = e => {
  for (let p = e.parentElement; p; p = p.parentElement) {
    const x = getComputedStyle(p).overflowX;
    if (x === 'auto' || x === 'scroll') return true;
  }
  return false;
};
for (const e of document.querySelectorAll('body *')) {
  if (e.closest('.skip, .hp, .visually-hidden, details:not([open]) > :not(summary)')) continue;
  const r = e.getBoundingClientRect();
  if (!r.width || !r.height) continue;
  if ((r.right > w + 1 || r.left < -1) && !scroller(e)) {
    found.push(`${e.tagName.toLowerCase()}.${e.className} spans ${Math.round(r.left)} to ${Math.round(r.right)}`);
  }
}
for (const e of document.querySelectorAll('.site-header a, .site-header summary, .site-header button')) {
  const r = e.getBoundingClientRect();
  const line = parseFloat(getComputedStyle(e).lineHeight) || 25;
  if (r.height > line * 1.8) found.push(`"${e.textContent.trim()}" breaks over two lines`);
}
return { found: found.slice(0, 10), header: document.querySelector('.site-header').getBoundingClientRect().height };
"#;

/// Logs in through the login form, sent by a script: under phone emulation chromedriver's
/// click on a submit button waits for the renderer until it times out.
async fn log_in(b: &Browser, username: &str) -> Result<()> {
    b.step(&format!("log in as {username}"));
    b.goto("/login").await?;
    b.fill("#f-login", username).await?;
    b.fill("#f-password", PASSWORD).await?;
    b.run("setTimeout(() => document.querySelector('main form').submit(), 0); return true;")
        .await?;
    for _ in 0..100 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        if b.texts(".account .me").await.unwrap_or_default() == [username] {
            return Ok(());
        }
    }
    anyhow::bail!("{username} is not logged in")
}

async fn check(b: &Browser, site: &Site, width: u32, viewer: Viewer) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    for page in site.page_types() {
        b.step(&format!("{width}px {}", page.name));
        b.goto(&page.path).await?;
        let seen: Value = b.run(CHECK).await?;
        for line in seen["found"].as_array().into_iter().flatten() {
            problems.push(format!("{width}px {viewer:?} {}: {line}", page.path));
        }
        let header = seen["header"].as_f64().unwrap_or(0.0);
        if header > HEADER_MAX_PX {
            problems.push(format!(
                "{width}px {viewer:?} {}: the header is {header:.0}px high",
                page.path
            ));
        }
        if width == 390 && ["home", "board", "thread", "admin"].contains(&page.name) {
            let png = b.client.screenshot().await?;
            let name = format!("{}-{viewer:?}-{width}.png", page.name).to_lowercase();
            std::fs::write(output_dir("phone").join(name), png)?;
        }
    }
    Ok(problems)
}

#[tokio::test]
async fn no_page_of_any_role_overflows_a_phone() {
    crate::init();
    let Some(driver) = Driver::find() else { return };
    let site = Site::build().await;
    let mut problems = Vec::new();
    for viewer in Viewer::ALL {
        for width in WIDTHS {
            let name = format!("phone-{width}-{viewer:?}").to_lowercase();
            let b = Browser::open_sized(
                &driver,
                &site.app.address,
                &name,
                // The layout is the same either way; the login form is sent by a script.
                Js::On,
                Scheme::Light,
                Some(width),
            )
            .await;
            let result = async {
                if let Some(username) = viewer.username() {
                    log_in(&b, username).await?;
                }
                b.goto("/").await?;
                let inner = b.run("return window.innerWidth;").await?;
                ensure!(inner == width, "the phone is {width}px wide: {inner}");
                problems.extend(check(&b, &site, width, viewer).await?);
                Ok(())
            }
            .await;
            b.finish("phone", result).await;
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems on phones:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
