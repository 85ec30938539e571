//! The weight budget: what a first-time visitor downloads (compressed) for each page type,
//! the document and everything it loads, and what a repeat visit of a thread costs.

use std::collections::BTreeMap;

use reqwest::header::{HeaderMap, ACCEPT_ENCODING, CACHE_CONTROL, ETAG, IF_NONE_MATCH};

use crate::helpers::TestApp;
use crate::site::{PageType, Site};

/// What a browser sends.
const BROWSER_ENCODINGS: &str = "gzip, deflate, br, zstd";
const THREAD_BUDGET: usize = 30 * 1024;
const PAGE_BUDGET: usize = 20 * 1024;
const REPEAT_BUDGET: usize = 15 * 1024;

/// A client that neither decompresses nor follows redirects, as a byte counter needs.
fn raw_client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_gzip()
        .no_brotli()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .build()
        .unwrap()
}

/// Bytes on the wire for a response: status line, headers and (compressed) body.
fn wire_bytes(headers: &HeaderMap, body: usize) -> usize {
    let head: usize = headers
        .iter()
        .map(|(k, v)| k.as_str().len() + v.len() + 4)
        .sum();
    17 + head + 2 + body
}

struct Fetched {
    bytes: usize,
    status: u16,
    headers: HeaderMap,
}

async fn fetch(b: &TestApp, path: &str, etag: Option<&str>) -> Fetched {
    let mut req = b
        .client
        .get(format!("{}{path}", b.address))
        .header(ACCEPT_ENCODING, BROWSER_ENCODINGS);
    if let Some(etag) = etag {
        req = req.header(IF_NONE_MATCH, etag);
    }
    let res = req.send().await.expect("the server answers");
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    let body = res.bytes().await.unwrap().len();
    Fetched {
        bytes: wire_bytes(&headers, body),
        status,
        headers,
    }
}

/// The URLs a browser loads for a document: stylesheets, scripts, images.
fn subresources(html: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let mut urls = Vec::new();
    let pick = |selector: &str, attr: &str, urls: &mut Vec<String>| {
        let sel = scraper::Selector::parse(selector).unwrap();
        for el in doc.select(&sel) {
            urls.push(el.value().attr(attr).unwrap().to_string());
        }
    };
    pick("link[rel~=stylesheet][href]", "href", &mut urls);
    pick("link[rel~=icon][href]", "href", &mut urls);
    pick("link[rel~=preload][href]", "href", &mut urls);
    pick("script[src]", "src", &mut urls);
    pick("img[src]", "src", &mut urls);
    let img = scraper::Selector::parse("img").unwrap();
    for el in doc.select(&img) {
        let a = el.value();
        assert_eq!(a.attr("loading"), Some("lazy"), "images load lazily");
        assert!(a.attr("width").is_some() && a.attr("height").is_some());
    }
    urls
}

/// What one page type costs on a first visit, asset by asset.
async fn first_visit(site: &Site, page: &PageType) -> (usize, BTreeMap<String, usize>) {
    let b = site.session(page.viewer, raw_client()).await;
    let doc = fetch(&b, &page.path, None).await;
    assert_eq!(doc.status, page.status, "{}", page.name);
    let html = b.get(&page.path).await.text().await.unwrap();
    let mut parts = BTreeMap::from([("document".to_string(), doc.bytes)]);
    for url in subresources(&html) {
        assert!(
            url.starts_with('/') && !url.starts_with("//"),
            "{}: {url} is on another host",
            page.name
        );
        let asset = fetch(&b, &url, None).await;
        assert_eq!(asset.status, 200, "{url}");
        let cache = asset.headers[CACHE_CONTROL].to_str().unwrap();
        assert!(cache.contains("immutable"), "{url}: {cache}");
        parts.insert(url, asset.bytes);
    }
    (parts.values().sum(), parts)
}

#[tokio::test]
async fn every_page_type_fits_the_weight_budget_of_a_slow_phone() {
    let site = Site::build().await;
    let mut report = Vec::new();
    for page in site.page_types() {
        let (total, parts) = first_visit(&site, &page).await;
        let budget = if page.name.starts_with("thread") {
            THREAD_BUDGET
        } else {
            PAGE_BUDGET
        };
        report.push(format!("{:>18}: {total:>6} B  {parts:?}", page.name));
        assert!(total <= budget, "{}: {total} B > {budget} B", page.name);
    }

    // A repeat visit: assets are cached for good, the document is revalidated.
    let thread = format!("/t/{}", site.long_thread);
    let visitor = site
        .session(crate::site::Viewer::Visitor, raw_client())
        .await;
    let first = fetch(&visitor, &thread, None).await;
    let etag = first.headers[ETAG].to_str().unwrap().to_string();
    let again = fetch(&visitor, &thread, Some(&etag)).await;
    assert_eq!(again.status, 304);
    report.push(format!("{:>18}: {:>6} B", "thread (repeat)", again.bytes));
    assert!(again.bytes <= REPEAT_BUDGET);
    eprintln!(
        "== page weight, first visit (compressed) ==\n{}",
        report.join("\n")
    );
}

#[tokio::test]
async fn stylesheets_load_nothing_from_another_host() {
    let app = crate::helpers::spawn_app().await;
    let html = app.get("/").await.text().await.unwrap();
    for url in subresources(&html) {
        let text = app.get(&url).await.text().await.unwrap();
        // An SVG names its XML namespace with a URL; nothing is fetched from it.
        let text = text.replace(r#"xmlns="http://www.w3.org/2000/svg""#, "");
        assert!(!text.contains("http:") && !text.contains("https:"), "{url}");
        assert!(!text.contains("@import"), "{url}");
    }
}
