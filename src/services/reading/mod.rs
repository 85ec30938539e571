//! What readers see, one room each: thread lists, threads and permalinks (`threads`), a post's
//! revisions (`history`), search (`search`) and feeds (`feeds`). Each page comes from a fixed,
//! small number of queries, whatever its length.

use chrono::NaiveDateTime;
use serde::Serialize;
use std::sync::Arc;

use super::auth::Member;
use super::discussions::POSTS_PER_PAGE;
use crate::db::posts::Reader;
use crate::db::{self, search::SearchQuery, Pool};

pub use crate::db::posts::Scope;
use crate::domain::{markdown, Locale, PostStatus};
use crate::error::AppError;
use crate::services::labels::Label;

mod feeds;
mod history;
mod search;
mod threads;

pub use feeds::{by_author, recent, thread_title, Entry};
pub use history::{history, History, HistoryEntry};
pub use search::{excerpt_pieces, search, ExcerptPiece, SearchCache, SearchResult, SearchResults};
pub use threads::{
    activity, board_listing, first_unread, glimpse, permalink, quotable, removal_log,
    suspension_log, thread_listing, thread_page, thread_page_for, with_news_for, Activity,
    BoardListing, Glimpse, InReplyTo, Mine, News, PostView, Quotable, Removal, ThreadHeader,
    ThreadItem, ThreadListing, ThreadPage,
};

/// Threads in the home page's recent activity.
pub const RECENT_ACTIVITY: i64 = 10;
/// Threads per board page.
pub const THREADS_PER_PAGE: i64 = 30;
/// Results per search page.
pub const RESULTS_PER_PAGE: i64 = 20;
/// Entries in a feed.
pub const FEED_ENTRIES: i64 = 50;

/// Which page of a list, and how many there are.
#[derive(Debug, Clone, Serialize)]
pub struct Pages {
    pub page: i64,
    pub pages: i64,
    pub prev: Option<i64>,
    pub next: Option<i64>,
}

impl Pages {
    /// Page `page` of `total` items at `per` a page; NotFound past the last page.
    pub fn new(page: i64, total: i64, per: i64) -> Result<Self, AppError> {
        let pages = ((total + per - 1) / per).max(1);
        if page < 1 || page > pages {
            return Err(AppError::NotFound);
        }
        Ok(Self {
            page,
            pages,
            prev: (page > 1).then_some(page - 1),
            next: (page < pages).then_some(page + 1),
        })
    }

    fn offset(&self, per: i64) -> i64 {
        (self.page - 1) * per
    }
}

fn display_name(username: String, deleted: Option<NaiveDateTime>) -> Option<String> {
    deleted.is_none().then_some(username)
}
