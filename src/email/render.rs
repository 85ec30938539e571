//! Messages from `templates/email/<kind>/{subject.txt,body.txt,body.html}.hbs`, in the
//! recipient's language.

use chrono_tz::Tz;
use handlebars::Handlebars;
use serde_json::{Map, Value};

use crate::domain::{EmailKind, Locale};
use crate::templates::{self, Escape};

/// The subject, plain-text and HTML parts of one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedEmail {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Renders emails: HTML-escaped for the HTML part, verbatim for subject and text.
pub struct EmailRenderer {
    html: Handlebars<'static>,
    text: Handlebars<'static>,
    base_url: String,
}

impl EmailRenderer {
    /// Compiles the templates; links are made absolute with `base_url`.
    pub fn new(timezone: Tz, base_url: &url::Url) -> anyhow::Result<Self> {
        Ok(Self {
            html: templates::registry(timezone, Escape::Html)?,
            text: templates::registry(timezone, Escape::None)?,
            base_url: base_url.as_str().trim_end_matches('/').to_string(),
        })
    }

    /// Fails on any template that reads a field its payload lacks (tests).
    #[cfg(test)]
    pub fn strict(mut self) -> Self {
        self.html.set_strict_mode(true);
        self.text.set_strict_mode(true);
        self
    }

    /// Renders message `kind` for `payload` (a JSON object) in `locale`.
    pub fn render(
        &self,
        kind: EmailKind,
        locale: Locale,
        payload: &Value,
    ) -> anyhow::Result<RenderedEmail> {
        let mut data = match payload {
            Value::Object(map) => map.clone(),
            _ => Map::new(),
        };
        data.insert("lang".into(), Value::String(locale.as_str().into()));
        data.insert("base_url".into(), Value::String(self.base_url.clone()));
        let data = Value::Object(data);
        let part = |registry: &Handlebars<'static>, name: &str| {
            registry
                .render(&format!("email/{kind}/{name}"), &data)
                .map_err(|e| anyhow::anyhow!("rendering email {kind}/{name}: {e}"))
        };
        Ok(RenderedEmail {
            subject: part(&self.text, "subject.txt")?
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            text: part(&self.text, "body.txt")?,
            html: part(&self.html, "body.html")?,
        })
    }
}
