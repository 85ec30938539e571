//! The Fluent catalogues (`templates/i18n/{es,en}`) and the template helpers that read them.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::LazyLock;

use chrono::{NaiveDateTime, TimeZone};
use chrono_tz::Tz;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};
use handlebars::{
    Context, Handlebars, Helper, HelperDef, HelperResult, Output, RenderContext, RenderErrorReason,
};
use serde_json::Value;

use crate::domain::Locale;
use crate::templates::{escape_html, Escape};

// Every message in both languages, compiled into the binary.
fluent_templates::static_loader! {
    pub static LOCALES = {
        locales: "./templates/i18n",
        fallback_language: "es",
        customise: |bundle| {
            bundle.set_use_isolating(false);
            // Fluent prints numbers bare; readers expect their language's digit grouping.
            if bundle.locales.first().is_some_and(|l| l.language.as_str() == "en") {
                bundle.set_formatter(Some(|v, _| group_digits(v, ',', 4)));
            } else {
                bundle.set_formatter(Some(|v, _| group_digits(v, '.', 5)));
            }
        },
    };
}

/// A whole number with `separator` between groups of three digits, once it has at least
/// `from_digits` digits (Spanish leaves four-digit numbers alone: 1234, 12.345; English
/// groups them: 1,234). Other values keep Fluent's own formatting.
fn group_digits(value: &FluentValue<'_>, separator: char, from_digits: usize) -> Option<String> {
    let FluentValue::Number(n) = value else {
        return None;
    };
    if n.value.fract() != 0.0 || n.value.abs() >= 1e15 {
        return None;
    }
    let digits = format!("{}", n.value.abs() as u64);
    if digits.len() < from_digits {
        return None;
    }
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n.value < 0.0 {
        out.push('-');
    }
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(separator);
        }
        out.push(d);
    }
    Some(out)
}

/// Arguments for a message.
pub type Args = HashMap<Cow<'static, str>, FluentValue<'static>>;

fn language(locale: Locale) -> &'static LanguageIdentifier {
    static IDS: LazyLock<Vec<(Locale, LanguageIdentifier)>> = LazyLock::new(|| {
        Locale::ALL
            .iter()
            .map(|l| {
                let id = l
                    .as_str()
                    .parse()
                    .expect("supported locales are valid tags");
                (*l, id)
            })
            .collect()
    });
    &IDS.iter()
        .find(|(l, _)| *l == locale)
        .expect("every locale")
        .1
}

/// The message `key` in `locale`, with `args`.
pub fn text(locale: Locale, key: &str, args: Option<&Args>) -> String {
    LOCALES.lookup_complete(language(locale), key, args)
}

/// Whether the catalogue of exactly `locale` (no fallback) has the message `key`
/// (`message` or `message.attribute`).
pub fn has_message(locale: Locale, key: &str) -> bool {
    // The loader answers "no such message" and "this message wants arguments" with one error
    // type it does not export, so the question goes to bundles of the same files, built once.
    static CATALOGUES: LazyLock<Vec<(Locale, Catalogue)>> = LazyLock::new(|| {
        Locale::ALL
            .iter()
            .map(|&locale| {
                let mut bundle = Catalogue::new_concurrent(vec![language(locale).clone()]);
                for (lang, _, source) in CATALOGUE_FILES {
                    if lang == locale.as_str() {
                        let resource = fluent_templates::fluent_bundle::FluentResource::try_new(
                            source.to_string(),
                        )
                        .expect("the catalogue parses (the loader checked it at build time)");
                        bundle
                            .add_resource(resource)
                            .expect("no message is defined twice");
                    }
                }
                (locale, bundle)
            })
            .collect()
    });
    let Some((_, bundle)) = CATALOGUES.iter().find(|(l, _)| *l == locale) else {
        return false;
    };
    match key.split_once('.') {
        Some((message, attribute)) => bundle
            .get_message(message)
            .is_some_and(|m| m.get_attribute(attribute).is_some()),
        None => bundle.has_message(key),
    }
}

type Catalogue = fluent_templates::fluent_bundle::concurrent::FluentBundle<
    fluent_templates::fluent_bundle::FluentResource,
>;

/// The catalogue files (language, file, text); a test holds this list to the folder.
const CATALOGUE_FILES: [(&str, &str, &str); 16] = [
    (
        "es",
        "replies.ftl",
        include_str!("../templates/i18n/es/replies.ftl"),
    ),
    (
        "en",
        "replies.ftl",
        include_str!("../templates/i18n/en/replies.ftl"),
    ),
    (
        "es",
        "main.ftl",
        include_str!("../templates/i18n/es/main.ftl"),
    ),
    (
        "es",
        "privacy.ftl",
        include_str!("../templates/i18n/es/privacy.ftl"),
    ),
    (
        "en",
        "privacy.ftl",
        include_str!("../templates/i18n/en/privacy.ftl"),
    ),
    (
        "es",
        "moderation.ftl",
        include_str!("../templates/i18n/es/moderation.ftl"),
    ),
    (
        "es",
        "digests.ftl",
        include_str!("../templates/i18n/es/digests.ftl"),
    ),
    (
        "es",
        "consultations.ftl",
        include_str!("../templates/i18n/es/consultations.ftl"),
    ),
    (
        "en",
        "main.ftl",
        include_str!("../templates/i18n/en/main.ftl"),
    ),
    (
        "en",
        "moderation.ftl",
        include_str!("../templates/i18n/en/moderation.ftl"),
    ),
    (
        "en",
        "digests.ftl",
        include_str!("../templates/i18n/en/digests.ftl"),
    ),
    (
        "en",
        "consultations.ftl",
        include_str!("../templates/i18n/en/consultations.ftl"),
    ),
    (
        "es",
        "exports.ftl",
        include_str!("../templates/i18n/es/exports.ftl"),
    ),
    (
        "en",
        "exports.ftl",
        include_str!("../templates/i18n/en/exports.ftl"),
    ),
    (
        "es",
        "transparency.ftl",
        include_str!("../templates/i18n/es/transparency.ftl"),
    ),
    (
        "en",
        "transparency.ftl",
        include_str!("../templates/i18n/en/transparency.ftl"),
    ),
];

fn args_from_hash(h: &Helper<'_>) -> Args {
    h.hash()
        .iter()
        .filter_map(|(k, v)| {
            let value: FluentValue<'static> = match v.value() {
                Value::Number(n) => match n.as_i64() {
                    Some(i) => i.into(),
                    None => n.as_f64()?.into(),
                },
                Value::String(s) => s.clone().into(),
                _ => return None,
            };
            Some((Cow::Owned(k.to_string()), value))
        })
        .collect()
}

fn context_locale(ctx: &Context) -> Result<Locale, RenderErrorReason> {
    ctx.data()
        .get("lang")
        .and_then(Value::as_str)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| RenderErrorReason::Other("the page has no `lang`".into()))
}

/// `{{t "key" name=value}}`: a message in the page's language, HTML-escaped.
pub struct TranslateHelper {
    pub escape: Escape,
}

impl HelperDef for TranslateHelper {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let key = h
            .param(0)
            .and_then(|p| p.value().as_str())
            .ok_or(RenderErrorReason::ParamNotFoundForIndex("t", 0))?;
        let locale = context_locale(ctx)?;
        if h.hash().is_empty() {
            // Most messages take no arguments and are the same on every page: each thread
            // formats and escapes them once.
            let text = FIXED.with(|cache| {
                let mut cache = cache.borrow_mut();
                let map = &mut cache[locale as usize * 2 + self.escape as usize];
                if let Some(found) = map.get(key) {
                    return found.clone();
                }
                let found: Rc<str> = Rc::from(self.escaped(&text(locale, key, None)));
                map.insert(key.to_string(), found.clone());
                found
            });
            out.write(&text)?;
            return Ok(());
        }
        let args = args_from_hash(h);
        let message = text(locale, key, Some(&args));
        out.write(&self.escaped(&message))?;
        Ok(())
    }
}

/// `{{names list}}` or `(names list)` inside `t`: the names in a list (or one name), joined,
/// a member who deleted their account (`null`) named as such in the page's language. A plain
/// string (one name, or mail queued by an older version with the names joined) passes through. The value is escaped
/// like any other where it is written.
pub struct NamesHelper;

impl HelperDef for NamesHelper {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> Result<handlebars::ScopedJson<'rc>, handlebars::RenderError> {
        let locale = context_locale(ctx)?;
        let list = h
            .param(0)
            .map(|p| p.value())
            .ok_or(RenderErrorReason::ParamNotFoundForIndex("names", 0))?;
        let joined = match list {
            Value::Array(items) => items
                .iter()
                .map(|name| match name.as_str() {
                    Some(name) => name.to_string(),
                    None => text(locale, "deleted-member", None),
                })
                .collect::<Vec<_>>()
                .join(", "),
            Value::String(already) => already.clone(),
            Value::Null => text(locale, "deleted-member", None),
            _ => {
                return Err(RenderErrorReason::InvalidParamType("a list of names").into());
            }
        };
        Ok(handlebars::ScopedJson::Derived(Value::String(joined)))
    }
}

thread_local! {
    /// Per (language, escaping): message key → formatted text.
    static FIXED: RefCell<[HashMap<String, Rc<str>>; 4]> = RefCell::default();
}

impl TranslateHelper {
    fn escaped(&self, text: &str) -> String {
        match self.escape {
            Escape::Html => escape_html(text),
            Escape::None => text.to_string(),
        }
    }
}

/// Formats a UTC time in the site's time zone and the reader's language.
pub fn format_datetime(utc: NaiveDateTime, tz: Tz, locale: Locale) -> String {
    let local = tz.from_utc_datetime(&utc);
    match locale {
        Locale::Es => local
            .format_localized("%-d %b %Y, %H:%M", chrono::Locale::es_ES)
            .to_string(),
        Locale::En => local
            .format_localized("%b %-d, %Y, %-I:%M %p", chrono::Locale::en_US)
            .to_string(),
    }
}

/// `{{datetime value}}`: a `<time>` element (plain text in emails) for a UTC timestamp, shown
/// in the site's time zone.
pub struct DateTimeHelper {
    pub timezone: Tz,
    pub escape: Escape,
}

impl HelperDef for DateTimeHelper {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let raw = h
            .param(0)
            .and_then(|p| p.value().as_str())
            .ok_or(RenderErrorReason::ParamNotFoundForIndex("datetime", 0))?;
        let utc: NaiveDateTime = raw
            .parse()
            .map_err(|_| RenderErrorReason::Other(format!("not a timestamp: {raw}")))?;
        let shown = format_datetime(utc, self.timezone, context_locale(ctx)?);
        if self.escape == Escape::None {
            out.write(&shown)?;
            return Ok(());
        }
        out.write(&format!(
            "<time datetime=\"{}Z\">{}</time>",
            utc.format("%Y-%m-%dT%H:%M:%S"),
            escape_html(&shown)
        ))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_follow_the_zone_and_the_language() {
        let utc = "2026-11-28T13:05:00".parse::<NaiveDateTime>().unwrap();
        let tz = chrono_tz::America::Guatemala;
        assert_eq!(format_datetime(utc, tz, Locale::Es), "28 nov 2026, 07:05");
        assert_eq!(
            format_datetime(utc, tz, Locale::En),
            "Nov 28, 2026, 7:05 AM"
        );
    }

    #[test]
    fn messages_exist_in_both_languages() {
        assert_eq!(text(Locale::Es, "site-name", None), "Tertulia");
        assert!(has_message(Locale::En, "nav-boards"));
        assert!(has_message(Locale::En, "board-counts"));
        assert!(!has_message(Locale::En, "no-such-message"));
    }

    #[test]
    fn has_message_reads_every_catalogue_file() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/i18n");
        let mut on_disk = Vec::new();
        for lang in std::fs::read_dir(&root).unwrap() {
            let lang = lang.unwrap();
            for file in std::fs::read_dir(lang.path()).unwrap() {
                on_disk.push(format!(
                    "{}/{}",
                    lang.file_name().to_string_lossy(),
                    file.unwrap().file_name().to_string_lossy()
                ));
            }
        }
        let mut listed: Vec<String> = CATALOGUE_FILES
            .iter()
            .map(|(lang, file, _)| format!("{lang}/{file}"))
            .collect();
        on_disk.sort();
        listed.sort();
        assert_eq!(
            on_disk, listed,
            "CATALOGUE_FILES lists every catalogue file"
        );
    }

    #[test]
    fn numbers_are_grouped_the_way_each_language_writes_them() {
        let counts = |locale, threads: i64, posts: i64| {
            let mut args = Args::new();
            args.insert("threads".into(), threads.into());
            args.insert("posts".into(), posts.into());
            text(locale, "board-counts", Some(&args))
        };
        assert_eq!(counts(Locale::Es, 1, 1234), "1 hilo · 1234 mensajes");
        assert_eq!(counts(Locale::Es, 2, 16666), "2 hilos · 16.666 mensajes");
        assert_eq!(
            counts(Locale::Es, 5000, 1_000_000),
            "5000 hilos · 1.000.000 mensajes"
        );
        assert_eq!(counts(Locale::En, 1, 1234), "1 thread · 1,234 posts");
        assert_eq!(counts(Locale::En, 999, 16666), "999 threads · 16,666 posts");
    }

    #[test]
    fn names_are_joined_and_a_deleted_member_is_named_in_the_readers_language() {
        let mut hb = Handlebars::new();
        hb.set_strict_mode(true);
        hb.register_helper(
            "t",
            Box::new(TranslateHelper {
                escape: Escape::Html,
            }),
        );
        hb.register_helper("names", Box::new(NamesHelper));
        let template = r#"{{t "digest-replies" count=2 names=(names authors)}}|{{names one}}"#;
        let render = |lang: &str, authors: Value, one: Value| {
            let data = serde_json::json!({"lang": lang, "authors": authors, "one": one});
            hb.render_template(template, &data).unwrap()
        };
        assert_eq!(
            render("es", serde_json::json!(["ana", null]), Value::Null),
            "2 respuestas nuevas de ana, miembro eliminado|miembro eliminado"
        );
        assert_eq!(
            render("en", serde_json::json!([null]), serde_json::json!("<b>")),
            "2 new replies by deleted member|&lt;b&gt;"
        );
        // Mail queued before names came as lists: the joined string passes through.
        assert_eq!(
            render("es", serde_json::json!("ana, luis"), Value::Null),
            "2 respuestas nuevas de ana, luis|miembro eliminado"
        );
    }
}
