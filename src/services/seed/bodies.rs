//! Demo posts written once per topic and language and reused: the Markdown, and what
//! publishing derives from it (HTML, plain text, stems), so that loading copies instead of
//! rendering.

use std::ops::Range;

use rand::rngs::StdRng;
use rand::Rng;

use super::content::{Topic, CLOSINGS, CLOSINGS_EN, LEADS, LEADS_EN, TOPICS};
use crate::domain::{markdown, search};

/// Versions of each opening post, and replies, written per topic and language.
const VERSIONS: usize = 3;
const REPLIES: usize = 32;

/// One post's body as publishing stores and indexes it.
pub struct Body {
    pub source: String,
    pub html: String,
    pub text: String,
    pub stems: String,
}

/// The bodies of one topic in one language: each start's versions, and the replies.
struct Voice {
    openings: Vec<Range<usize>>,
    replies: Range<usize>,
}

/// Every demo body, by topic and language.
pub struct Bodies {
    pub all: Vec<Body>,
    voices: Vec<Voice>,
}

/// The words one language lends a topic.
struct Words<'a> {
    starts: &'a [(&'a str, &'a str)],
    points: &'a [&'a str],
    leads: &'a [&'a str],
    closings: &'a [&'a str],
    list_intro: &'a str,
}

impl<'a> Words<'a> {
    fn of(topic: &'a Topic, english: bool) -> Self {
        if english {
            Words {
                starts: topic.starts_en,
                points: topic.points_en,
                leads: &LEADS_EN,
                closings: &CLOSINGS_EN,
                list_intro: "A few points to start with:",
            }
        } else {
            Words {
                starts: topic.starts,
                points: topic.points,
                leads: &LEADS,
                closings: &CLOSINGS,
                list_intro: "Algunos puntos para empezar:",
            }
        }
    }
}

/// One of `from`, at random.
pub(super) fn pick<'a>(rng: &mut StdRng, from: &[&'a str]) -> &'a str {
    from[rng.random_range(0..from.len())]
}

fn opening(rng: &mut StdRng, w: &Words<'_>, start: usize) -> String {
    let mut paragraphs = vec![w.starts[start].1.to_string()];
    if rng.random_bool(0.5) {
        let first = rng.random_range(0..w.points.len());
        let list: Vec<String> = (0..w.points.len().min(3))
            .map(|i| format!("- {}", w.points[(first + i) % w.points.len()]))
            .collect();
        paragraphs.push(format!("{}\n\n{}", w.list_intro, list.join("\n")));
    }
    if rng.random_bool(0.5) {
        paragraphs.push(pick(rng, w.closings).to_string());
    }
    paragraphs.join("\n\n")
}

fn reply(rng: &mut StdRng, w: &Words<'_>) -> String {
    let mut points = rand::seq::index::sample(rng, w.points.len(), w.points.len().min(4))
        .into_iter()
        .map(|i| w.points[i]);
    let mut first = format!(
        "{} {}",
        pick(rng, w.leads),
        points.next().unwrap_or_default()
    );
    if rng.random_bool(0.6) {
        first.extend(points.next().map(|p| format!(" {p}")));
    }
    let mut paragraphs = vec![first];
    if rng.random_bool(0.8) {
        let more: Vec<&str> = points.take(rng.random_range(1..=2)).collect();
        if !more.is_empty() {
            paragraphs.push(more.join(" "));
        }
    }
    if rng.random_bool(0.35) {
        paragraphs.push(pick(rng, w.closings).to_string());
    }
    paragraphs.join("\n\n")
}

fn rendered(source: String) -> Body {
    let html = markdown::render(&source);
    let text = markdown::plain_text(&html);
    let stems = search::stems(&text);
    Body {
        source,
        html,
        text,
        stems,
    }
}

impl Bodies {
    /// Writes and renders every topic's bodies, in Spanish and in English.
    pub fn write(rng: &mut StdRng) -> Self {
        let mut all = Vec::new();
        let mut voices = Vec::new();
        for topic in &TOPICS {
            for english in [false, true] {
                let w = Words::of(topic, english);
                let openings = (0..w.starts.len())
                    .map(|start| {
                        let first = all.len();
                        all.extend((0..VERSIONS).map(|_| rendered(opening(rng, &w, start))));
                        first..all.len()
                    })
                    .collect();
                let first = all.len();
                all.extend((0..REPLIES).map(|_| rendered(reply(rng, &w))));
                voices.push(Voice {
                    openings,
                    replies: first..all.len(),
                });
            }
        }
        Bodies { all, voices }
    }

    /// A body for a post of `topic` (an index in `TOPICS`): the opening post of its start
    /// `start` (an index in the topic's starts), or a reply.
    pub fn pick(
        &self,
        rng: &mut StdRng,
        topic: usize,
        english: bool,
        start: Option<usize>,
    ) -> usize {
        let voice = &self.voices[topic * 2 + usize::from(english)];
        let range = match start {
            Some(s) => voice.openings[s].clone(),
            None => voice.replies.clone(),
        };
        rng.random_range(range)
    }
}
