//! Boards: the default set, the index and one board's page.

use chrono::{NaiveDateTime, Utc};
use serde::Serialize;

use crate::db::{self, boards::Board, boards::NewBoard, DbConn, DbError, Pool};
use crate::domain::Locale;
use crate::error::AppError;

/// The six boards every new site starts with: slug, Spanish and English names and descriptions.
pub const DEFAULT_BOARDS: [(&str, &str, &str, &str, &str); 6] = [
    (
        "ciberseguridad",
        "Ciberseguridad",
        "Cybersecurity",
        "Seguridad de las redes, los datos y las personas en línea.",
        "Security of networks, data and people online.",
    ),
    (
        "neutralidad-de-la-red",
        "Neutralidad de la red",
        "Network neutrality",
        "Acceso abierto e igualitario a Internet.",
        "Open and equal access to the Internet.",
    ),
    (
        "educacion",
        "Educación",
        "Education",
        "Escuelas, alfabetización digital y aprendizaje a lo largo de la vida.",
        "Schools, digital literacy and lifelong learning.",
    ),
    (
        "politicas-publicas",
        "Políticas públicas",
        "Public policies",
        "Leyes, regulación y gobernanza de Internet.",
        "Laws, regulation and Internet governance.",
    ),
    (
        "transformacion-digital",
        "Transformación digital",
        "Digital transformation",
        "Servicios públicos, empresas y comunidades en la era digital.",
        "Public services, businesses and communities in the digital age.",
    ),
    (
        "blockchain",
        "Blockchain",
        "Blockchain",
        "Cadenas de bloques: usos, riesgos y regulación.",
        "Blockchains: uses, risks and regulation.",
    ),
];

/// Inserts the default boards when the site has none; returns how many were inserted.
pub fn seed_defaults(conn: &mut DbConn) -> Result<usize, DbError> {
    conn.in_transaction(|c| {
        if db::boards::count_all(c)? > 0 {
            return Ok(0);
        }
        let now = Utc::now().naive_utc();
        for (position, (slug, name_es, name_en, description_es, description_en)) in
            DEFAULT_BOARDS.iter().enumerate()
        {
            db::boards::insert(
                c,
                &NewBoard {
                    slug,
                    name_es,
                    name_en,
                    description_es,
                    description_en,
                    position: position as i32,
                    created_at: now,
                },
            )?;
        }
        Ok(DEFAULT_BOARDS.len())
    })
}

/// One board as a reader sees it, in the reader's language.
#[derive(Debug, Serialize)]
pub struct BoardSummary {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub thread_count: i64,
    pub post_count: i64,
    pub last_activity_at: Option<NaiveDateTime>,
}

impl BoardSummary {
    fn new(board: Board, locale: Locale) -> Self {
        let (name, description) = match locale {
            Locale::Es => (board.name_es, board.description_es),
            Locale::En => (board.name_en, board.description_en),
        };
        Self {
            id: board.id,
            slug: board.slug,
            name,
            description,
            thread_count: board.thread_count,
            post_count: board.post_count,
            last_activity_at: board.last_activity_at,
        }
    }
}

/// The active boards, in order.
#[tracing::instrument(skip(pool))]
pub async fn list_index(pool: &Pool, locale: Locale) -> Result<Vec<BoardSummary>, AppError> {
    let boards = pool
        .run(|c| Ok::<_, AppError>(db::boards::list_active(c)?))
        .await?;
    Ok(boards
        .into_iter()
        .map(|b| BoardSummary::new(b, locale))
        .collect())
}

/// The home page's boards and the threads with the newest posts across them, read in one
/// checkout of the pool.
pub async fn home(pool: &Pool, locale: Locale, tz: chrono_tz::Tz) -> Result<Home, AppError> {
    use crate::services::{consultations, reading};
    let (boards, recent, open) = pool
        .run(move |c| {
            Ok::<_, AppError>((
                db::boards::list_active(c)?,
                db::threads::recent_activity(c, reading::RECENT_ACTIVITY)?,
                consultations::open_now(c, tz, locale)?,
            ))
        })
        .await?;
    Ok(Home {
        boards: boards
            .into_iter()
            .map(|b| BoardSummary::new(b, locale))
            .collect(),
        activity: reading::activity(recent, locale),
        consultations: open,
    })
}

/// The home page: open consultations, the boards, and recent activity.
#[derive(Debug, Serialize)]
pub struct Home {
    pub boards: Vec<BoardSummary>,
    pub activity: Vec<crate::services::reading::Activity>,
    pub consultations: Vec<crate::services::consultations::Listed>,
}

/// One board's page (threads come with the discussions feature).
#[derive(Debug, Serialize)]
pub struct BoardPage {
    pub board: BoardSummary,
    pub archived: bool,
}

/// The board with this slug, or NotFound.
#[tracing::instrument(skip(pool))]
pub async fn board_page(pool: &Pool, slug: String, locale: Locale) -> Result<BoardPage, AppError> {
    let board = pool
        .run(move |c| Ok::<_, AppError>(db::boards::find_by_slug(c, &slug)?))
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(BoardPage::new(board, locale))
}

impl BoardPage {
    /// What a board's page says of `board`.
    pub fn new(board: Board, locale: Locale) -> Self {
        let archived = board.archived;
        Self {
            board: BoardSummary::new(board, locale),
            archived,
        }
    }
}
