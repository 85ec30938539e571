//! HTML bodies to plain text, for the clients that send no text/plain part. Quote containers are
//! recognised by the markers each client writes, and dropped here, because once flattened to
//! text an HTML quote no longer starts with `>` and could not be told from the member's words.

use super::entities::decode;

/// Containers holding the quoted message (Gmail, Thunderbird, Apple Mail, Yahoo) or the
/// client's signature (Gmail, Thunderbird), which in HTML has no "-- " line of its own to cut at.
const DROPPED_MARKERS: [&str; 6] = [
    "gmail_quote",
    "moz-cite-prefix",
    "appleoriginalcontents",
    "yahoo_quoted",
    "gmail_signature",
    "moz-signature",
];
/// Outlook does not wrap the quoted message: everything from these markers on is quoted.
const CUT_MARKERS: [&str; 3] = [
    "divrplyfwdmsg",
    "appendonsend",
    "mail-editor-reference-message-container",
];
const LINE_TAGS: [&str; 20] = [
    "div", "tr", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "pre", "section",
    "article", "header", "footer", "center", "dd", "dt",
];
const HIDDEN_TAGS: [&str; 4] = ["head", "style", "script", "title"];

struct Tag<'a> {
    name: String,
    attrs: &'a str,
    closing: bool,
}

/// The visible text of `html`, one line per block, blank lines between paragraphs.
pub(super) fn to_text(html: &str) -> String {
    let mut out = String::new();
    let mut skipping: Option<(String, usize)> = None;
    let mut in_pre = 0usize;
    let mut rest = html;
    while !rest.is_empty() {
        if !rest.starts_with('<') {
            let end = rest.find('<').unwrap_or(rest.len());
            match (&skipping, in_pre) {
                (Some(_), _) => {}
                (None, 0) => push_text(&mut out, &rest[..end]),
                (None, _) => out.push_str(&decode(&rest[..end])),
            }
            rest = &rest[end..];
            continue;
        }
        let Some((tag, after)) = read_tag(rest) else {
            if skipping.is_none() {
                push_text(&mut out, "<");
            }
            rest = &rest[1..];
            continue;
        };
        rest = after;
        if let Some((name, depth)) = skipping.as_mut() {
            if *name == tag.name {
                *depth = if tag.closing { *depth - 1 } else { *depth + 1 };
            }
            if *depth == 0 {
                skipping = None;
            }
            continue;
        }
        let attrs = tag.attrs.to_ascii_lowercase();
        if tag.name == "pre" {
            in_pre = if tag.closing {
                in_pre.saturating_sub(1)
            } else {
                in_pre + 1
            };
        }
        if tag.closing {
            end_tag(&mut out, &tag.name);
        } else if HIDDEN_TAGS.contains(&tag.name.as_str()) {
            rest = skip_past_end(rest, &tag.name);
        } else if CUT_MARKERS.iter().any(|m| attrs.contains(m)) {
            break;
        } else if tag.name == "blockquote" || DROPPED_MARKERS.iter().any(|m| attrs.contains(m)) {
            if !attrs.trim_end().ends_with('/') {
                skipping = Some((tag.name, 1));
            }
        } else {
            start_tag(&mut out, &tag.name, &attrs);
        }
    }
    tidy(&out)
}

fn start_tag(out: &mut String, name: &str, attrs: &str) {
    match name {
        "br" => out.push('\n'),
        "p" if attrs.contains("msonormal") => line_break(out),
        "p" => paragraph(out),
        "li" => {
            line_break(out);
            out.push_str("- ");
        }
        _ if LINE_TAGS.contains(&name) => line_break(out),
        _ => {}
    }
}

fn end_tag(out: &mut String, name: &str) {
    if name == "p" || name == "li" || LINE_TAGS.contains(&name) {
        line_break(out);
    } else if (name == "td" || name == "th") && !out.ends_with(char::is_whitespace) {
        out.push(' ');
    }
}

fn line_break(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

fn paragraph(out: &mut String) {
    line_break(out);
    if !out.is_empty() && !out.ends_with("\n\n") {
        out.push('\n');
    }
}

/// Text as a browser shows it: whitespace runs collapse to one space, none at a line start.
fn push_text(out: &mut String, raw: &str) {
    let mut collapsed = String::with_capacity(raw.len());
    for (i, word) in raw.split_ascii_whitespace().enumerate() {
        if i > 0 {
            collapsed.push(' ');
        }
        collapsed.push_str(word);
    }
    if raw.starts_with(|c: char| c.is_ascii_whitespace())
        && !out.is_empty()
        && !out.ends_with(['\n', ' '])
    {
        out.push(' ');
    }
    out.push_str(&decode(&collapsed).replace('\u{a0}', " "));
    if raw.ends_with(|c: char| c.is_ascii_whitespace()) && !collapsed.is_empty() {
        out.push(' ');
    }
}

/// Reads `<name attrs>` or `</name>` at the start of `input`; comments and declarations come
/// back as a nameless tag. `None` when the `<` does not open a tag.
fn read_tag(input: &str) -> Option<(Tag<'_>, &str)> {
    if let Some(body) = input.strip_prefix("<!--") {
        let end = body.find("-->").map_or(body.len(), |i| i + 3);
        return Some((nameless(), &body[end..]));
    }
    let body = &input[1..];
    if body.starts_with(['!', '?']) {
        let end = body.find('>').map_or(body.len(), |i| i + 1);
        return Some((nameless(), &body[end..]));
    }
    let (closing, body) = match body.strip_prefix('/') {
        Some(b) => (true, b),
        None => (false, body),
    };
    let name_len = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == ':' || c == '-'))
        .unwrap_or(body.len());
    if name_len == 0 || !body.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let mut quote = None;
    let mut end = body.len();
    for (i, c) in body.char_indices().skip(name_len) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '>') => {
                end = i;
                break;
            }
            _ => {}
        }
    }
    let tag = Tag {
        name: body[..name_len].to_ascii_lowercase(),
        attrs: &body[name_len..end],
        closing,
    };
    Some((tag, body.get(end + 1..).unwrap_or("")))
}

fn nameless() -> Tag<'static> {
    Tag {
        name: String::new(),
        attrs: "",
        closing: true,
    }
}

/// The input after `</name>`, for elements whose content is never shown.
fn skip_past_end<'a>(input: &'a str, name: &str) -> &'a str {
    let lower = input.to_ascii_lowercase();
    match lower.find(&format!("</{name}")) {
        Some(start) => input[start..]
            .find('>')
            .map_or("", |end| &input[start + end + 1..]),
        None => "",
    }
}

fn tidy(text: &str) -> String {
    let mut lines: Vec<&str> = Vec::new();
    for line in text.lines().map(str::trim) {
        if !(line.is_empty() && lines.last().is_none_or(|l| l.is_empty())) {
            lines.push(line);
        }
    }
    lines.join("\n").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::to_text;

    #[test]
    fn gmail_divs_become_lines_and_the_quote_goes() {
        let html = "<div dir=\"ltr\"><div>Hola,</div><div><br></div><div>S&iacute;, me apunto &amp; llevo sillas.</div></div><br><div class=\"gmail_quote\"><div dir=\"ltr\" class=\"gmail_attr\">El lun, 30 nov 2026 escribi&oacute;:<br></div><blockquote class=\"gmail_quote\"><div>antes</div></blockquote></div>";
        assert_eq!(to_text(html), "Hola,\n\nSí, me apunto & llevo sillas.");
    }

    #[test]
    fn outlook_reply_header_cuts_to_the_end() {
        let html = "<html><head><style>p{margin:0}</style></head><body><div>Yes, see you there.</div><div id=\"appendonsend\"></div><hr><div id=\"divRplyFwdMsg\"><b>From:</b> Forum</div><div>old text</div></body></html>";
        assert_eq!(to_text(html), "Yes, see you there.");
    }

    #[test]
    fn paragraphs_lists_and_nested_blockquotes() {
        let html = "<p>One</p><blockquote type=\"cite\"><blockquote>deep</blockquote>still quoted</blockquote><p>Two &lt;3 &#8364;5 &#x41;</p><ul><li>a</li><li>b</li></ul>";
        assert_eq!(to_text(html), "One\n\nTwo <3 €5 A\n- a\n- b");
    }

    #[test]
    fn thunderbird_html_signature_and_preformatted_lines() {
        let html = "<p>Voy.</p><pre>linea  1\nlinea 2</pre><table><tr><td>a</td><td>b</td></tr></table><pre class=\"moz-signature\" cols=\"72\">-- \nJorge</pre>";
        assert_eq!(to_text(html), "Voy.\nlinea  1\nlinea 2\na b");
    }

    #[test]
    fn thunderbird_and_yahoo_quote_containers_go() {
        let thunderbird = "<p>Claro.</p><div class=\"moz-cite-prefix\">El 30/11/26 a las 10:12, Foro escribió:<br></div><blockquote type=\"cite\">viejo</blockquote>";
        assert_eq!(to_text(thunderbird), "Claro.");
        let yahoo = "<div>Sure.</div><div id=\"yahoo_quoted_1234\" class=\"yahoo_quoted\"><div>On Monday, Forum wrote:</div><div><div>old</div></div></div><div>P.S. bring cake</div>";
        assert_eq!(to_text(yahoo), "Sure.\nP.S. bring cake");
    }

    #[test]
    fn a_stray_angle_bracket_is_text() {
        assert_eq!(to_text("1 < 2 and <b>bold</b>"), "1 < 2 and bold");
    }
}
