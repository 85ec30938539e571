//! Post bodies: CommonMark (tables, strikethrough, autolinks) rendered once and sanitised with
//! ammonia, so stored HTML is safe to show as it is.

use std::collections::HashSet;
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
            Event::Text(text) if !in_link && !in_code => linkify_text(text, &mut events),
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

/// Turns bare web addresses in text into links.
fn linkify_text<'a>(text: CowStr<'a>, events: &mut Vec<Event<'a>>) {
    let mut finder = linkify::LinkFinder::new();
    finder.kinds(&[linkify::LinkKind::Url]);
    let mut rest = text.to_string();
    let mut found = false;
    let mut out = Vec::new();
    let mut last = 0;
    for link in finder.links(&rest) {
        found = true;
        if link.start() > last {
            out.push(Event::Text(CowStr::from(
                rest[last..link.start()].to_string(),
            )));
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
        events.push(Event::Text(text));
        return;
    }
    if last < rest.len() {
        out.push(Event::Text(CowStr::from(rest.split_off(last))));
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
