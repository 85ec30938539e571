//! Administration: boards, moderators, rules, site settings and failed mail. Every change is
//! logged like a moderator's decision.

use chrono::Utc;
use serde::Serialize;

use super::auth::Member;
use super::moderation::log;
use super::site::{self, Effective, SETTING_KEYS};
use crate::config::Settings;
use crate::db::{
    self,
    boards::{BoardChanges, NewBoard},
    moderation::NewLogEntry,
    DbConn, DbError, Pool,
};
use crate::domain::{ModAction, Username};
use crate::error::AppError;

/// The default code of conduct: number, title and text in Spanish and English.
const DEFAULT_RULES: [(i32, &str, &str, &str, &str); 6] = [
    (1, "Respeto", "Respect",
     "Critique ideas, no personas. Sin insultos, acoso ni discriminación.",
     "Criticise ideas, not people. No insults, harassment or discrimination."),
    (2, "Seguridad infantil", "Child safety",
     "Nada que ponga en riesgo a niñas, niños o adolescentes. Se retira de inmediato y se informa a las autoridades.",
     "Nothing that puts children or teenagers at risk. It is removed at once and reported to the authorities."),
    (3, "Información veraz", "Accurate information",
     "Cite fuentes. La desinformación deliberada se retira.",
     "Cite sources. Deliberate misinformation is removed."),
    (4, "Sin spam", "No spam",
     "Nada de publicidad, cadenas ni enlaces repetidos.",
     "No advertising, chain messages or repeated links."),
    (5, "Privacidad", "Privacy",
     "No publique datos personales de otras personas.",
     "Do not publish other people's personal data."),
    (6, "En tema", "On topic",
     "Publique en el foro que corresponde al tema.",
     "Post in the board that matches the topic."),
];

/// Seeds the default rules when there are none, in one transaction (writers queue on the
/// database's write lock, so two instances starting together never both insert them).
pub fn seed_rules(c: &mut DbConn) -> Result<(), DbError> {
    c.in_transaction(|c| {
        if !db::moderation::list_rules(c)?.is_empty() {
            return Ok(());
        }
        for (n, te, tn, be, bn) in DEFAULT_RULES {
            db::moderation::save_rule(c, n, [te, tn, be, bn])?;
        }
        Ok(())
    })
}

fn require_admin(member: &Member) -> Result<i64, AppError> {
    if member.powers.admin {
        Ok(member.id)
    } else {
        Err(AppError::Forbidden)
    }
}

/// A board as admins edit it.
#[derive(Debug, Serialize)]
pub struct BoardRow {
    pub slug: String,
    pub name_es: String,
    pub name_en: String,
    pub description_es: String,
    pub description_en: String,
    pub position: i32,
    pub archived: bool,
    pub review_all: bool,
}

/// An appointment as listed.
#[derive(Debug, Serialize)]
pub struct AppointmentRow {
    pub id: i64,
    pub username: String,
    pub board: Option<String>,
}

/// A rule as edited.
#[derive(Debug, Serialize)]
pub struct RuleRow {
    pub number: i32,
    pub title_es: String,
    pub title_en: String,
    pub body_es: String,
    pub body_en: String,
}

/// A failed message as admins see it.
#[derive(Debug, Serialize)]
pub struct FailedRow {
    pub id: i64,
    pub kind: String,
    pub recipient: String,
    pub attempts: i32,
    pub error: String,
}

/// Everything on the admin page.
#[derive(Debug, Serialize)]
pub struct AdminPage {
    pub boards: Vec<BoardRow>,
    pub moderators: Vec<AppointmentRow>,
    pub rules: Vec<RuleRow>,
    pub settings: Effective,
    pub failed: Vec<FailedRow>,
    /// Work domains that verify a stakeholder label, by group.
    pub domains: Vec<super::affiliation::DomainView>,
}

/// The admin page's data.
pub async fn page(
    pool: &Pool,
    settings: &Settings,
    member: &Member,
) -> Result<AdminPage, AppError> {
    require_admin(member)?;
    let settings = settings.clone();
    pool.run(move |c| {
        Ok(AdminPage {
            boards: db::boards::list_all(c)?
                .into_iter()
                .map(|b| BoardRow {
                    slug: b.slug,
                    name_es: b.name_es,
                    name_en: b.name_en,
                    description_es: b.description_es,
                    description_en: b.description_en,
                    position: b.position,
                    archived: b.archived,
                    review_all: b.review_all,
                })
                .collect(),
            moderators: db::moderation::list_appointments(c)?
                .into_iter()
                .map(|a| AppointmentRow {
                    id: a.id,
                    username: a.username,
                    board: a.board_slug,
                })
                .collect(),
            rules: db::moderation::list_rules(c)?
                .into_iter()
                .map(|r| RuleRow {
                    number: r.number,
                    title_es: r.title_es,
                    title_en: r.title_en,
                    body_es: r.body_es,
                    body_en: r.body_en,
                })
                .collect(),
            settings: site::effective(c, &settings)?,
            domains: super::affiliation::domain_views(db::stakeholders::list_domains(c)?),
            failed: db::outbox::list_failed(c, 50)?
                .into_iter()
                .map(|f| FailedRow {
                    id: f.id,
                    kind: f.kind,
                    recipient: crate::domain::mask_email(&f.recipient),
                    attempts: f.attempts,
                    error: f.last_error.unwrap_or_default(),
                })
                .collect(),
        })
    })
    .await
}

/// A board's fields as typed by an admin.
#[derive(Debug, Clone, Default)]
pub struct BoardInput {
    pub slug: String,
    pub name_es: String,
    pub name_en: String,
    pub description_es: String,
    pub description_en: String,
    pub position: i32,
    pub archived: bool,
    pub review_all: bool,
}

fn check_board(b: &BoardInput) -> Result<(), AppError> {
    let valid_slug = (2..=60).contains(&b.slug.len())
        && b.slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !valid_slug {
        return Err(AppError::field("slug", "board-slug-invalid"));
    }
    for (field, value) in [("name_es", &b.name_es), ("name_en", &b.name_en)] {
        if value.trim().is_empty() || value.chars().count() > 80 {
            return Err(AppError::field(field, "board-name-invalid"));
        }
    }
    Ok(())
}

/// Creates a board, or saves an existing one's fields.
pub async fn save_board(pool: &Pool, member: &Member, input: BoardInput) -> Result<(), AppError> {
    let me = require_admin(member)?;
    check_board(&input)?;
    pool.run(move |c| {
        c.in_transaction(|c| {
            let id = match db::boards::find_by_slug(c, &input.slug)? {
                Some(b) => b.id,
                None => {
                    db::boards::insert(
                        c,
                        &NewBoard {
                            slug: &input.slug,
                            name_es: input.name_es.trim(),
                            name_en: input.name_en.trim(),
                            description_es: input.description_es.trim(),
                            description_en: input.description_en.trim(),
                            position: input.position,
                            created_at: Utc::now().naive_utc(),
                        },
                    )?;
                    db::boards::find_by_slug(c, &input.slug)?
                        .ok_or(AppError::NotFound)?
                        .id
                }
            };
            db::boards::update(
                c,
                id,
                &BoardChanges {
                    name_es: input.name_es.trim(),
                    name_en: input.name_en.trim(),
                    description_es: input.description_es.trim(),
                    description_en: input.description_en.trim(),
                    position: input.position,
                    archived: input.archived,
                    review_all: input.review_all,
                },
            )?;
            log(
                c,
                NewLogEntry {
                    target_id: Some(id),
                    board_id: Some(id),
                    ..NewLogEntry::new(Some(me), ModAction::Board, "board")
                },
            )?;
            Ok(())
        })
    })
    .await
}

/// Names a moderator of one board (a slug) or of every board (empty).
pub async fn appoint(
    pool: &Pool,
    member: &Member,
    username: String,
    board: String,
) -> Result<(), AppError> {
    let me = require_admin(member)?;
    pool.run(move |c| {
        c.in_transaction(|c| {
            let user = db::users::find_by_username_key(c, &Username::key_of(&username))?
                .filter(|u| u.deleted_at.is_none())
                .ok_or(AppError::field("username", "moderator-unknown-user"))?;
            let board_id = match board.trim() {
                "" => None,
                slug => Some(
                    db::boards::find_by_slug(c, slug)?
                        .ok_or(AppError::field("board", "board-unknown"))?
                        .id,
                ),
            };
            let now = Utc::now().naive_utc();
            db::moderation::appoint(c, user.id, board_id, me, now)?;
            log(
                c,
                NewLogEntry {
                    target_id: Some(user.id),
                    board_id,
                    ..NewLogEntry::new(Some(me), ModAction::Appoint, "user")
                },
            )?;
            Ok(())
        })
    })
    .await
}

/// Ends an appointment.
pub async fn revoke(pool: &Pool, member: &Member, id: i64) -> Result<(), AppError> {
    let me = require_admin(member)?;
    pool.run(move |c| {
        c.in_transaction(|c| {
            let (user, board_id) =
                db::moderation::revoke(c, id, Utc::now().naive_utc())?.ok_or(AppError::NotFound)?;
            log(
                c,
                NewLogEntry {
                    target_id: Some(user),
                    board_id,
                    ..NewLogEntry::new(Some(me), ModAction::Revoke, "user")
                },
            )?;
            Ok(())
        })
    })
    .await
}

/// Writes one rule in both languages.
pub async fn save_rule(
    pool: &Pool,
    member: &Member,
    number: i32,
    texts: [String; 4],
) -> Result<(), AppError> {
    let me = require_admin(member)?;
    if !(1..=99).contains(&number) {
        return Err(AppError::field("number", "rule-number-invalid"));
    }
    if texts
        .iter()
        .any(|t| t.trim().is_empty() || t.chars().count() > 2000)
    {
        return Err(AppError::field("body_es", "rule-text-invalid"));
    }
    pool.run(move |c| {
        c.in_transaction(|c| {
            let [a, b, d, e] = &texts;
            db::moderation::save_rule(c, number, [a.trim(), b.trim(), d.trim(), e.trim()])?;
            log(
                c,
                NewLogEntry {
                    target_id: Some(number.into()),
                    rule_number: Some(number),
                    ..NewLogEntry::new(Some(me), ModAction::Rules, "rule")
                },
            )?;
            Ok(())
        })
    })
    .await
}

/// Saves the site settings admins may change (keys from `SETTING_KEYS`).
pub async fn save_settings(
    pool: &Pool,
    member: &Member,
    values: Vec<(String, String)>,
) -> Result<(), AppError> {
    let me = require_admin(member)?;
    for (key, value) in &values {
        let numeric = !matches!(
            key.as_str(),
            "moderation.held_words" | "modlog.name_moderators"
        );
        if numeric && value.trim().parse::<u32>().map_or(true, |n| n > 100_000) {
            return Err(AppError::field(key, "setting-number-invalid"));
        }
    }
    pool.run(move |c| {
        c.in_transaction(|c| {
            for (key, value) in &values {
                if SETTING_KEYS.contains(&key.as_str()) {
                    db::site_settings::set(c, key, value.trim())?;
                }
            }
            log(c, NewLogEntry::new(Some(me), ModAction::Settings, "site"))?;
            Ok(())
        })
    })
    .await
}

/// Retries or discards a failed message.
pub async fn outbox(pool: &Pool, member: &Member, id: i64, retry: bool) -> Result<(), AppError> {
    let me = require_admin(member)?;
    pool.run(move |c| {
        c.in_transaction(|c| {
            let done = if retry {
                db::outbox::retry_failed(c, id, Utc::now().naive_utc())?
            } else {
                db::outbox::discard_failed(c, id)?
            };
            if !done {
                return Err(AppError::NotFound);
            }
            log(
                c,
                NewLogEntry {
                    target_id: Some(id),
                    ..NewLogEntry::new(
                        Some(me),
                        if retry {
                            ModAction::OutboxRetry
                        } else {
                            ModAction::OutboxDiscard
                        },
                        "email",
                    )
                },
            )?;
            Ok(())
        })
    })
    .await
}

/// The rules in the reader's language.
#[derive(Debug, Serialize)]
pub struct RuleView {
    pub number: i32,
    pub title: String,
    pub body: String,
}

/// The code of conduct.
pub async fn rules(pool: &Pool, locale: crate::domain::Locale) -> Result<Vec<RuleView>, AppError> {
    let rules = pool
        .run(|c| Ok::<_, AppError>(db::moderation::list_rules(c)?))
        .await?;
    Ok(rules
        .into_iter()
        .map(|r| match locale {
            crate::domain::Locale::Es => RuleView {
                number: r.number,
                title: r.title_es,
                body: r.body_es,
            },
            crate::domain::Locale::En => RuleView {
                number: r.number,
                title: r.title_en,
                body: r.body_en,
            },
        })
        .collect())
}
