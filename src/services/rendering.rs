//! Turning members' Markdown into HTML, bounded: a few renders at a time for the whole
//! process (each holds a blocking thread that database calls also need), and at most two in
//! flight per member, so one member's burst of posts or edits cannot starve other readers.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

use tokio::sync::Semaphore;

use crate::db::Pool;
use crate::domain::markdown;
use crate::error::AppError;

/// Renders in flight per member; more are refused at once (429).
const PER_MEMBER: u32 = 2;

static SLOTS: LazyLock<Semaphore> =
    LazyLock::new(|| Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get())));

/// Renders in flight, per (site, member).
static IN_FLIGHT: LazyLock<Mutex<HashMap<(usize, i64), u32>>> = LazyLock::new(Default::default);

/// One render in flight for a member; counted down when dropped.
struct Turn {
    key: (usize, i64),
}

impl Turn {
    fn take(key: (usize, i64)) -> Option<Self> {
        let mut all = IN_FLIGHT.lock().unwrap_or_else(|e| e.into_inner());
        let n = all.entry(key).or_insert(0);
        if *n >= PER_MEMBER {
            return None;
        }
        *n += 1;
        Some(Self { key })
    }
}

impl Drop for Turn {
    fn drop(&mut self) {
        let mut all = IN_FLIGHT.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = all.get_mut(&self.key) {
            *n -= 1;
            if *n == 0 {
                all.remove(&self.key);
            }
        }
    }
}

/// Renders `source` for member `member_id` of the site behind `pool`.
pub async fn render(pool: &Pool, member_id: i64, source: String) -> Result<String, AppError> {
    let _turn = Turn::take((pool.id(), member_id)).ok_or(AppError::RateLimited {
        retry_after_secs: 2,
    })?;
    let _slot = SLOTS
        .acquire()
        .await
        .map_err(|e| AppError::Unexpected(e.into()))?;
    tokio::task::spawn_blocking(move || markdown::render(&source))
        .await
        .map_err(|e| AppError::Unexpected(e.into()))
}
