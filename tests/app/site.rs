//! A site with realistic content, and every page type a reader can reach on it: what the
//! weight budget, the HTML validator and the browser suite look at.

use tertulia::domain::Role;

use crate::helpers::{spawn_app, TestApp, PASSWORD};

/// About 500 characters of the kind of thing members write, with a little Markdown.
const PARAGRAPHS: [&str; 4] = [
    "La conectividad en las escuelas rurales sigue siendo el gran pendiente. En varios \
     municipios de Alta Verapaz los docentes comparten un solo teléfono para descargar \
     materiales, y la señal llega apenas por las tardes. Propongo que el **fondo de servicio \
     universal** priorice esas escuelas y que se publique el avance cada trimestre.",
    "Coincido en lo general, pero no olvidemos la formación: una antena sin docentes \
     preparados sirve de poco. En el foro del año pasado se habló de *alfabetización \
     digital* para madres y padres de familia, y nadie dio seguimiento. ¿Quién podría \
     coordinar una mesa de trabajo con el Ministerio y las municipalidades?",
    "Dejo tres datos para la discusión:\n\n- el 38 % de los hogares rurales no tiene \
     acceso fijo;\n- el costo de 1 GB equivale a casi un día de salario mínimo;\n- los \
     planes prepago caducan en siete días.\n\nCon esos números cualquier política de \
     contenidos educativos en línea queda corta.",
    "Sobre la neutralidad de la red: los planes con redes sociales gratis parecen generosos, \
     pero encierran a la gente en tres aplicaciones. Para buscar información pública, \
     trámites o clases, el saldo se acaba. Sería útil revisar qué dice la ley de \
     telecomunicaciones y qué han resuelto otros países de la región.",
];

/// The body of the `n`th post: about 500 characters, different in every post (as real posts
/// are, so compression is not flattered), in sentences built from members' vocabulary and
/// made-up names of people and places.
pub fn post_body(n: usize) -> String {
    use rand::{Rng, SeedableRng};
    const SYLLABLES: [&str; 24] = [
        "ma", "ri", "to", "que", "chi", "al", "ta", "pe", "ten", "zal", "co", "ba", "ju", "lo",
        "nor", "ve", "xi", "gua", "mo", "san", "da", "rra", "tza", "min",
    ];
    let words: Vec<&str> = PARAGRAPHS
        .iter()
        .flat_map(|p| p.split_whitespace())
        .collect();
    let mut rng = rand::rngs::StdRng::seed_from_u64(n as u64);
    let mut body = String::new();
    if n % 4 == 2 {
        body.push_str(PARAGRAPHS[2]);
    } else {
        while body.len() < 480 {
            let len = rng.random_range(8..16);
            let sentence: Vec<String> = (0..len)
                .map(|_| {
                    if rng.random_bool(0.25) {
                        (0..rng.random_range(2..4))
                            .map(|_| SYLLABLES[rng.random_range(0..SYLLABLES.len())])
                            .collect()
                    } else {
                        words[rng.random_range(0..words.len())].to_lowercase()
                    }
                })
                .collect();
            let sentence = sentence.join(" ");
            let mut chars = sentence.chars();
            let first = chars.next().unwrap().to_uppercase().collect::<String>();
            body.push_str(&format!("{first}{}. ", chars.as_str()));
        }
    }
    format!("{} (#{n})", body.trim())
}

/// What the realistic site holds, by id.
pub struct Site {
    pub app: TestApp,
    /// A thread of 50 posts.
    pub long_thread: i64,
    /// A reply in it that a member reported.
    pub reported_post: i64,
    /// A reply in it by the member viewer (whose deletion page is a page type).
    pub own_post: i64,
    /// An open consultation with contributions from two sectors.
    pub consultation: i64,
}

/// Who looks at a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    Visitor,
    Member,
    Moderator,
    Admin,
}

impl Viewer {
    #[allow(dead_code)] // walked by the browser suite
    pub const ALL: [Viewer; 4] = [
        Viewer::Visitor,
        Viewer::Member,
        Viewer::Moderator,
        Viewer::Admin,
    ];

    /// The account this viewer logs in with on the site (none for a visitor).
    pub fn username(self) -> Option<&'static str> {
        match self {
            Viewer::Visitor => None,
            Viewer::Member => Some("ana"),
            Viewer::Moderator => Some("moderadora"),
            Viewer::Admin => Some("admin"),
        }
    }
}

/// One page type: a name, a path and who may see it.
pub struct PageType {
    pub name: &'static str,
    pub path: String,
    pub viewer: Viewer,
    pub status: u16,
}

impl PageType {
    /// The page's path asking for the language `lang`.
    pub fn in_lang(&self, lang: &str) -> String {
        let sep = if self.path.contains('?') { '&' } else { '?' };
        format!("{}{sep}lang={lang}", self.path)
    }
}

impl Site {
    /// A fresh server with boards full of threads, a 50-post thread, a post waiting for
    /// review, a reported post and a moderation log entry.
    pub async fn build() -> Site {
        let app = spawn_app().await;
        let member = app.browser_as("ana", Role::Member).await;
        let second = app.browser_as("luis", Role::Member).await;
        let moderator = app.browser_as("moderadora", Role::Moderator).await;
        app.make_user("admin", Role::Admin).await;
        for n in 0..22 {
            let slug = if n % 3 == 0 {
                "ciberseguridad"
            } else {
                "educacion"
            };
            let title = format!("Conectividad y escuelas: propuesta número {n}");
            let thread = member.new_thread(slug, &title, &post_body(n)).await;
            second.new_reply(thread, &post_body(n + 1), None).await;
        }
        let long_thread = member
            .new_thread(
                "educacion",
                "Conectividad en escuelas rurales: ¿qué priorizamos?",
                &post_body(0),
            )
            .await;
        let mut last = None;
        let mut own_post = 0;
        for n in 1..50 {
            let writer = if n % 2 == 0 { &member } else { &second };
            let parent = if n % 5 == 0 { last } else { None };
            let id = writer.new_reply(long_thread, &post_body(n), parent).await;
            if n == 2 {
                own_post = id;
            }
            last = Some(id);
        }
        let flagged_post = second
            .new_reply(long_thread, "Esto es publicidad de un plan de datos.", None)
            .await;
        let flag = member.report(flagged_post, "spam", "Publicidad").await;
        assert_eq!(flag.status, 303, "{}", flag.body);
        let hidden = second
            .new_reply(long_thread, "Un mensaje fuera de tema.", None)
            .await;
        let hide = moderator
            .moderate(
                hidden,
                "hide",
                &[("rule", "1"), ("reason", "No trata del hilo")],
            )
            .await;
        assert_eq!(hide.status, 303, "{}", hide.body);
        app.sql(
            "INSERT INTO site_settings (key, value) \
             VALUES ('moderation.held_words', 'casino')",
        );
        second
            .new_reply(long_thread, "Visiten mi casino en línea.", None)
            .await;
        app.sql(
            "UPDATE users SET stakeholder = 'civil_society', organization = 'Fundación Acceso', \
             affiliation_verified_at = created_at WHERE username = 'ana'; \
             UPDATE users SET stakeholder = 'academia' WHERE username = 'luis'",
        );
        let today = chrono::Utc::now().date_naive();
        let opened = moderator
            .submit(
                "/consultations/new",
                "/consultations/new",
                &[
                    ("board", "ciberseguridad"),
                    ("title", "Consulta sobre la ley de ciberdelitos"),
                    ("question", &post_body(7)),
                    (
                        "opens_at",
                        &(today - chrono::TimeDelta::days(1)).to_string(),
                    ),
                    (
                        "closes_at",
                        &(today + chrono::TimeDelta::days(20)).to_string(),
                    ),
                ],
            )
            .await;
        assert_eq!(opened.status, 303, "{}", opened.body);
        let consultation: i64 = opened.location.unwrap()[3..].parse().unwrap();
        for (n, (writer, kind)) in [
            (&member, "proposal"),
            (&second, "objection"),
            (&member, "evidence"),
            (&second, "question"),
        ]
        .into_iter()
        .enumerate()
        {
            let body = post_body(60 + n);
            let answer = writer
                .submit(
                    &format!("/t/{consultation}"),
                    &format!("/t/{consultation}/reply"),
                    &[("kind", kind), ("body", &body)],
                )
                .await;
            assert_eq!(answer.status, 303, "{}", answer.body);
        }
        Site {
            app,
            long_thread,
            reported_post: flagged_post,
            own_post,
            consultation,
        }
    }

    /// Every page type, with realistic content where the page has any.
    pub fn page_types(&self) -> Vec<PageType> {
        let page = |name, path: &str, viewer, status| PageType {
            name,
            path: path.to_string(),
            viewer,
            status,
        };
        vec![
            page("home", "/", Viewer::Visitor, 200),
            page("board", "/b/educacion", Viewer::Visitor, 200),
            page(
                "thread",
                &format!("/t/{}", self.long_thread),
                Viewer::Visitor,
                200,
            ),
            page(
                "thread (member)",
                &format!("/t/{}", self.long_thread),
                Viewer::Member,
                200,
            ),
            page("board (member)", "/b/educacion", Viewer::Member, 200),
            page("notifications", "/notifications", Viewer::Member, 200),
            page("new thread", "/b/educacion/new", Viewer::Member, 200),
            page(
                "report a post",
                &format!("/p/{}/flag", self.reported_post),
                Viewer::Member,
                200,
            ),
            page(
                "delete a post",
                &format!("/p/{}/delete", self.own_post),
                Viewer::Member,
                200,
            ),
            page("login", "/login", Viewer::Visitor, 200),
            page("register", "/register", Viewer::Visitor, 200),
            page("welcome", "/welcome", Viewer::Member, 200),
            page("password reset", "/password/forgot", Viewer::Visitor, 200),
            page("settings", "/settings", Viewer::Member, 200),
            page("search", "/search?q=conectividad", Viewer::Visitor, 200),
            page("subscribe", "/subscribe", Viewer::Visitor, 200),
            page("profile", "/u/ana", Viewer::Visitor, 200),
            page("rules", "/rules", Viewer::Visitor, 200),
            page("privacy", "/privacy", Viewer::Visitor, 200),
            page("moderation queue", "/mod", Viewer::Moderator, 200),
            page("modlog", "/modlog", Viewer::Visitor, 200),
            page("transparency", "/transparency", Viewer::Visitor, 200),
            page("admin", "/admin", Viewer::Admin, 200),
            page("consultations", "/consultations", Viewer::Visitor, 200),
            page(
                "consultation",
                &format!("/t/{}", self.consultation),
                Viewer::Member,
                200,
            ),
            page(
                "consultation (moderator)",
                &format!("/t/{}", self.consultation),
                Viewer::Moderator,
                200,
            ),
            page(
                "consultation report",
                &format!("/t/{}/report", self.consultation),
                Viewer::Visitor,
                200,
            ),
            page(
                "new consultation",
                "/consultations/new",
                Viewer::Moderator,
                200,
            ),
            page("not found", "/b/no-existe", Viewer::Visitor, 404),
            page("forbidden", "/admin", Viewer::Member, 403),
        ]
    }

    /// A new browser for `viewer` using `client`, logged in unless a visitor.
    pub async fn session(&self, viewer: Viewer, client: reqwest::Client) -> TestApp {
        let mut browser = self.app.other_browser();
        browser.client = client;
        let Some(username) = viewer.username() else {
            return browser;
        };
        let answer = browser.login(username, PASSWORD).await;
        assert_eq!(answer.status, 303, "{username} logs in: {}", answer.body);
        browser
    }
}
