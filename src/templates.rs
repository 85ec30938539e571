//! The handlebars templates compiled into the binary, shared by pages and emails.

use chrono_tz::Tz;
use handlebars::Handlebars;
use rust_embed::RustEmbed;

use crate::i18n::{DateTimeHelper, TranslateHelper};

#[derive(RustEmbed)]
#[folder = "templates/"]
#[include = "*.hbs"]
struct TemplateFiles;

/// How a registry escapes `{{value}}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Escape {
    /// HTML pages and HTML email parts.
    Html,
    /// Plain-text email parts and subjects.
    None,
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

handlebars::handlebars_helper!(concat: |*args| args.iter().map(|a| match a {
    serde_json::Value::String(s) => s.clone(),
    other => other.to_string(),
}).collect::<String>());

/// Every embedded template in strict mode, with the `t`, `names` and `datetime` helpers.
pub fn registry(timezone: Tz, escape: Escape) -> anyhow::Result<Handlebars<'static>> {
    let mut registry = Handlebars::new();
    registry.set_strict_mode(true);
    match escape {
        Escape::Html => registry.register_escape_fn(escape_html),
        Escape::None => registry.register_escape_fn(handlebars::no_escape),
    }
    registry.register_embed_templates_with_extension::<TemplateFiles>(".hbs")?;
    registry.register_helper("t", Box::new(TranslateHelper { escape }));
    registry.register_helper("concat", Box::new(concat));
    registry.register_helper("names", Box::new(crate::i18n::NamesHelper));
    registry.register_helper("datetime", Box::new(DateTimeHelper { timezone, escape }));
    Ok(registry)
}
