//! `tertulia seed demo`: realistic, deterministic demo content, loaded in batches for trying
//! Tertulia and for benchmarks. The rows are those the site's own write path would have left
//! had the members posted them one by one: counters, last posts, the search index and ids in
//! the order of their dates, nothing dated after the moment of seeding.

pub(crate) mod bodies;
mod consultations;
mod content;
mod plan;

use std::time::Instant;

use chrono::{NaiveDateTime, SubsecRound, TimeDelta, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::passwords;
use crate::db::bulk::{self, BoardTally, PostRow, ThreadRow, UserRow};
use crate::db::{self, DbConn, Pool};
use crate::domain::{search, Frequency, Locale, Password, PostStatus, Role};
use bodies::Bodies;
use plan::{Frame, Ids};

/// How much to make.
#[derive(Debug, Clone, Copy)]
pub struct DemoSize {
    pub threads: usize,
    pub posts: usize,
    pub members: usize,
    /// Email-only digest subscribers (each to two boards).
    pub subscribers: usize,
    pub seed: u64,
}

/// What was made, and how long it took.
#[derive(Debug, Clone, Copy)]
pub struct SeedReport {
    pub members: usize,
    pub subscribers: usize,
    pub threads: usize,
    pub posts: usize,
    pub seconds: f64,
}

/// Every demo member's password (documented in the README).
pub const DEMO_PASSWORD: &str = "tertulia demo password";

/// How far back the demo history goes.
const HISTORY_DAYS: i64 = 90;

const NAMES: [&str; 16] = [
    "maria", "jose", "ana", "luis", "carmen", "jorge", "lucia", "pedro", "sofia", "diego", "elena",
    "mateo", "valeria", "andres", "camila", "tomas",
];

/// Fills the database with demo members, threads and posts (deterministic for a seed).
pub async fn demo(pool: &Pool, size: DemoSize) -> anyhow::Result<SeedReport> {
    let started = Instant::now();
    let hash =
        passwords::hash(Password::parse(DEMO_PASSWORD, &[]).map_err(|e| anyhow::anyhow!("{e}"))?)
            .await?;
    let pool = pool.clone();
    let report = tokio::task::spawn_blocking(move || -> anyhow::Result<SeedReport> {
        let mut c = pool.get()?;
        load(&mut c, size, hash)
    })
    .await??;
    Ok(SeedReport {
        seconds: started.elapsed().as_secs_f64(),
        ..report
    })
}

fn load(c: &mut DbConn, size: DemoSize, hash: String) -> anyhow::Result<SeedReport> {
    let mut rng = StdRng::seed_from_u64(size.seed);
    let bodies = Bodies::write(&mut rng);
    let boards = db::boards::list_active(c)?;
    anyhow::ensure!(!boards.is_empty(), "there are no boards to fill");
    let topics: Vec<usize> = boards
        .iter()
        .enumerate()
        .map(|(i, b)| content::topic_for(&b.slug, i))
        .collect();
    let (max_user, max_thread, max_post) = bulk::max_ids(c)?;
    let now = Utc::now().naive_utc().trunc_subsecs(6);
    let start = now - TimeDelta::days(HISTORY_DAYS);
    let members = size.members.max(1);
    let threads = size.threads.max(1);
    let posts = size.posts.max(threads);
    let frame = Frame {
        bodies: &bodies,
        topics: &topics,
        members,
        now,
        span: HISTORY_DAYS * 24 * 3600,
    };
    // Every board gets its share of the threads, so none looks abandoned.
    let planned: Vec<plan::Thread> = (0..threads)
        .map(|t| {
            let n = posts / threads + usize::from(t < posts % threads);
            frame.thread(&mut rng, t % boards.len(), n)
        })
        .collect();
    let ids = Ids::assign(&planned, max_thread, max_post);
    let user_id = |i: usize| max_user + 1 + i as i64;

    let mut post_counts = vec![0i64; members];
    let mut tallies: Vec<BoardTally> = boards
        .iter()
        .map(|b| BoardTally {
            board_id: b.id,
            threads: 0,
            posts: 0,
            first_at: None,
            last_at: None,
        })
        .collect();
    let mut thread_rows: Vec<ThreadRow> = planned
        .iter()
        .enumerate()
        .map(|(t, th)| {
            let (first, last) = (&th.posts[0], &th.posts[th.posts.len() - 1]);
            let tally = &mut tallies[th.board];
            tally.threads += 1;
            tally.posts += th.posts.len() as i64;
            tally.first_at = Some(tally.first_at.map_or(first.at, |a| a.min(first.at)));
            tally.last_at = Some(tally.last_at.map_or(last.at, |a| a.max(last.at)));
            for p in &th.posts {
                post_counts[p.author] += 1;
            }
            ThreadRow {
                id: ids.threads[t],
                board_id: boards[th.board].id,
                author_id: user_id(first.author),
                title: th.title.clone(),
                status: PostStatus::Published,
                reply_count: th.posts.len() as i64 - 1,
                last_post_id: Some(ids.post(t, th.posts.len() - 1)),
                last_poster_id: Some(user_id(last.author)),
                last_post_at: last.at,
                created_at: first.at,
                posts_numbered: th.posts.len() as i64,
            }
        })
        .collect();
    thread_rows.sort_unstable_by_key(|r| r.id);
    let title_stems: Vec<String> = planned.iter().map(|th| search::stems(&th.title)).collect();
    let post_rows: Vec<PostRow> = ids
        .order
        .iter()
        .map(|&(t, p)| {
            let (t, p) = (t as usize, p as usize);
            let post = &planned[t].posts[p];
            let body = &bodies.all[post.body];
            PostRow {
                id: ids.post(t, p),
                thread_id: ids.threads[t],
                author_id: user_id(post.author),
                parent_id: post.parent.map(|q| ids.post(t, q)),
                body_source: body.source.clone(),
                body_html: body.html.clone(),
                status: PostStatus::Published,
                created_at: post.at,
                number: p as i64 + 1,
            }
        })
        .collect();
    let stems: Vec<String> = ids
        .order
        .iter()
        .map(|&(t, p)| {
            let body = &bodies.all[planned[t as usize].posts[p as usize].body];
            format!("{} {}", title_stems[t as usize], body.stems)
        })
        .collect();
    let index: Vec<bulk::IndexRow<'_>> = ids
        .order
        .iter()
        .zip(&post_rows)
        .zip(&stems)
        .map(|((&(t, p), row), s)| {
            let th = &planned[t as usize];
            let body = &bodies.all[th.posts[p as usize].body];
            (row.id, th.title.as_str(), body.text.as_str(), s.as_str())
        })
        .collect();
    let user_rows: Vec<UserRow> = (0..members)
        .map(|i| {
            let username = format!("{}{}", NAMES[i % NAMES.len()], user_id(i));
            UserRow {
                id: user_id(i),
                username_key: username.clone(),
                username_skeleton: crate::domain::Username::skeleton_of(&username),
                email: Some(format!("{username}@demo.invalid")),
                username,
                password_hash: Some(hash.clone()),
                role: Role::Member,
                locale: if i % 4 == 0 { Locale::En } else { Locale::Es },
                email_verified_at: Some(start),
                post_count: post_counts[i],
                created_at: start,
            }
        })
        .collect();
    let (subscriber_rows, subscription_rows) = subscribers(c, &mut rng, &boards, size, start)?;
    bulk::loading(c, |c| {
        c.in_transaction(|c| -> anyhow::Result<()> {
            bulk::insert_users(c, &user_rows)?;
            bulk::insert_threads(c, &thread_rows)?;
            bulk::insert_posts(c, &post_rows)?;
            bulk::index_posts(c, &index)?;
            bulk::insert_subscribers(c, &subscriber_rows)?;
            bulk::insert_subscriptions(c, &subscription_rows)?;
            bulk::fix_sequences(c)?;
            bulk::add_to_boards(c, &tallies)?;
            Ok(())
        })
    })?;
    let member_ids: Vec<i64> = user_rows.iter().map(|u| u.id).collect();
    c.in_transaction(|c| -> anyhow::Result<()> {
        Ok(consultations::load(c, &member_ids, start, now)?)
    })?;
    bulk::analyze(c)?;
    Ok(SeedReport {
        members,
        subscribers: size.subscribers,
        threads,
        posts: post_rows.len(),
        seconds: 0.0,
    })
}

/// Email-only subscribers, each to two boards.
fn subscribers(
    c: &mut DbConn,
    rng: &mut StdRng,
    boards: &[db::boards::Board],
    size: DemoSize,
    start: NaiveDateTime,
) -> anyhow::Result<(Vec<bulk::SubscriberRow>, Vec<bulk::SubscriptionRow>)> {
    let first_subscriber = bulk::max_subscriber_id(c)? + 1;
    let subscriber_rows: Vec<bulk::SubscriberRow> = (0..size.subscribers)
        .map(|i| bulk::SubscriberRow {
            id: first_subscriber + i as i64,
            email: Some(format!(
                "lector{}@demo.invalid",
                first_subscriber + i as i64
            )),
            locale: if i % 3 == 0 { Locale::En } else { Locale::Es },
            unsubscribe_key: crate::domain::token::random(),
            created_at: start,
        })
        .collect();
    let subscription_rows = subscriber_rows
        .iter()
        .flat_map(|s| {
            let first = rng.random_range(0..boards.len());
            let second = (first + 1 + rng.random_range(0..boards.len() - 1).min(boards.len() - 2))
                % boards.len();
            let frequency = if rng.random_bool(0.8) {
                Frequency::Daily
            } else {
                Frequency::Weekly
            };
            [first, second].map(|b| bulk::SubscriptionRow {
                subscriber_id: s.id,
                board_id: boards[b].id,
                frequency,
                created_at: start,
            })
        })
        .collect();
    Ok((subscriber_rows, subscription_rows))
}
