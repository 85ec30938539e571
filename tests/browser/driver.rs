//! Chromium through chromedriver: finding or starting the driver, one fresh headless browser
//! per story, and a screenshot of the page when a step fails.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{anyhow, Context, Result};
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

/// `required` (CI sets it) turns a browser that cannot run into a failure.
pub const REQUIRED_VAR: &str = "TERTULIA_BROWSER_TESTS";
/// A chromedriver already running (e.g. `http://127.0.0.1:9515`); otherwise one is started.
pub const WEBDRIVER_VAR: &str = "TERTULIA_WEBDRIVER_URL";

/// Whether a suite that cannot run must fail rather than say so and pass.
pub fn required() -> bool {
    std::env::var(REQUIRED_VAR).is_ok_and(|v| v == "required" || v == "1")
}

/// Says plainly why a test did not run, or fails when it was required.
pub fn not_run(what: &str, why: &str) {
    if required() {
        panic!("{what} could not run: {why} ({REQUIRED_VAR}=required)");
    }
    eprintln!("== tertulia {what}: NOT RUN: {why} (set {REQUIRED_VAR}=required to make this a failure) ==");
}

/// A program on the PATH.
pub fn which(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|p| p.is_file())
}

/// A WebDriver endpoint; a chromedriver this test started is stopped when this is dropped.
pub struct Driver {
    pub url: String,
    child: Option<Child>,
}

impl Drop for Driver {
    fn drop(&mut self) {
        if let Some(child) = &mut self.child {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Driver {
    /// The configured driver, or a chromedriver started on a free loopback port; `None` (after
    /// saying why) when there is none and it is not required.
    pub fn find() -> Option<Driver> {
        if let Ok(url) = std::env::var(WEBDRIVER_VAR) {
            return Some(Driver { url, child: None });
        }
        let Some(program) = which("chromedriver") else {
            not_run("browser suite", "chromedriver is not installed");
            return None;
        };
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let child = Command::new(program)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let driver = Driver {
            url: format!("http://127.0.0.1:{port}"),
            child: Some(child),
        };
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not answer");
            std::thread::sleep(Duration::from_millis(50));
        }
        Some(driver)
    }
}

/// JavaScript on or off for a story.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Js {
    On,
    Off,
}

impl Js {
    /// "on" or "off", for names of accounts and files.
    pub fn name(self) -> &'static str {
        match self {
            Js::On => "on",
            Js::Off => "off",
        }
    }
}

/// The colour scheme the browser asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    Light,
    Dark,
}

/// One headless Chromium with a fresh profile, pointed at one server.
#[derive(Clone)]
pub struct Browser {
    pub client: Client,
    pub base: String,
    pub js: Js,
    name: String,
    step: Arc<Mutex<String>>,
    _profile: Arc<tempfile::TempDir>,
}

/// Where a test's screenshots and saved pages go.
pub fn output_dir(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("browser")
        .join(test);
    std::fs::create_dir_all(&dir).expect("an output folder");
    dir
}

impl Browser {
    /// Opens a browser for the story `name`.
    pub async fn open(driver: &Driver, base: &str, name: &str, js: Js, scheme: Scheme) -> Browser {
        Self::open_sized(driver, base, name, js, scheme, None).await
    }

    /// Opens a browser that shows pages as a phone `width` CSS pixels wide does (or a
    /// 1024-pixel desktop window for `None`).
    pub async fn open_sized(
        driver: &Driver,
        base: &str,
        name: &str,
        js: Js,
        scheme: Scheme,
        width: Option<u32>,
    ) -> Browser {
        let profile = tempfile::tempdir().expect("a profile folder");
        let mut args = vec![
            "--headless".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-dev-shm-usage".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--no-first-run".into(),
            "--disable-quic".into(),
            "--window-size=1024,900".into(),
            format!("--user-data-dir={}", profile.path().display()),
        ];
        if scheme == Scheme::Dark {
            args.push("--force-dark-mode".into());
        }
        let mut options = json!({ "args": args });
        if let Some(binary) = which("chromium") {
            options["binary"] = json!(binary);
        }
        if let Some(width) = width {
            options["mobileEmulation"] = json!({
                "deviceMetrics": { "width": width, "height": 800, "pixelRatio": 2.0 }
            });
        }
        if js == Js::Off {
            options["prefs"] = json!({ "profile.managed_default_content_settings.javascript": 2 });
        }
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), json!("chrome"));
        caps.insert("goog:chromeOptions".into(), options);
        let client = ClientBuilder::rustls()
            .expect("a WebDriver client")
            .capabilities(caps)
            .connect(&driver.url)
            .await
            .expect("chromedriver opens a browser");
        Browser {
            client,
            base: base.to_string(),
            js,
            name: format!("{name}-js-{}", js.name()),
            step: Arc::new(Mutex::new("start".into())),
            _profile: Arc::new(profile),
        }
    }

    /// Names the step now running (for the screenshot if it fails).
    pub fn step(&self, what: &str) {
        *self.step.lock().unwrap() = what.to_string();
    }

    /// Ends the story: on failure saves a screenshot and the page, then fails the test.
    pub async fn finish(self, test: &str, result: Result<()>) {
        if let Err(e) = result {
            let step = self.step.lock().unwrap().replace(' ', "-");
            let dir = output_dir(test);
            let shot = dir.join(format!("{}-{step}.png", self.name));
            if let Ok(png) = self.client.screenshot().await {
                let _ = std::fs::write(&shot, png);
            }
            if let Ok(html) = self.client.source().await {
                let _ = std::fs::write(shot.with_extension("html"), html);
            }
            let _ = self.client.close().await;
            panic!(
                "{}: step '{step}' failed: {e:#}\n  screenshot: {}",
                self.name,
                shot.display()
            );
        }
        let _ = self.client.close().await;
    }

    /// Loads a path of the server.
    pub async fn goto(&self, path: &str) -> Result<()> {
        let url = if path.starts_with("http") {
            path.to_string()
        } else {
            format!("{}{path}", self.base)
        };
        self.client
            .goto(&url)
            .await
            .with_context(|| format!("goto {url}"))
    }

    /// The current path and query.
    pub async fn path(&self) -> Result<String> {
        let url = self.client.current_url().await?;
        Ok(match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        })
    }

    /// The element at `css` (an error naming `css` if there is none).
    async fn element(&self, css: &str) -> Result<Element> {
        self.client
            .find(Locator::Css(css))
            .await
            .context(css.to_string())
    }

    /// Types `text` into the field at `css`, replacing what was there.
    pub async fn fill(&self, css: &str, text: &str) -> Result<()> {
        let field = self.element(css).await?;
        field.clear().await?;
        field.send_keys(text).await.context(css.to_string())
    }

    /// Clicks the element at `css`.
    pub async fn click(&self, css: &str) -> Result<()> {
        let el = self.element(css).await?;
        el.click().await.context(css.to_string())
    }

    /// Clicks the element at `css` and waits until the next page has replaced this one.
    pub async fn submit(&self, css: &str) -> Result<()> {
        let old = self.client.find(Locator::Css("html")).await?;
        self.click(css).await?;
        let deadline = Instant::now() + Duration::from_secs(15);
        while old.tag_name().await.is_ok() {
            if Instant::now() > deadline {
                anyhow::bail!("no new page after clicking {css}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        self.client.wait().for_element(Locator::Css("body")).await?;
        Ok(())
    }

    /// Chooses `value` in the select at `css`.
    pub async fn choose(&self, css: &str, value: &str) -> Result<()> {
        let el = self.element(css).await?;
        el.select_by_value(value).await.context(css.to_string())
    }

    /// The texts of every element at `css`.
    pub async fn texts(&self, css: &str) -> Result<Vec<String>> {
        let mut out = Vec::new();
        for el in self.client.find_all(Locator::Css(css)).await? {
            out.push(el.text().await?.trim().to_string());
        }
        Ok(out)
    }

    /// The value of the form field at `css`.
    pub async fn value(&self, css: &str) -> Result<String> {
        let el = self.element(css).await?;
        Ok(el.prop("value").await?.unwrap_or_default())
    }

    /// Runs a script in the page and returns its value.
    pub async fn run(&self, script: &str) -> Result<Value> {
        self.client
            .execute(script, vec![])
            .await
            .map_err(|e| anyhow!("script failed: {e}"))
    }
}
