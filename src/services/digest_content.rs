//! What a digest says about one board in one period: the consultations whose synthesis was
//! published (with an excerpt of it), the threads opened (with an excerpt) and the threads
//! answered (how many replies, by whom, and the most supported of them with an excerpt), read
//! once per run for every board.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use serde::Serialize;

use super::labels::Label;
use super::subscriptions::board_name;
use crate::db::{self, boards::Board, DbConn};
use crate::domain::digest::Period;
use crate::domain::{markdown, Locale};

/// Characters of an opening post shown under its title.
const OPENING_EXCERPT_CHARS: usize = 240;
/// Characters of a published synthesis shown under its consultation's title.
const SYNTHESIS_EXCERPT_CHARS: usize = 400;
/// Characters of each reply shown under an answered thread.
const REPLY_EXCERPT_CHARS: usize = 200;
/// Replies shown under an answered thread; the others are counted.
const SHOWN_REPLIES: usize = 3;
/// Names listed for an answered thread; the others are counted.
const SHOWN_AUTHORS: usize = 5;
/// Threads (opened and answered) a digest lists across its boards, so that even a busy week
/// stays a short read and well under 100 KB (an answered thread with its excerpts is about
/// 2.6 KB): each of the boards with news gets an equal share, at least
/// [`THREADS_PER_BOARD_AT_LEAST`]; the rest of a board's threads are counted, with a link.
const DIGEST_THREADS: usize = 30;
const THREADS_PER_BOARD_AT_LEAST: usize = 3;

/// A consultation whose synthesis was published in the period.
struct Synthesis {
    thread_id: i64,
    title: String,
    excerpt: String,
}

struct NewThread {
    id: i64,
    title: String,
    author: Option<String>,
    label: Option<Label>,
    excerpt: String,
}

struct Active {
    id: i64,
    title: String,
    first_post: i64,
    count: usize,
    authors: Vec<Option<String>>,
    /// The most supported replies so far, in the order shown.
    top: Vec<Reply>,
}

/// A new reply that may be shown under its thread.
struct Reply {
    id: i64,
    support: i64,
    author: Option<String>,
    label: Option<Label>,
    body_html: String,
}

impl Reply {
    fn rank(&self) -> (Reverse<i64>, i64) {
        (Reverse(self.support), self.id)
    }
}

/// Keeps `reply` in `top` if it is among the `SHOWN_REPLIES` most supported (the earliest
/// among equals), `top` staying in that order.
fn keep_among_top(top: &mut Vec<Reply>, reply: Reply) {
    let at = top.partition_point(|r| r.rank() < reply.rank());
    if at < SHOWN_REPLIES {
        top.insert(at, reply);
        top.truncate(SHOWN_REPLIES);
    }
}

/// One board's news in the period.
pub struct BoardContent {
    pub board: Board,
    /// Never cut for length: there are few, and they are what a consultation was for.
    syntheses: Vec<Synthesis>,
    new_threads: Vec<NewThread>,
    active: Vec<Active>,
    /// Threads with news left out for length.
    more_threads: usize,
}

impl BoardContent {
    /// Keeps at most `n` threads: the opened ones first, then the answered ones with the most
    /// replies, each list in its order; counts the others.
    fn keep(&mut self, n: usize) {
        let total = self.new_threads.len() + self.active.len();
        self.new_threads.truncate(n);
        let room = n - self.new_threads.len();
        if self.active.len() > room {
            let mut busiest: Vec<(usize, i64)> =
                self.active.iter().map(|a| (a.count, a.id)).collect();
            busiest.sort_by_key(|(count, id)| (Reverse(*count), *id));
            busiest.truncate(room);
            self.active
                .retain(|a| busiest.iter().any(|(_, id)| *id == a.id));
        }
        self.more_threads = total - self.new_threads.len() - self.active.len();
    }
}

/// The section of an active board, created when first needed.
fn slot<'a>(
    by_board: &'a mut BTreeMap<i64, BoardContent>,
    boards: &[Board],
    board_id: i64,
) -> Option<&'a mut BoardContent> {
    let board = boards.iter().find(|b| b.id == board_id)?;
    Some(by_board.entry(board_id).or_insert_with(|| BoardContent {
        board: board.clone(),
        syntheses: Vec::new(),
        new_threads: Vec::new(),
        active: Vec::new(),
        more_threads: 0,
    }))
}

/// The period's content of every board that has any, in board order.
pub fn load_content(c: &mut DbConn, period: &Period) -> db::QueryResult<Vec<BoardContent>> {
    let boards = db::boards::list_active(c)?;
    let mut by_board: BTreeMap<i64, BoardContent> = BTreeMap::new();
    for s in db::digests::list_new_syntheses(c, period.start, period.end)? {
        if let Some(content) = slot(&mut by_board, &boards, s.board_id) {
            content.syntheses.push(Synthesis {
                thread_id: s.thread_id,
                title: s.title,
                excerpt: markdown::excerpt(&s.synthesis_html, SYNTHESIS_EXCERPT_CHARS),
            });
        }
    }
    let new = db::digests::list_new_threads(c, period.start, period.end)?;
    for t in &new {
        if let Some(content) = slot(&mut by_board, &boards, t.board_id) {
            content.new_threads.push(NewThread {
                id: t.thread_id,
                title: t.title.clone(),
                author: t.author_deleted.is_none().then(|| t.author.clone()),
                label: Label::of(t.author_label.clone(), t.author_deleted),
                excerpt: markdown::excerpt(&t.body_html, OPENING_EXCERPT_CHARS),
            });
        }
    }
    for r in db::digests::list_new_replies(c, period.start, period.end)? {
        if new.iter().any(|t| t.thread_id == r.thread_id) {
            continue;
        }
        let Some(content) = slot(&mut by_board, &boards, r.board_id) else {
            continue;
        };
        let author = r.author_deleted.is_none().then_some(r.author);
        if content.active.last().is_none_or(|a| a.id != r.thread_id) {
            content.active.push(Active {
                id: r.thread_id,
                title: r.title,
                first_post: r.post_id,
                count: 0,
                authors: Vec::new(),
                top: Vec::new(),
            });
        }
        let a = content.active.last_mut().expect("pushed above");
        a.count += 1;
        if !a.authors.contains(&author) {
            a.authors.push(author.clone());
        }
        let reply = Reply {
            id: r.post_id,
            support: r.support_count,
            author,
            label: Label::of(r.author_label, r.author_deleted),
            body_html: r.body_html,
        };
        keep_among_top(&mut a.top, reply);
    }
    let mut ordered: Vec<BoardContent> = by_board.into_values().collect();
    ordered.sort_by_key(|b| (b.board.position, b.board.id));
    let share = (DIGEST_THREADS / ordered.len().max(1)).max(THREADS_PER_BOARD_AT_LEAST);
    for board in &mut ordered {
        board.keep(share);
    }
    Ok(ordered)
}

/// One board's section of a digest, as its templates read it.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub name: String,
    pub link: String,
    /// Consultations whose synthesis was published in the period.
    pub syntheses: Vec<SynthesisItem>,
    pub new_threads: Vec<OpenedItem>,
    pub active_threads: Vec<AnsweredItem>,
    /// Threads with news not listed, for length (see the board).
    #[serde(default)]
    pub more_threads: usize,
}

/// A consultation's synthesis published in the period, linked where it heads its thread.
#[derive(Debug, Clone, Serialize)]
pub struct SynthesisItem {
    pub title: String,
    pub excerpt: String,
    pub link: String,
}

/// A thread opened in the period; `author` is `None` for a member who deleted their account.
#[derive(Debug, Clone, Serialize)]
pub struct OpenedItem {
    pub title: String,
    pub author: Option<String>,
    pub author_label: Option<Label>,
    pub excerpt: String,
    pub link: String,
}

/// A thread answered in the period: how many replies, by whom (once each, the first few),
/// and what the most supported of them say.
#[derive(Debug, Clone, Serialize)]
pub struct AnsweredItem {
    pub title: String,
    pub count: usize,
    /// The first who replied, once each; `None` for a member who deleted their account.
    pub authors: Vec<Option<String>>,
    /// How many others replied.
    pub more_authors: usize,
    /// The most supported new replies (the earliest while none has support).
    pub replies: Vec<ReplyItem>,
    /// How many new replies are not shown.
    pub more: usize,
    /// The first new reply.
    pub link: String,
}

/// A new reply shown in a digest; `author` is `None` for a member who deleted their account.
#[derive(Debug, Clone, Serialize)]
pub struct ReplyItem {
    pub author: Option<String>,
    pub author_label: Option<Label>,
    pub excerpt: String,
    pub link: String,
}

/// One board's section of a digest in `locale`.
pub fn section(b: &BoardContent, locale: Locale) -> Section {
    Section {
        name: board_name(&b.board, locale),
        link: format!("/b/{}", b.board.slug),
        syntheses: b
            .syntheses
            .iter()
            .map(|s| SynthesisItem {
                title: s.title.clone(),
                excerpt: s.excerpt.clone(),
                link: format!("/t/{}#synthesis", s.thread_id),
            })
            .collect(),
        new_threads: b
            .new_threads
            .iter()
            .map(|t| OpenedItem {
                title: t.title.clone(),
                author: t.author.clone(),
                author_label: t.label.clone(),
                excerpt: t.excerpt.clone(),
                link: format!("/t/{}", t.id),
            })
            .collect(),
        active_threads: b
            .active
            .iter()
            .map(|a| AnsweredItem {
                title: a.title.clone(),
                count: a.count,
                authors: a.authors.iter().take(SHOWN_AUTHORS).cloned().collect(),
                more_authors: a.authors.len().saturating_sub(SHOWN_AUTHORS),
                replies: a
                    .top
                    .iter()
                    .map(|r| ReplyItem {
                        author: r.author.clone(),
                        author_label: r.label.clone(),
                        excerpt: markdown::excerpt(&r.body_html, REPLY_EXCERPT_CHARS),
                        link: format!("/p/{}", r.id),
                    })
                    .collect(),
                more: a.count - a.top.len(),
                link: format!("/p/{}", a.first_post),
            })
            .collect(),
        more_threads: b.more_threads,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ids shown of replies given as (id, support) in the order they were written.
    fn shown(replies: &[(i64, i64)]) -> Vec<i64> {
        let mut top = Vec::new();
        for &(id, support) in replies {
            let reply = Reply {
                id,
                support,
                author: None,
                label: None,
                body_html: String::new(),
            };
            keep_among_top(&mut top, reply);
        }
        top.iter().map(|r| r.id).collect()
    }

    #[test]
    fn the_most_supported_replies_are_shown_then_the_earliest() {
        assert_eq!(shown(&[(1, 0), (2, 0), (3, 0), (4, 0), (5, 0)]), [1, 2, 3]);
        assert_eq!(shown(&[(1, 0), (2, 0), (3, 1), (4, 0), (5, 2)]), [5, 3, 1]);
        assert_eq!(shown(&[(1, 4), (2, 4), (3, 4), (4, 9)]), [4, 1, 2]);
        assert_eq!(shown(&[(7, 0)]), [7]);
        assert!(shown(&[]).is_empty());
    }

    #[test]
    fn long_posts_are_cut_on_a_character_boundary() {
        let long = format!("<p>{}</p>", "ñ".repeat(300));
        let e = markdown::excerpt(&long, OPENING_EXCERPT_CHARS);
        assert_eq!(e.chars().count(), OPENING_EXCERPT_CHARS + 1);
        assert!(e.ends_with('…'));
    }

    #[test]
    fn a_long_reply_is_cut_near_its_length_at_a_word() {
        let body = format!("<p>{}</p>", "palabra ".repeat(60));
        let cut = markdown::excerpt(&body, REPLY_EXCERPT_CHARS);
        assert!(cut.ends_with("palabra…"), "{cut}");
        let chars = cut.chars().count();
        assert!((REPLY_EXCERPT_CHARS - 10..=REPLY_EXCERPT_CHARS + 1).contains(&chars));
        assert_eq!(
            markdown::excerpt("<p>corto</p>", REPLY_EXCERPT_CHARS),
            "corto"
        );
    }
}
