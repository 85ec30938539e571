//! What a digest says about one board in one period: the threads opened (with an excerpt)
//! and the threads answered (how many replies, by whom), read once per run for every board.

use std::collections::BTreeMap;

use serde::Serialize;

use super::subscriptions::board_name;
use crate::db::{self, boards::Board, DbConn};
use crate::domain::digest::Period;
use crate::domain::{markdown, Locale};

/// Characters of an opening post shown under its title.
const EXCERPT_CHARS: usize = 240;

struct NewThread {
    id: i64,
    title: String,
    author: Option<String>,
    excerpt: String,
}

struct Active {
    id: i64,
    title: String,
    first_post: i64,
    count: usize,
    authors: Vec<Option<String>>,
}

/// One board's news in the period.
pub struct BoardContent {
    pub board: Board,
    new_threads: Vec<NewThread>,
    active: Vec<Active>,
}

fn excerpt(html: &str) -> String {
    let text = markdown::plain_text(html);
    let text = text.trim();
    if text.chars().count() <= EXCERPT_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(EXCERPT_CHARS).collect();
    format!("{}…", cut.trim_end())
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
        new_threads: Vec::new(),
        active: Vec::new(),
    }))
}

/// The period's content of every board that has any, in board order.
pub fn load_content(c: &mut DbConn, period: &Period) -> db::QueryResult<Vec<BoardContent>> {
    let boards = db::boards::list_active(c)?;
    let mut by_board: BTreeMap<i64, BoardContent> = BTreeMap::new();
    let new = db::digests::list_new_threads(c, period.start, period.end)?;
    for t in &new {
        if let Some(content) = slot(&mut by_board, &boards, t.board_id) {
            content.new_threads.push(NewThread {
                id: t.thread_id,
                title: t.title.clone(),
                author: t.author_deleted.is_none().then(|| t.author.clone()),
                excerpt: excerpt(&t.body_html),
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
        match content.active.last_mut().filter(|a| a.id == r.thread_id) {
            Some(a) => {
                a.count += 1;
                if !a.authors.contains(&author) {
                    a.authors.push(author);
                }
            }
            None => content.active.push(Active {
                id: r.thread_id,
                title: r.title,
                first_post: r.post_id,
                count: 1,
                authors: vec![author],
            }),
        }
    }
    let mut ordered: Vec<BoardContent> = by_board.into_values().collect();
    ordered.sort_by_key(|b| (b.board.position, b.board.id));
    Ok(ordered)
}

/// One board's section of a digest, as its templates read it.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub name: String,
    pub link: String,
    pub new_threads: Vec<OpenedItem>,
    pub active_threads: Vec<AnsweredItem>,
}

/// A thread opened in the period; `author` is `None` for a member who deleted their account.
#[derive(Debug, Clone, Serialize)]
pub struct OpenedItem {
    pub title: String,
    pub author: Option<String>,
    pub excerpt: String,
    pub link: String,
}

/// A thread answered in the period: how many replies, by whom (once each).
#[derive(Debug, Clone, Serialize)]
pub struct AnsweredItem {
    pub title: String,
    pub count: usize,
    pub authors: Vec<Option<String>>,
    pub link: String,
}

/// One board's section of a digest in `locale`.
pub fn section(b: &BoardContent, locale: Locale) -> Section {
    Section {
        name: board_name(&b.board, locale),
        link: format!("/b/{}", b.board.slug),
        new_threads: b
            .new_threads
            .iter()
            .map(|t| OpenedItem {
                title: t.title.clone(),
                author: t.author.clone(),
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
                authors: a.authors.clone(),
                link: format!("/p/{}", a.first_post),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_posts_are_cut_on_a_character_boundary() {
        let long = format!("<p>{}</p>", "ñ".repeat(300));
        let e = excerpt(&long);
        assert_eq!(e.chars().count(), EXCERPT_CHARS + 1);
        assert!(e.ends_with('…'));
        assert_eq!(excerpt("<p>corto</p>"), "corto");
    }
}
