//! The demo's multistakeholder side: members speak for a sector (some verified), and two of
//! the cybersecurity board's threads are consultations, one open on the cybercrime bill and
//! one on the national strategy, closed at the end of its last day with a published
//! synthesis. Rows are those the site's own paths would have left: dates within the thread's
//! own, nothing after the moment of seeding.

use chrono::{NaiveDateTime, TimeDelta};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text, Timestamp};

use crate::db::schema::{consultations, posts, synthesis_revisions, threads, users};
use crate::db::DbConn;
use crate::domain::{markdown, ContributionKind, Stakeholder};

/// Organisations the demo members speak for, one list per sector.
const ORGANIZATIONS: [(Stakeholder, &[&str]); 6] = [
    (
        Stakeholder::Government,
        &[
            "Ministerio de Educación",
            "Superintendencia de Telecomunicaciones",
        ],
    ),
    (
        Stakeholder::PrivateSector,
        &[
            "Cámara de Tecnologías de la Información",
            "Red de Proveedores Rurales",
        ],
    ),
    (
        Stakeholder::CivilSociety,
        &["Fundación Acceso Abierto", "Colectivo Derechos Digitales"],
    ),
    (
        Stakeholder::Academia,
        &[
            "Universidad Nacional",
            "Instituto de Estudios en Políticas Públicas",
        ],
    ),
    (
        Stakeholder::TechnicalCommunity,
        &[
            "Capítulo local de la Internet Society",
            "Red Académica Nacional",
        ],
    ),
    (
        Stakeholder::Intergovernmental,
        &["Oficina regional de cooperación digital"],
    ),
];

/// Gives every demo member but one in five a sector and an organisation; one in three of
/// them verified.
fn label_members(c: &mut DbConn, ids: &[i64], since: NaiveDateTime) -> QueryResult<()> {
    for (i, id) in ids.iter().enumerate() {
        if i % 5 == 4 {
            continue;
        }
        let (group, orgs) = ORGANIZATIONS[i % ORGANIZATIONS.len()];
        let verified = (i % 3 == 0).then_some(since);
        diesel::update(users::table.find(id))
            .set((
                users::stakeholder.eq(Some(group)),
                users::organization.eq(Some(orgs[(i / 6) % orgs.len()])),
                users::affiliation_verified_at.eq(verified),
            ))
            .execute(c)?;
    }
    Ok(())
}

#[derive(QueryableByName)]
struct Candidate {
    #[diesel(sql_type = BigInt)]
    id: i64,
    #[diesel(sql_type = Timestamp)]
    created_at: NaiveDateTime,
    #[diesel(sql_type = Timestamp)]
    last_post_at: NaiveDateTime,
}

/// A cybersecurity thread with at least five replies for a consultation: the newest whose
/// title starts with `subject` (else the newest other one), not `except`, and with its last
/// post before `before` when given.
fn thread_on(
    c: &mut DbConn,
    subject: &str,
    except: i64,
    before: Option<NaiveDateTime>,
) -> QueryResult<Option<Candidate>> {
    let found: Vec<Candidate> = diesel::sql_query(
        "SELECT t.id, t.created_at, t.last_post_at FROM threads t \
         JOIN boards b ON b.id = t.board_id \
         WHERE b.slug = 'ciberseguridad' AND t.reply_count >= 5 AND t.id <> $1 \
           AND ($2 IS NULL OR t.last_post_at < $2) \
         ORDER BY CASE WHEN t.title LIKE $3 THEN 0 ELSE 1 END, t.last_post_at DESC LIMIT 1",
    )
    .bind::<BigInt, _>(except)
    .bind::<Nullable<Timestamp>, _>(before)
    .bind::<Text, _>(format!("{subject}%"))
    .load(c)?;
    Ok(found.into_iter().next())
}

/// Gives the thread's replies their kinds, every kind in turn.
fn give_kinds(c: &mut DbConn, thread_id: i64) -> QueryResult<()> {
    let replies: Vec<i64> = posts::table
        .filter(posts::thread_id.eq(thread_id))
        .filter(posts::number.gt(1))
        .order(posts::id)
        .select(posts::id)
        .load(c)?;
    for (i, id) in replies.into_iter().enumerate() {
        let kind = ContributionKind::ALL[i % ContributionKind::ALL.len()];
        diesel::update(posts::table.find(id))
            .set(posts::kind.eq(Some(kind)))
            .execute(c)?;
    }
    Ok(())
}

/// Makes `thread` a consultation open from its first day to `closes_on`.
fn make_consultation(
    c: &mut DbConn,
    thread: &Candidate,
    closes_on: chrono::NaiveDate,
) -> QueryResult<()> {
    let opens_on = thread.created_at.date();
    diesel::insert_into(consultations::table)
        .values((
            consultations::thread_id.eq(thread.id),
            consultations::opens_on.eq(opens_on),
            consultations::closes_on.eq(closes_on),
            consultations::created_at.eq(thread.created_at),
        ))
        .execute(c)?;
    // Opened at the start of its first day: the thread was there from its first post.
    diesel::update(threads::table.find(thread.id))
        .set(threads::opens_at.eq(Some(opens_on.and_time(chrono::NaiveTime::MIN))))
        .execute(c)?;
    give_kinds(c, thread.id)
}

const SYNTHESIS: &str = "## Síntesis de la consulta\n\n\
Participaron los seis sectores. Hubo **acuerdo** en que la estrategia la redacte un comité \
técnico con participación de todos ellos y en que el CSIRT nacional tenga presupuesto \
propio.\n\n\
- Propuestas: un calendario público de revisión cada dos años.\n\
- Objeciones: la medición del avance no puede depender solo del gobierno.\n\
- Preguntas abiertas: cómo se financian los equipos de respuesta en las municipalidades.\n\n\
Esta síntesis se incluirá en el informe anual del foro.";

/// Labels the members and makes the two consultations; `now` is the moment of seeding.
pub fn load(
    c: &mut DbConn,
    member_ids: &[i64],
    since: NaiveDateTime,
    now: NaiveDateTime,
) -> QueryResult<()> {
    label_members(c, member_ids, since)?;
    // Seeding more into a seeded site adds content, not a second pair of consultations.
    let existing: i64 = consultations::table.count().get_result(c)?;
    if existing > 0 {
        return Ok(());
    }
    let today = now.date();
    let open = thread_on(
        c,
        "La iniciativa de ley contra la ciberdelincuencia",
        0,
        None,
    )?;
    if let Some(open) = &open {
        make_consultation(c, open, today + TimeDelta::days(14))?;
    }
    let open_id = open.map_or(0, |o| o.id);
    // Closed at the end of the day of its last contribution, which was before today.
    let yesterday = today.and_time(chrono::NaiveTime::MIN);
    if let Some(done) = thread_on(
        c,
        "La estrategia nacional de ciberseguridad",
        open_id,
        Some(yesterday),
    )? {
        let closes_on = done.last_post_at.date();
        make_consultation(c, &done, closes_on)?;
        let published = (done.last_post_at + TimeDelta::days(1)).min(now);
        let html = markdown::render(SYNTHESIS);
        diesel::insert_into(synthesis_revisions::table)
            .values((
                synthesis_revisions::thread_id.eq(done.id),
                synthesis_revisions::body_source.eq(SYNTHESIS),
                synthesis_revisions::created_at.eq(published),
            ))
            .execute(c)?;
        diesel::update(consultations::table.find(done.id))
            .set((
                consultations::synthesis_source.eq(Some(SYNTHESIS)),
                consultations::synthesis_html.eq(Some(html)),
                consultations::synthesis_published_at.eq(Some(published)),
            ))
            .execute(c)?;
    }
    Ok(())
}
