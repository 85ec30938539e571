//! Post bodies: CommonMark (tables, strikethrough, autolinks) rendered once and sanitised with
//! ammonia, so stored HTML is safe to show as it is.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let tags: HashSet<&str> = [
        "a",
        "abbr",
        "blockquote",
        "br",
        "code",
        "del",
        "em",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "li",
        "ol",
        "p",
        "pre",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
    ]
    .into_iter()
    .collect();
    let mut builder = ammonia::Builder::default();
    builder
        .tags(tags)
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("nofollow ugc noopener"))
        .url_relative(ammonia::UrlRelative::PassThrough)
        .strip_comments(true);
    builder
});

/// Renders Markdown to sanitised HTML.
pub fn render(source: &str) -> String {
    render_with_mentions(source, &HashMap::new())
}

/// The most names one post may mention that are looked up (and linked).
pub const MENTIONS_LOOKED_UP: usize = 50;

/// The names written as `@name` in the text of `source` (not in code, not in links), as
/// lookup keys (lower case), once each, in order; at most [`MENTIONS_LOOKED_UP`].
pub fn mentioned_keys(source: &str) -> Vec<String> {
    keys_of_mentions(source, true)
}

/// The names `source` mentions in its own words: as [`mentioned_keys`], leaving out what it
/// quotes (`> …`), whose mentions were someone else's.
pub fn mentions_to_notify(source: &str) -> Vec<String> {
    keys_of_mentions(source, false)
}

fn keys_of_mentions(source: &str, in_quotes_too: bool) -> Vec<String> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let (mut in_link, mut in_code, mut quotes) = (false, false, 0usize);
    let mut keys: Vec<String> = Vec::new();
    for event in Parser::new_ext(source, options) {
        match event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => in_link = true,
            Event::End(TagEnd::Link | TagEnd::Image) => in_link = false,
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Start(Tag::BlockQuote(_)) => quotes += 1,
            Event::End(TagEnd::BlockQuote(_)) => quotes = quotes.saturating_sub(1),
            Event::Text(text) if !in_link && !in_code && (in_quotes_too || quotes == 0) => {
                for (_, name) in mentions_in(&text) {
                    let key = name.to_lowercase();
                    if !keys.contains(&key) && keys.len() < MENTIONS_LOOKED_UP {
                        keys.push(key);
                    }
                }
            }
            _ => {}
        }
    }
    keys
}

/// Whether `source` quotes something (a `> ` block).
pub fn quotes(source: &str) -> bool {
    Parser::new(source).any(|e| matches!(e, Event::Start(Tag::BlockQuote(_))))
}

/// Each `@name` in `text`: (byte offset of the `@`, name). A name is 3 to 30 letters, digits,
/// `_` or `-`, and the `@` does not follow a letter or digit (so `ana@example.org` is no
/// mention).
fn mentions_in(text: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        if c == '@' && !prev.is_some_and(|p| p.is_alphanumeric() || p == '_' || p == '-') {
            let rest = &text[i + 1..];
            let end = rest
                .char_indices()
                .find(|(_, c)| !(c.is_alphanumeric() || *c == '_' || *c == '-'))
                .map_or(rest.len(), |(j, _)| j);
            let name = &rest[..end];
            if (3..=30).contains(&name.chars().count()) {
                found.push((i, name));
            }
        }
        prev = Some(c);
    }
    found
}

/// Renders Markdown to sanitised HTML, turning `@name` into a link to the member's profile
/// where `members` (lookup key → the name as registered) knows the name.
pub fn render_with_mentions(source: &str, members: &HashMap<String, String>) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut events = Vec::new();
    let mut in_link = false;
    let mut in_code = false;
    for event in Parser::new_ext(source, options) {
        match event {
            // Raw HTML is shown as text, never interpreted.
            Event::Html(html) | Event::InlineHtml(html) => events.push(Event::Text(html)),
            // Images would load from other hosts: they become links to the image.
            Event::Start(Tag::Image {
                dest_url,
                title,
                id,
                ..
            }) => {
                in_link = true;
                events.push(Event::Start(Tag::Link {
                    link_type: LinkType::Inline,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Image) => {
                in_link = false;
                events.push(Event::End(TagEnd::Link));
            }
            // Post headings sit under the page's own h1 and h2.
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => events.push(Event::Start(Tag::Heading {
                level: demote(level),
                id,
                classes,
                attrs,
            })),
            Event::End(TagEnd::Heading(level)) => {
                events.push(Event::End(TagEnd::Heading(demote(level))))
            }
            Event::Start(Tag::Link { .. }) => {
                in_link = true;
                events.push(event);
            }
            Event::End(TagEnd::Link) => {
                in_link = false;
                events.push(event);
            }
            Event::Start(Tag::CodeBlock(_)) => {
                in_code = true;
                events.push(event);
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code = false;
                events.push(event);
            }
            Event::Text(text) if !in_link && !in_code => linkify_text(text, members, &mut events),
            other => events.push(other),
        }
    }
    let mut html = String::with_capacity(source.len() * 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    SANITIZER.clean(&html).to_string()
}

fn demote(level: pulldown_cmark::HeadingLevel) -> pulldown_cmark::HeadingLevel {
    use pulldown_cmark::HeadingLevel::*;
    match level {
        H1 => H3,
        H2 => H4,
        H3 => H5,
        _ => H6,
    }
}

/// Adds `text` to `events` with the mentions of known members turned into profile links.
fn mention_text<'a>(text: String, members: &HashMap<String, String>, events: &mut Vec<Event<'a>>) {
    let mut last = 0;
    for (at, name) in mentions_in(&text) {
        let Some(registered) = members.get(&name.to_lowercase()) else {
            continue;
        };
        if at > last {
            events.push(Event::Text(CowStr::from(text[last..at].to_string())));
        }
        events.push(Event::Start(Tag::Link {
            link_type: LinkType::Inline,
            dest_url: CowStr::from(format!("/u/{registered}")),
            title: CowStr::from(""),
            id: CowStr::from(""),
        }));
        events.push(Event::Text(CowStr::from(format!("@{name}"))));
        events.push(Event::End(TagEnd::Link));
        last = at + 1 + name.len();
    }
    if last < text.len() {
        events.push(Event::Text(CowStr::from(text[last..].to_string())));
    }
}

/// Turns bare web addresses in text into links, and mentions of known members into links to
/// their profiles.
fn linkify_text<'a>(
    text: CowStr<'a>,
    members: &HashMap<String, String>,
    events: &mut Vec<Event<'a>>,
) {
    let mut finder = linkify::LinkFinder::new();
    finder.kinds(&[linkify::LinkKind::Url]);
    let mut rest = text.to_string();
    let mut found = false;
    let mut out = Vec::new();
    let mut last = 0;
    for link in finder.links(&rest) {
        found = true;
        if link.start() > last {
            mention_text(rest[last..link.start()].to_string(), members, &mut out);
        }
        let url = link.as_str().to_string();
        out.push(Event::Start(Tag::Link {
            link_type: LinkType::Autolink,
            dest_url: CowStr::from(url.clone()),
            title: CowStr::from(""),
            id: CowStr::from(""),
        }));
        out.push(Event::Text(CowStr::from(url)));
        out.push(Event::End(TagEnd::Link));
        last = link.end();
    }
    if !found {
        if members.is_empty() {
            events.push(Event::Text(text));
        } else {
            mention_text(rest, members, events);
        }
        return;
    }
    if last < rest.len() {
        mention_text(rest.split_off(last), members, &mut out);
    }
    events.extend(out);
}

/// A reply's start that quotes `source`: the `attribution` line, then every line of the
/// source behind `> ` (blank lines as `>`), then an empty line to write under.
pub fn quote(attribution: &str, source: &str) -> String {
    let mut out = String::with_capacity(source.len() + attribution.len() + 16);
    out.push_str(attribution.trim());
    out.push_str("\n\n");
    for line in source.trim_end().lines() {
        if line.trim().is_empty() {
            out.push_str(">\n");
        } else {
            out.push_str("> ");
            out.push_str(line);
            out.push('\n');
        }
    }
    out.push('\n');
    out
}

/// The first `max` characters of plain text in `html`, for quotes, excerpts and cards.
pub fn excerpt(html: &str, max: usize) -> String {
    let text = plain_text(html);
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => cut[..i].to_string(),
        _ => cut,
    };
    format!("{}…", cut.trim_end())
}

/// The plain text of sanitised HTML: tags dropped, entities decoded, whitespace collapsed.
pub fn plain_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    let mut last_space = true;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                if !last_space {
                    text.push(' ');
                    last_space = true;
                }
            }
            _ if in_tag => {}
            c if c.is_whitespace() => {
                if !last_space {
                    text.push(' ');
                    last_space = true;
                }
            }
            c => {
                text.push(c);
                last_space = false;
            }
        }
    }
    unescape(text.trim())
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_of_known_members_link_to_their_profiles() {
        let source = "Hola @Ana y @nadie, escribe a ana@example.org.\n\n`@ana` en código\n\n    @ana\n\n[@ana](https://x.example) y https://x.example/@ana";
        assert_eq!(mentioned_keys(source), ["ana", "nadie"]);
        let members: HashMap<String, String> = [("ana".to_string(), "Ana".to_string())].into();
        let html = render_with_mentions(source, &members);
        assert_eq!(html.matches("href=\"/u/Ana\"").count(), 1, "{html}");
        assert!(
            html.contains("<a href=\"/u/Ana\" rel=\"nofollow ugc noopener\">@Ana</a> y @nadie"),
            "{html}"
        );
        assert!(html.contains("ana@example.org"));
        assert!(html.contains("<code>@ana</code>"));
        // Without known members, the text is as before.
        assert_eq!(
            render(source),
            render_with_mentions(source, &HashMap::new())
        );
        assert!(mentioned_keys("@ab @a-b_c").len() == 1);
    }

    #[test]
    fn mentions_in_a_quote_link_but_only_ones_own_notify() {
        let source = "ana escribió:\n\n> pregunto a @luis\n\nY yo a @marta";
        assert_eq!(mentioned_keys(source), ["luis", "marta"]);
        assert_eq!(mentions_to_notify(source), ["marta"]);
        assert!(quotes(source));
        assert!(!quotes("Sin cita > aquí"));
    }

    #[test]
    fn a_quote_keeps_every_line_behind_its_marker() {
        assert_eq!(
            quote("ana escribió:", "Primera línea\n\n> cita previa\n- punto\n"),
            "ana escribió:\n\n> Primera línea\n>\n> > cita previa\n> - punto\n\n"
        );
        let quoted = quote("ana wrote:", "**sí** y `no`");
        assert!(render(&quoted).contains("<blockquote>"));
        assert!(render(&quoted).contains("<strong>sí</strong>"));
    }

    #[test]
    fn renders_common_mark_tables_strikethrough_and_autolinks() {
        let html = render("# Título\n\n**negrita** ~~tachado~~\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nVer https://example.org/x y <https://example.com>");
        assert!(html.contains("<h3>Título</h3>"), "{html}");
        assert!(html.contains("<strong>negrita</strong>"));
        assert!(html.contains("<del>tachado</del>"));
        assert!(html.contains("<table>"));
        assert!(html.contains("<a href=\"https://example.org/x\" rel=\"nofollow ugc noopener\">https://example.org/x</a>"), "{html}");
        assert!(html.contains("href=\"https://example.com\""));
    }

    #[test]
    fn images_become_links_and_raw_html_is_text() {
        let html = render("![un gato](https://example.org/gato.png) <b>hola</b>");
        assert!(!html.contains("<img"));
        assert!(html.contains("<a href=\"https://example.org/gato.png\""));
        assert!(html.contains("&lt;b&gt;hola&lt;/b&gt;"), "{html}");
    }

    /// Payloads that must come out inert.
    pub const XSS: &[&str] = &[
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//x.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<body onload=alert(1)>",
        "<iframe src=javascript:alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
        "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
        "[x](javascript:alert(1))",
        "[x](JAVASCRIPT:alert(1))",
        "[x](javascript&colon;alert(1))",
        "[x]( javascript:alert(1) )",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[x](vbscript:msgbox(1))",
        "![x](javascript:alert(1))",
        "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "[x](https://ok.example \"onmouseover=alert(1)\")",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<p style=\"color:red\">x</p>",
        "<style>body{display:none}</style>",
        "<link rel=stylesheet href=//x.example/x.css>",
        "<meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">",
        "<object data=javascript:alert(1)>",
        "<embed src=javascript:alert(1)>",
        "<form action=javascript:alert(1)><button>x</button></form>",
        "<input onfocus=alert(1) autofocus>",
        "<details open ontoggle=alert(1)>",
        "<marquee onstart=alert(1)>",
        "<video><source onerror=alert(1)></video>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
        "<a href=\"#\" onclick=\"alert(1)\">x</a>",
        "<a/href=\"javascript:alert(1)\">x</a>",
        "<img src=\"x\"/onerror=\"alert(1)\">",
        "<<script>script>alert(1)<</script>/script>",
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        "\"><script>alert(1)</script>",
        "'><img src=x onerror=alert(1)>",
        "<!--<img src=x onerror=alert(1)>-->",
        "<![CDATA[<script>alert(1)</script>]]>",
        "<base href=javascript:alert(1)//>",
        "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
        "<isindex type=image src=1 onerror=alert(1)>",
        "<table background=javascript:alert(1)>",
        "<td background=javascript:alert(1)>",
        "[a](<javascript:alert(1)>)",
        "[ref]\n\n[ref]: javascript:alert(1)",
        "<https://ok.example/\"onmouseover=\"alert(1)>",
        "`<script>alert(1)</script>`",
        "```html\n<script>alert(1)</script>\n```",
        "<xss onafterscriptexecute=alert(1)><script>1</script>",
        "<a href=\"https://ok.example\" target=\"_blank\" style=\"position:fixed\">x</a>",
    ];

    #[test]
    fn an_xss_corpus_renders_inert() {
        assert!(XSS.len() >= 50);
        for payload in XSS {
            let html = render(payload).to_lowercase();
            let doc = scraper::Html::parse_fragment(&html);
            for node in doc.root_element().descendants() {
                let Some(el) = node.value().as_element() else {
                    continue;
                };
                assert!(
                    ![
                        "script", "style", "iframe", "img", "svg", "object", "embed", "form",
                        "input", "base", "meta", "link"
                    ]
                    .contains(&el.name()),
                    "{payload:?} left a <{}>: {html}",
                    el.name()
                );
                for (name, value) in el.attrs() {
                    assert!(!name.starts_with("on"), "{payload:?} left {name}: {html}");
                    assert!(
                        name != "style" && name != "background",
                        "{payload:?}: {html}"
                    );
                    let v = value.trim().replace(['\t', '\n', '\r'], "");
                    assert!(
                        !v.starts_with("javascript:")
                            && !v.starts_with("data:")
                            && !v.starts_with("vbscript:"),
                        "{payload:?} left {name}={value}: {html}"
                    );
                }
            }
        }
    }

    #[test]
    fn excerpts_are_plain_text_cut_at_a_word() {
        let html = render("Hola **mundo** &amp; <b>amigos</b>, esta es una frase larga de verdad.");
        assert_eq!(
            excerpt(&html, 200),
            "Hola mundo & <b>amigos</b>, esta es una frase larga de verdad."
        );
        assert_eq!(excerpt(&html, 20), "Hola mundo &…");
    }
}
