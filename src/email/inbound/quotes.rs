//! The member's new words out of a reply body: what Spanish and English mail clients add below
//! them (attributions, quoted lines, Outlook header blocks, signatures, "Enviado desde mi
//! iPhone") is cut, so a thread does not fill with copies of itself.
//!
//! Interleaved replies: every `>` line is dropped wherever it is, and the member's own lines
//! between and after quote blocks are kept. Members rarely answer point by point; when they do,
//! their answers survive and the quoted post is one click away in the thread.

const ATTRIBUTION_ENDS: [&str; 4] = ["escribió:", "escribio:", "ha escrito:", "wrote:"];
const ORIGINAL_MARKERS: [&str; 4] = [
    "mensaje original",
    "original message",
    "mensaje reenviado",
    "forwarded message",
];
const SENT_FROM: [&str; 10] = [
    "enviado desde mi ",
    "sent from my ",
    "enviado desde outlook",
    "sent from outlook",
    "obtener outlook para",
    "get outlook for",
    "enviado desde yahoo",
    "sent from yahoo",
    "enviado desde correo para windows",
    "sent from mail for windows",
];

/// The new text of a plain-text reply body, trimmed; empty when nothing of the member's is left.
pub fn new_text(body: &str) -> String {
    let body = body.replace("\r\n", "\n").replace('\r', "\n");
    let mut lines: Vec<&str> = body.lines().map(str::trim_end).collect();
    lines.truncate(hard_cut(&lines));
    finish(drop_quotes(&lines))
}

/// Where the quoted message starts when it is not marked with `>`: an "original message" line,
/// an Outlook header block (with the rule above it), or the signature delimiter.
fn hard_cut(lines: &[&str]) -> usize {
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        let lower = trimmed.to_lowercase();
        if trimmed == "--"
            || (lower.starts_with("--") && ORIGINAL_MARKERS.iter().any(|m| lower.contains(m)))
        {
            return i;
        }
        if header_block_at(lines, i) {
            let above = lines[..i].iter().rposition(|l| !l.trim().is_empty());
            return match above {
                Some(j) if is_rule(lines[j]) => j,
                _ => i,
            };
        }
    }
    lines.len()
}

/// "De:/From:" followed within a few lines by a date and a subject: the block Outlook writes
/// above the quoted message. A lone "De:" line in the member's text is not enough.
fn header_block_at(lines: &[&str], i: usize) -> bool {
    let field = |line: &str, names: &[&str]| {
        let line = line.trim().trim_start_matches('*').to_lowercase();
        names.iter().any(|n| line.starts_with(n))
    };
    if !field(lines[i], &["de:", "from:"]) {
        return false;
    }
    let next = &lines[i + 1..lines.len().min(i + 8)];
    next.iter()
        .any(|l| field(l, &["enviado:", "enviado el:", "sent:", "fecha:", "date:"]))
        && next.iter().any(|l| field(l, &["asunto:", "subject:"]))
}

fn is_rule(line: &str) -> bool {
    let line = line.trim();
    line.len() >= 10 && line.chars().all(|c| c == '_' || c == '-')
}

/// The lines left once `>` lines, and the attribution lines introducing them, are gone.
fn drop_quotes<'a>(lines: &[&'a str]) -> Vec<&'a str> {
    let mut kept = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if let Some(span) = attribution_at(lines, i) {
            i += span;
        } else {
            if !is_quoted(lines[i]) {
                kept.push(lines[i]);
            }
            i += 1;
        }
    }
    kept
}

fn is_quoted(line: &str) -> bool {
    line.trim_start().starts_with('>')
}

/// "El lun, 30 nov 2026 a las 10:12, Ana <a@x> escribió:" or "On ... wrote:", on one line or
/// wrapped over up to three (Gmail wraps long names and addresses), and only when quoted lines
/// (or nothing) follow: a sentence of the member's that happens to end in "escribió:" is kept.
fn attribution_at(lines: &[&str], i: usize) -> Option<usize> {
    let first = lines[i].trim();
    let opens = (first.starts_with("El ") || first.starts_with("On "))
        && first.contains(|c: char| c.is_ascii_digit());
    if !opens {
        return None;
    }
    let ends = |line: &str| ATTRIBUTION_ENDS.iter().any(|e| line.trim().ends_with(e));
    let continues = |line: &&str| !line.trim().is_empty() && !is_quoted(line);
    let mut span = 1;
    while !ends(lines[i + span - 1]) {
        if span == 3 || !lines.get(i + span).is_some_and(continues) {
            return None;
        }
        span += 1;
    }
    let after = lines[i + span..].iter().find(|l| !l.trim().is_empty());
    after.is_none_or(|l| is_quoted(l)).then_some(span)
}

/// Trailing "Enviado desde mi iPhone" lines and blank lines off the end, runs of blank lines
/// (left where quotes were) down to one.
fn finish(mut lines: Vec<&str>) -> String {
    loop {
        while lines.last().is_some_and(|l| l.trim().is_empty()) {
            lines.pop();
        }
        match lines.last() {
            Some(l) if is_sent_from(l) => {
                lines.pop();
            }
            _ => break,
        }
    }
    let mut out: Vec<&str> = Vec::new();
    for line in lines {
        let blank = line.trim().is_empty();
        if !(blank && out.last().is_none_or(|l| l.trim().is_empty())) {
            out.push(line);
        }
    }
    out.join("\n")
}

fn is_sent_from(line: &str) -> bool {
    let line = line.trim().to_lowercase();
    line.chars().count() <= 80 && SENT_FROM.iter().any(|s| line.starts_with(s))
}

#[cfg(test)]
mod tests {
    use super::new_text;

    #[test]
    fn escribio_inside_the_member_s_own_text_is_not_a_cut() {
        let body = "Como escribió Ana ayer, el local abre a las 10.\nEl 3 de mayo Luis escribió:\nque vendría. Y vino.";
        assert_eq!(new_text(body), body);
    }

    #[test]
    fn an_attribution_with_no_quote_after_it_is_kept_unless_it_ends_the_text() {
        let kept = "On 3 May Ana wrote:\nthat she would come.";
        assert_eq!(new_text(kept), kept);
        assert_eq!(
            new_text("Vale.\n\nOn Mon, 30 Nov 2026, Ana wrote:\n"),
            "Vale."
        );
    }

    #[test]
    fn attributions_wrapped_by_gmail_are_cut_whole() {
        let body = "Ok.\n\nOn Mon, Nov 30, 2026 at 10:12 AM Tertulia Forum of the Neighbourhood <\nrespuestas+k1@foro.example.org>\nwrote:\n\n> old";
        assert_eq!(new_text(body), "Ok.");
        let four = "On 1 May, a\nb\nc\nwrote:\n> old";
        assert_eq!(new_text(four), "On 1 May, a\nb\nc\nwrote:");
    }

    #[test]
    fn outlook_english_header_block_and_its_rule_are_cut() {
        let body = "Agreed.\r\n\r\n________________________________\r\nFrom: Forum\r\nSent: Monday, November 30, 2026 10:12\r\nTo: Sam\r\nSubject: Plans\r\n\r\nold";
        assert_eq!(new_text(body), "Agreed.");
    }

    #[test]
    fn a_lone_de_line_is_the_member_s_text() {
        let body = "De: mi parte, gracias.\nAsunto: resuelto.";
        assert_eq!(new_text(body), body);
    }

    #[test]
    fn signatures_end_the_text_with_or_without_the_trailing_space() {
        assert_eq!(new_text("Hecho.\n-- \nAna"), "Hecho.");
        assert_eq!(new_text("Done.\n--\nAna"), "Done.");
    }

    #[test]
    fn sent_from_lines_go_only_at_the_end() {
        assert_eq!(new_text("Sí.\n\nEnviado desde mi Samsung Galaxy\n"), "Sí.");
        assert_eq!(
            new_text("Yes.\nSent from my iPad\n\nSent from Outlook for Android"),
            "Yes."
        );
        let middle = "Sent from my phone the photos were blurry.\nSo I will resend them.";
        assert_eq!(new_text(middle), middle);
    }

    #[test]
    fn quote_blocks_in_the_middle_go_and_own_lines_stay() {
        let body = "> a question\nMy answer.\n\n> another\n>\n\nSecond answer.\n\n> trailing\n";
        assert_eq!(new_text(body), "My answer.\n\nSecond answer.");
    }
}
