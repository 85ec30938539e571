//! `tertulia seed demo`: realistic, deterministic demo content in Spanish and English, loaded
//! in batches for trying Tertulia and for benchmarks.

use std::time::Instant;

use chrono::{TimeDelta, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::passwords;
use crate::db::bulk::{self, PostRow, ThreadRow, UserRow};
use crate::db::{self, Pool};
use crate::domain::{markdown, search, Frequency, Locale, Password, PostStatus, Role};

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

const NAMES: [&str; 16] = [
    "maria", "jose", "ana", "luis", "carmen", "jorge", "lucia", "pedro", "sofia", "diego", "elena",
    "mateo", "valeria", "andres", "camila", "tomas",
];

const TOPICS_ES: [&str; 12] = [
    "La educación digital",
    "La ciberseguridad",
    "La neutralidad de la red",
    "El acceso rural a Internet",
    "La protección de datos",
    "La desinformación",
    "El gobierno abierto",
    "La inteligencia artificial",
    "La alfabetización mediática",
    "La infraestructura comunitaria",
    "Las criptomonedas",
    "La identidad digital",
];
const ENDINGS_ES: [&str; 8] = [
    "en las escuelas públicas",
    "en los municipios",
    "para las familias",
    "y los derechos humanos",
    "después del foro",
    "en América Latina",
    "para las pequeñas empresas",
    "en la próxima ley",
];
const TOPICS_EN: [&str; 6] = [
    "Digital education",
    "Cybersecurity",
    "Network neutrality",
    "Rural connectivity",
    "Data protection",
    "Open government",
];
const ENDINGS_EN: [&str; 4] = [
    "in public schools",
    "for local councils",
    "and human rights",
    "after the forum",
];

const SENTENCES_ES: [&str; 14] = [
    "Creo que necesitamos más participación de la comunidad en estas decisiones.",
    "En nuestro municipio la conectividad sigue siendo el principal obstáculo.",
    "Los docentes piden formación práctica y materiales en español.",
    "Hay que medir los resultados con datos abiertos y evaluaciones periódicas.",
    "La **privacidad** de las personas debe estar en el centro del diseño.",
    "Propongo talleres de ciberseguridad para familias y bibliotecas.",
    "¿Alguien tiene experiencias concretas que compartir?",
    "El informe del año pasado está en https://example.org/informe y vale la pena leerlo.",
    "La regulación debe ser clara, proporcional y revisada cada cierto tiempo.",
    "Las redes comunitarias han funcionado bien en varias zonas rurales.",
    "No estoy de acuerdo: el problema es de financiamiento, no de tecnología.",
    "Coincido con lo anterior y agrego que falta coordinación entre instituciones.",
    "Sería útil una guía sencilla para quienes empiezan.",
    "Los estudiantes deberían participar en la evaluación de estos programas.",
];
const SENTENCES_EN: [&str; 6] = [
    "I think the community should have a stronger voice in these decisions.",
    "Connectivity is still the main obstacle in our region.",
    "Teachers ask for practical training and open materials.",
    "We should measure results with open data.",
    "Has anyone tried this in a small town?",
    "The **privacy** of people must come first.",
];

fn body(rng: &mut StdRng) -> String {
    let english = rng.random_bool(0.25);
    let (pool, n): (&[&str], usize) = if english {
        (&SENTENCES_EN, SENTENCES_EN.len())
    } else {
        (&SENTENCES_ES, SENTENCES_ES.len())
    };
    let paragraphs = rng.random_range(1..=4);
    let mut out = Vec::new();
    for p in 0..paragraphs {
        let sentences: Vec<&str> = (0..rng.random_range(1..=4))
            .map(|_| pool[rng.random_range(0..n)])
            .collect();
        if p == 1 && rng.random_bool(0.2) {
            out.push(
                sentences
                    .iter()
                    .map(|s| format!("- {s}"))
                    .collect::<Vec<_>>()
                    .join("\n"),
            );
        } else {
            out.push(sentences.join(" "));
        }
    }
    out.join("\n\n")
}

fn title(rng: &mut StdRng) -> String {
    if rng.random_bool(0.25) {
        format!(
            "{} {}",
            TOPICS_EN[rng.random_range(0..TOPICS_EN.len())],
            ENDINGS_EN[rng.random_range(0..ENDINGS_EN.len())]
        )
    } else {
        format!(
            "{} {}",
            TOPICS_ES[rng.random_range(0..TOPICS_ES.len())],
            ENDINGS_ES[rng.random_range(0..ENDINGS_ES.len())]
        )
    }
}

/// A rendered body, with what the index needs.
struct Body {
    source: String,
    html: String,
    text: String,
    stems: String,
}

/// Fills the database with demo members, threads and posts (deterministic for a seed).
pub async fn demo(pool: &Pool, size: DemoSize) -> anyhow::Result<SeedReport> {
    let started = Instant::now();
    let hash =
        passwords::hash(Password::parse(DEMO_PASSWORD, &[]).map_err(|e| anyhow::anyhow!("{e}"))?)
            .await?;
    let pool = pool.clone();
    let report = tokio::task::spawn_blocking(move || -> anyhow::Result<SeedReport> {
        let mut c = pool.get()?;
        let mut rng = StdRng::seed_from_u64(size.seed);
        let bodies: Vec<Body> = (0..256)
            .map(|_| {
                let source = body(&mut rng);
                let html = markdown::render(&source);
                let text = markdown::plain_text(&html);
                let stems = search::stems(&text);
                Body {
                    source,
                    html,
                    text,
                    stems,
                }
            })
            .collect();
        let boards = db::boards::list_active(&mut c)?;
        anyhow::ensure!(!boards.is_empty(), "there are no boards to fill");
        let (max_user, max_thread, max_post) = db::bulk::max_ids(&mut c)?;
        let now = Utc::now().naive_utc();
        let start = now - TimeDelta::days(90);
        let members = size.members.max(1);
        let threads = size.threads.max(1);
        let posts = size.posts.max(threads);
        let mut post_counts = vec![0i64; members];
        let mut thread_rows = Vec::with_capacity(threads);
        let mut post_rows = Vec::with_capacity(posts);
        let mut titles = Vec::with_capacity(threads);
        let mut next_post = max_post;
        let span = 90 * 24 * 3600;
        for t in 0..threads {
            let id = max_thread + 1 + t as i64;
            let in_thread = posts / threads + usize::from(t < posts % threads);
            let created = start + TimeDelta::seconds(rng.random_range(0..span));
            let title = title(&mut rng);
            let mut at = created;
            let mut first_id = 0;
            let mut last = (0, 0);
            for p in 0..in_thread {
                next_post += 1;
                let author = rng.random_range(0..members);
                post_counts[author] += 1;
                let parent =
                    (p > 1 && rng.random_bool(0.3)).then(|| rng.random_range(first_id..next_post));
                if p == 0 {
                    first_id = next_post;
                }
                let b = rng.random_range(0..bodies.len());
                post_rows.push((
                    PostRow {
                        id: next_post,
                        thread_id: id,
                        author_id: max_user + 1 + author as i64,
                        parent_id: parent,
                        body_source: bodies[b].source.clone(),
                        body_html: bodies[b].html.clone(),
                        status: PostStatus::Published,
                        created_at: at,
                        number: p as i64 + 1,
                    },
                    b,
                    t,
                ));
                last = (next_post, max_user + 1 + author as i64);
                at += TimeDelta::seconds(rng.random_range(60..7200));
            }
            thread_rows.push(ThreadRow {
                id,
                board_id: boards[rng.random_range(0..boards.len())].id,
                author_id: post_rows[post_rows.len() - in_thread].0.author_id,
                title: title.clone(),
                status: PostStatus::Published,
                reply_count: in_thread as i64 - 1,
                last_post_id: Some(last.0),
                last_poster_id: Some(last.1),
                last_post_at: at - TimeDelta::seconds(1),
                created_at: created,
                posts_numbered: in_thread as i64,
            });
            titles.push((title.clone(), search::stems(&title)));
        }
        let user_rows: Vec<UserRow> = (0..members)
            .map(|i| {
                let username = format!("{}{}", NAMES[i % NAMES.len()], max_user + 1 + i as i64);
                UserRow {
                    id: max_user + 1 + i as i64,
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
        let first_subscriber = db::bulk::max_subscriber_id(&mut c)? + 1;
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
        let subscription_rows: Vec<bulk::SubscriptionRow> = subscriber_rows
            .iter()
            .flat_map(|s| {
                let first = rng.random_range(0..boards.len());
                let second =
                    (first + 1 + rng.random_range(0..boards.len() - 1).min(boards.len() - 2))
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
        let stems: Vec<String> = post_rows
            .iter()
            .map(|(_, b, t)| format!("{} {}", titles[*t].1, bodies[*b].stems))
            .collect();
        bulk::loading(&mut c, |c| {
            c.in_transaction(|c| -> anyhow::Result<()> {
                bulk::insert_users(c, &user_rows)?;
                bulk::insert_threads(c, &thread_rows)?;
                let plain: Vec<PostRow> = post_rows.iter().map(|(p, _, _)| p.clone()).collect();
                bulk::insert_posts(c, &plain)?;
                let index: Vec<bulk::IndexRow<'_>> = post_rows
                    .iter()
                    .zip(&stems)
                    .map(|((p, b, t), s)| {
                        (
                            p.id,
                            titles[*t].0.as_str(),
                            bodies[*b].text.as_str(),
                            s.as_str(),
                        )
                    })
                    .collect();
                bulk::index_posts(c, &index)?;
                bulk::insert_subscribers(c, &subscriber_rows)?;
                bulk::insert_subscriptions(c, &subscription_rows)?;
                bulk::fix_sequences(c)?;
                bulk::recount_boards(c)?;
                Ok(())
            })
        })?;
        bulk::analyze(&mut c)?;
        Ok(SeedReport {
            members,
            subscribers: size.subscribers,
            threads,
            posts: post_rows.len(),
            seconds: 0.0,
        })
    })
    .await??;
    Ok(SeedReport {
        seconds: started.elapsed().as_secs_f64(),
        ..report
    })
}
