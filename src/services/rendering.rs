//! Turning members' Markdown into HTML, bounded: a few renders at a time for the whole
//! process (each holds a blocking thread that database calls also need), at most two at a
//! time per member, and at most sixteen of one member's waiting or running (more answer 429),
//! so one member's burst of posts or edits cannot starve other readers.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use tokio::sync::Semaphore;

use crate::db::{self, Pool};
use crate::domain::markdown;
use crate::error::AppError;

/// Renders running at once per member.
const RUNNING_PER_MEMBER: usize = 2;
/// Renders of one member running or waiting; more are refused at once (429).
const QUEUED_PER_MEMBER: u32 = 16;

static SLOTS: LazyLock<Semaphore> =
    LazyLock::new(|| Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get())));

/// Renders in flight per (site, member): how many, and the member's own turns.
type InFlight = HashMap<(usize, i64), (u32, Arc<Semaphore>)>;

static IN_FLIGHT: LazyLock<Mutex<InFlight>> = LazyLock::new(Default::default);

/// One render of a member's, running or waiting; counted down when dropped.
struct Turn {
    key: (usize, i64),
    own: Arc<Semaphore>,
}

impl Turn {
    fn take(key: (usize, i64)) -> Option<Self> {
        let mut all = IN_FLIGHT.lock().unwrap_or_else(|e| e.into_inner());
        let (n, own) = all
            .entry(key)
            .or_insert_with(|| (0, Arc::new(Semaphore::new(RUNNING_PER_MEMBER))));
        if *n >= QUEUED_PER_MEMBER {
            return None;
        }
        *n += 1;
        Some(Self {
            key,
            own: own.clone(),
        })
    }
}

impl Drop for Turn {
    fn drop(&mut self) {
        let mut all = IN_FLIGHT.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((n, _)) = all.get_mut(&self.key) {
            *n -= 1;
            if *n == 0 {
                all.remove(&self.key);
            }
        }
    }
}

/// Renders `source` for member `member_id` of the site behind `pool`; `@name` links to the
/// profile of each member it names (looked up now: rendering happens once, at write time).
pub async fn render(pool: &Pool, member_id: i64, source: String) -> Result<String, AppError> {
    let turn = Turn::take((pool.id(), member_id)).ok_or(AppError::RateLimited {
        retry_after_secs: 2,
    })?;
    let _mine = turn
        .own
        .acquire()
        .await
        .map_err(|e| AppError::Unexpected(e.into()))?;
    let _slot = SLOTS
        .acquire()
        .await
        .map_err(|e| AppError::Unexpected(e.into()))?;
    // The names are read inside the slot: finding them parses the post as rendering does.
    let (source, members) = pool
        .run(move |c| {
            let keys = markdown::mentioned_keys(&source);
            let members: HashMap<String, String> =
                db::users::names_by_keys(c, &keys)?.into_iter().collect();
            Ok::<_, AppError>((source, members))
        })
        .await?;
    tokio::task::spawn_blocking(move || markdown::render_with_mentions(&source, &members))
        .await
        .map_err(|e| AppError::Unexpected(e.into()))
}
