//! Addresses out of raw header values, and reply keys out of addresses. Hand-written because
//! `Delivered-To`, `X-Original-To` and `Envelope-To` are not address headers to a MIME parser,
//! and display names (quoted or in comments) must never be mistaken for addresses.

/// Every address in a header value such as `"Ana" <ana@x.org>, bea@y.org (Bea)`, as written
/// (a reply key may be case-sensitive).
pub(super) fn addresses(value: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut outside = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => skip_quoted(&mut chars),
            '(' => skip_comment(&mut chars),
            '<' => {
                let inner: String = chars.by_ref().take_while(|&c| c != '>').collect();
                push_address(&mut found, &inner);
            }
            _ => outside.push(c),
        }
    }
    for token in outside.split(|c: char| c == ',' || c == ';' || c.is_whitespace()) {
        push_address(&mut found, token);
    }
    found
}

/// The key of `LOCAL+KEY@DOMAIN` when `LOCAL@DOMAIN` is the reply address. The local part is
/// The mailbox is compared ignoring case (some servers lower-case the recipient they record);
/// the key is returned as written.
pub(super) fn reply_key(address: &str, reply_address: &str) -> Option<String> {
    let (local, domain) = address.rsplit_once('@')?;
    let (reply_local, reply_domain) = reply_address.trim().rsplit_once('@')?;
    let (base, key) = local.split_once('+')?;
    let same_box =
        base.eq_ignore_ascii_case(reply_local) && domain.eq_ignore_ascii_case(reply_domain);
    (same_box && !key.is_empty()).then(|| key.to_string())
}

fn push_address(found: &mut Vec<String>, token: &str) {
    let token = token.trim().trim_start_matches("mailto:");
    let valid = token
        .split_once('@')
        .is_some_and(|(local, domain)| !local.is_empty() && !domain.is_empty());
    if valid && !token.contains(char::is_whitespace) {
        found.push(token.to_string());
    }
}

fn skip_quoted(chars: &mut std::str::Chars<'_>) {
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '"' => return,
            _ => {}
        }
    }
}

fn skip_comment(chars: &mut std::str::Chars<'_>) {
    let mut depth = 1;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '(' => depth += 1,
            ')' if depth == 1 => return,
            ')' => depth -= 1,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_are_not_addresses() {
        let value =
            "\"respuestas+falsa@foro.example.org\" <Ana@Example.org>, bea@example.org (x@y.org)";
        assert_eq!(addresses(value), ["Ana@Example.org", "bea@example.org"]);
    }

    #[test]
    fn folded_bare_addresses_are_read() {
        assert_eq!(addresses(" a@x.org,\r\n\tb@y.org"), ["a@x.org", "b@y.org"]);
    }

    #[test]
    fn keys_need_the_reply_mailbox() {
        let reply = "respuestas@foro.example.org";
        assert_eq!(
            reply_key("respuestas+k1@FORO.example.org", reply).as_deref(),
            Some("k1")
        );
        assert_eq!(reply_key("respuestas@foro.example.org", reply), None);
        assert_eq!(reply_key("respuestas+@foro.example.org", reply), None);
        assert_eq!(reply_key("otros+k1@foro.example.org", reply), None);
        assert_eq!(reply_key("respuestas+k1@otro.example.org", reply), None);
    }
}
