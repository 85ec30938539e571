//! The demo's history, planned before anything is written: each thread's board, language,
//! title and posts with their times, then ids given in the order the posts were written, so
//! the rows read as if members had posted them one after another through the site.

use chrono::{NaiveDateTime, TimeDelta};
use rand::rngs::StdRng;
use rand::Rng;

use super::bodies::{pick, Bodies};
use super::content::{ANGLES, ANGLES_EN, TOPICS};

/// Share of threads written in English.
const ENGLISH: f64 = 0.1;

/// One post before it has an id.
pub struct Post {
    pub at: NaiveDateTime,
    /// Index of the member among the demo members.
    pub author: usize,
    /// Index of the post answered, among this thread's posts.
    pub parent: Option<usize>,
    /// Index in `Bodies::all`.
    pub body: usize,
}

/// One thread before it has an id; its posts in the order they were written.
pub struct Thread {
    /// Index among the boards being filled.
    pub board: usize,
    pub title: String,
    pub posts: Vec<Post>,
}

/// What shapes every thread.
pub struct Frame<'a> {
    pub bodies: &'a Bodies,
    /// Each board's topic (an index in `TOPICS`).
    pub topics: &'a [usize],
    pub members: usize,
    /// The moment of seeding: nothing is dated after it.
    pub now: NaiveDateTime,
    /// How far back the demo history goes, in seconds.
    pub span: i64,
}

/// Seconds between one post of a thread and the next: mostly minutes to hours, at times days.
fn gap(rng: &mut StdRng) -> i64 {
    if rng.random_bool(0.1) {
        rng.random_range(3 * 3600..48 * 3600)
    } else {
        rng.random_range(120..3 * 3600)
    }
}

/// Offsets in seconds of each post from the thread's start, squeezed into `span` if need be.
fn offsets(rng: &mut StdRng, n: usize, span: i64) -> Vec<i64> {
    let mut at = 0i64;
    let mut out: Vec<i64> = (0..n)
        .map(|i| {
            if i > 0 {
                at += gap(rng);
            }
            at
        })
        .collect();
    if at > span {
        for o in &mut out {
            *o = (i128::from(*o) * i128::from(span) / i128::from(at)) as i64;
        }
    }
    out
}

impl Frame<'_> {
    /// A member to write in a thread: English threads are written by members who read the
    /// site in English (every fourth member), and nobody answers themselves in a row.
    fn author(&self, rng: &mut StdRng, english: bool, previous: Option<usize>) -> usize {
        let mut a = rng.random_range(0..self.members);
        if english {
            a -= a % 4;
        }
        if previous == Some(a) && self.members > 1 {
            a = (a + 1) % self.members;
        }
        a
    }

    /// A thread of `n` posts on `board`, ending no later than `now`.
    pub fn thread(&self, rng: &mut StdRng, board: usize, n: usize) -> Thread {
        let topic = self.topics[board];
        let english = rng.random_bool(ENGLISH);
        let (starts, angles) = if english {
            (TOPICS[topic].starts_en, &ANGLES_EN[..])
        } else {
            (TOPICS[topic].starts, &ANGLES[..])
        };
        let subject = rng.random_range(0..starts.len());
        let title = format!("{}: {}", starts[subject].0, pick(rng, angles));
        let offsets = offsets(rng, n, self.span);
        let last = offsets.last().copied().unwrap_or(0);
        let start = self.now - TimeDelta::seconds(self.span)
            + TimeDelta::seconds(rng.random_range(0..=self.span - last));
        let mut posts: Vec<Post> = Vec::with_capacity(n);
        for (i, offset) in offsets.into_iter().enumerate() {
            let author = self.author(rng, english, posts.last().map(|p| p.author));
            let parent = (i > 1 && rng.random_bool(0.3))
                .then(|| rng.random_range(0..i))
                .filter(|&q| posts[q].author != author);
            posts.push(Post {
                at: start + TimeDelta::seconds(offset),
                author,
                parent,
                body: self
                    .bodies
                    .pick(rng, topic, english, (i == 0).then_some(subject)),
            });
        }
        Thread {
            board,
            title,
            posts,
        }
    }
}

/// Ids in the order things happened, as the site would have given them: threads by when they
/// were opened, posts by when they were written (ties in planning order).
pub struct Ids {
    /// Each planned thread's id.
    pub threads: Vec<i64>,
    /// Each planned thread's first post's place in `posts`.
    pub base: Vec<usize>,
    /// Each post's id, thread after thread in planning order.
    pub posts: Vec<i64>,
    /// (thread, post in thread) in id order.
    pub order: Vec<(u32, u32)>,
}

impl Ids {
    /// Numbers `threads` and their posts after `max_thread` and `max_post`.
    pub fn assign(threads: &[Thread], max_thread: i64, max_post: i64) -> Self {
        let mut opened: Vec<(NaiveDateTime, usize)> = threads
            .iter()
            .enumerate()
            .map(|(t, th)| (th.posts[0].at, t))
            .collect();
        opened.sort_unstable();
        let mut thread_ids = vec![0; threads.len()];
        for (rank, (_, t)) in opened.into_iter().enumerate() {
            thread_ids[t] = max_thread + 1 + rank as i64;
        }
        let mut base = Vec::with_capacity(threads.len());
        let mut total = 0;
        for th in threads {
            base.push(total);
            total += th.posts.len();
        }
        let mut written: Vec<(NaiveDateTime, u32, u32)> = Vec::with_capacity(total);
        for (t, th) in threads.iter().enumerate() {
            for (p, post) in th.posts.iter().enumerate() {
                written.push((post.at, t as u32, p as u32));
            }
        }
        written.sort_unstable();
        let mut posts = vec![0; total];
        let order: Vec<(u32, u32)> = written.into_iter().map(|(_, t, p)| (t, p)).collect();
        for (rank, &(t, p)) in order.iter().enumerate() {
            posts[base[t as usize] + p as usize] = max_post + 1 + rank as i64;
        }
        Ids {
            threads: thread_ids,
            base,
            posts,
            order,
        }
    }

    /// The id of post `p` of planned thread `t`.
    pub fn post(&self, t: usize, p: usize) -> i64 {
        self.posts[self.base[t] + p]
    }
}
