//! Pages from templates: the shared layout context and the handlebars registry.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono_tz::Tz;
use handlebars::{
    Context, Handlebars, Helper, HelperDef, HelperResult, Output, RenderContext, RenderErrorReason,
};
use rust_embed::RustEmbed;
use serde::Serialize;
use std::sync::Arc;

use super::{locale, AppState, AssetManifest};
use crate::domain::Locale;
use crate::error::AppError;
use crate::i18n::{self, DateTimeHelper, TranslateHelper};

#[derive(RustEmbed)]
#[folder = "templates/"]
#[include = "*.hbs"]
struct TemplateFiles;

/// The compiled templates with their helpers.
pub struct Renderer {
    registry: Handlebars<'static>,
}

struct AssetHelper(Arc<AssetManifest>);

impl HelperDef for AssetHelper {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let path = h
            .param(0)
            .and_then(|p| p.value().as_str())
            .ok_or(RenderErrorReason::ParamNotFoundForIndex("asset", 0))?;
        let url = self
            .0
            .url(path)
            .ok_or_else(|| RenderErrorReason::Other(format!("no asset {path}")))?;
        out.write(&url)?;
        Ok(())
    }
}

impl Renderer {
    /// Registers every embedded template (strict mode) and the helpers.
    pub fn new(timezone: Tz, assets: Arc<AssetManifest>) -> anyhow::Result<Self> {
        let mut registry = Handlebars::new();
        registry.set_strict_mode(true);
        registry.register_escape_fn(escape_html);
        registry.register_embed_templates_with_extension::<TemplateFiles>(".hbs")?;
        registry.register_helper("t", Box::new(TranslateHelper));
        registry.register_helper("datetime", Box::new(DateTimeHelper { timezone }));
        registry.register_helper("asset", Box::new(AssetHelper(assets)));
        Ok(Self { registry })
    }

    /// Renders one template with `data`.
    pub fn render<T: Serialize>(&self, name: &str, data: &T) -> Result<String, AppError> {
        self.registry
            .render(name, data)
            .map_err(|e| AppError::Unexpected(anyhow::anyhow!("rendering {name}: {e}")))
    }
}

/// Escapes the five characters that matter in HTML text and quoted attributes.
pub fn escape_html(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[derive(Serialize)]
struct LanguageLink {
    code: &'static str,
    name: String,
    href: String,
    current: bool,
}

/// What the layout needs on every page, around the page's own data.
#[derive(Serialize)]
struct Layout<'a, T: Serialize> {
    lang: Locale,
    title: &'a str,
    languages: Vec<LanguageLink>,
    page: &'a T,
}

/// The current URL with `lang` set to `code`, other parameters kept.
fn language_href(req: &HttpRequest, code: &str) -> String {
    let mut pairs: Vec<(String, String)> =
        web::Query::<Vec<(String, String)>>::from_query(req.query_string())
            .map(|q| q.into_inner())
            .unwrap_or_default();
    pairs.retain(|(k, _)| k != "lang");
    pairs.push(("lang".into(), code.into()));
    let query = serde_urlencoded::to_string(&pairs).unwrap_or_default();
    format!("{}?{query}", req.path())
}

/// Renders `template` inside the site layout for this request's reader.
pub fn page<T: Serialize>(
    req: &HttpRequest,
    status: StatusCode,
    template: &str,
    title: &str,
    data: &T,
) -> Result<HttpResponse, AppError> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| AppError::Unexpected(anyhow::anyhow!("no application state")))?;
    let lang = locale::current(req);
    let layout = Layout {
        lang,
        title,
        languages: Locale::ALL
            .iter()
            .map(|l| LanguageLink {
                code: l.as_str(),
                name: i18n::text(*l, "language-name", None),
                href: language_href(req, l.as_str()),
                current: *l == lang,
            })
            .collect(),
        page: data,
    };
    let html = state.renderer.render(template, &layout)?;
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header(("Vary", "Cookie, Accept-Language"))
        .body(html))
}

/// A message in the request's language.
pub fn text(req: &HttpRequest, key: &str) -> String {
    i18n::text(locale::current(req), key, None)
}
