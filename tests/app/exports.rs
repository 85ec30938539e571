//! Open data and the printable report: a thread's published posts, and only those, as CSV
//! (read back with a real CSV parser), as JSON, and grouped by kind on a page for printing.

use tertulia::domain::Role;

use crate::helpers::{spawn_app, texts, TestApp};

const QUESTION: &str = "¿Qué priorizamos en las escuelas rurales? Señal, formación, niñez.";
const PROPOSAL: &str =
    "Propuesta: el fondo, \"ya\", para Alta Verapaz;\ncon salto de línea, ñandú y €.";
const OBJECTION: &str = "No coincido, por el costo: 1 GB = un día de salario.";
const EVIDENCE: &str = "Datos del censo: 38 % sin acceso fijo.";

/// A thread with a question, three published contributions with kinds and labelled authors
/// (one of whom then deleted their account), a hidden reply, a deleted one and one held for
/// review.
struct Fixture {
    app: TestApp,
    moderator: TestApp,
    thread: i64,
    /// (post id, parent, author, stakeholder, organization, verified, kind, body)
    expected: Vec<Expected>,
}

#[derive(Debug, Clone, PartialEq)]
struct Expected {
    post_id: i64,
    parent_id: Option<i64>,
    author: Option<String>,
    stakeholder: Option<String>,
    organization: Option<String>,
    verified: bool,
    kind: Option<String>,
    body: String,
}

fn s(v: &str) -> Option<String> {
    Some(v.to_string())
}

async fn fixture() -> Fixture {
    let app = spawn_app().await;
    let ana = app.browser_as("ana", Role::Member).await;
    let luis = app.browser_as("luis", Role::Member).await;
    let eva = app.browser_as("eva", Role::Member).await;
    let moderator = app.browser_as("moderadora", Role::Moderator).await;
    let thread = ana
        .new_thread("educacion", "Consulta: conectividad rural", QUESTION)
        .await;
    let question = app_first_post(&app, thread).await;
    let proposal = luis.new_reply(thread, PROPOSAL, None).await;
    let objection = ana.new_reply(thread, OBJECTION, Some(proposal)).await;
    let evidence = eva.new_reply(thread, EVIDENCE, None).await;
    let hidden = luis
        .new_reply(thread, "Un mensaje fuera de tema.", None)
        .await;
    let hide = moderator
        .moderate(hidden, "hide", &[("rule", "1"), ("reason", "x")])
        .await;
    assert_eq!(hide.status, 303, "{}", hide.body);
    let deleted = luis.new_reply(thread, "Me arrepiento de esto.", None).await;
    assert_eq!(luis.delete_post(deleted).await.status, 303);
    app.sql("INSERT INTO site_settings (key, value) VALUES ('moderation.held_words', 'casino')");
    luis.new_reply(thread, "Visiten mi casino en línea.", None)
        .await;
    app.sql(&format!(
        "UPDATE posts SET kind = 'proposal' WHERE id = {proposal}; \
         UPDATE posts SET kind = 'objection' WHERE id = {objection}; \
         UPDATE posts SET kind = 'evidence' WHERE id = {evidence}; \
         UPDATE users SET stakeholder = 'civil_society', organization = 'Fundación Ñandú, A. C.', \
           affiliation_verified_at = CURRENT_TIMESTAMP WHERE username = 'luis'; \
         UPDATE users SET stakeholder = 'academia' WHERE username = 'ana'; \
         UPDATE users SET stakeholder = 'government', organization = 'Ministerio', \
           affiliation_verified_at = CURRENT_TIMESTAMP, deleted_at = CURRENT_TIMESTAMP \
           WHERE username = 'eva';"
    ));
    let ana_label = |id, parent, kind: Option<String>, body: &str| Expected {
        post_id: id,
        parent_id: parent,
        author: s("ana"),
        stakeholder: s("academia"),
        organization: None,
        verified: false,
        kind,
        body: body.to_string(),
    };
    let expected = vec![
        ana_label(question, None, None, QUESTION),
        Expected {
            post_id: proposal,
            parent_id: None,
            author: s("luis"),
            stakeholder: s("civil_society"),
            organization: s("Fundación Ñandú, A. C."),
            verified: true,
            kind: s("proposal"),
            body: PROPOSAL.to_string(),
        },
        ana_label(objection, Some(proposal), s("objection"), OBJECTION),
        Expected {
            post_id: evidence,
            parent_id: None,
            author: None,
            stakeholder: None,
            organization: None,
            verified: false,
            kind: s("evidence"),
            body: EVIDENCE.to_string(),
        },
    ];
    Fixture {
        app,
        moderator,
        thread,
        expected,
    }
}

/// The id of the thread's opening post, from its page.
async fn app_first_post(app: &TestApp, thread: i64) -> i64 {
    let (_, doc) = app.get_html(&format!("/t/{thread}")).await;
    let sel = scraper::Selector::parse("li.post").unwrap();
    let id = doc.select(&sel).next().unwrap().value().attr("id").unwrap();
    id[1..].parse().unwrap()
}

fn none_if_empty(v: &str) -> Option<String> {
    (!v.is_empty()).then(|| v.to_string())
}

#[tokio::test]
async fn exports_hold_the_published_posts_and_only_those() {
    let f = fixture().await;
    let base = &f.app.address;

    // CSV: a byte-order mark, a header row, CRLF line ends, and the posts read back intact.
    let res = f.app.get(&format!("/t/{}/export.csv", f.thread)).await;
    assert_eq!(res.status(), 200);
    let headers = res.headers().clone();
    assert!(headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv; charset=utf-8"));
    let disposition = headers["content-disposition"].to_str().unwrap();
    assert!(disposition.starts_with("attachment"), "{disposition}");
    assert!(
        disposition.contains(&format!("hilo-{}.csv", f.thread)),
        "{disposition}"
    );
    let bytes = res.bytes().await.unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBFpost_id,parent_id,created_at,author,stakeholder,organization,verified,kind,body,url\r\n"));
    let mut reader = csv::ReaderBuilder::new().from_reader(&bytes[3..]);
    let mut got = Vec::new();
    for record in reader.records() {
        let r = record.unwrap();
        assert_eq!(r.len(), 10);
        chrono::DateTime::parse_from_rfc3339(&r[2]).expect("an RFC 3339 time");
        assert!(r[2].ends_with('Z'), "UTC: {}", &r[2]);
        assert_eq!(&r[9], format!("{base}/p/{}", &r[0]));
        got.push(Expected {
            post_id: r[0].parse().unwrap(),
            parent_id: none_if_empty(&r[1]).map(|p| p.parse().unwrap()),
            author: none_if_empty(&r[3]),
            stakeholder: none_if_empty(&r[4]),
            organization: none_if_empty(&r[5]),
            verified: match &r[6] {
                "true" => true,
                "false" => false,
                other => panic!("verified: {other}"),
            },
            kind: none_if_empty(&r[7]),
            body: r[8].to_string(),
        });
    }
    assert_eq!(got, f.expected);
    // The body with a newline is quoted, its lines kept as they were written.
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    assert!(text.contains("\"Propuesta: el fondo, \"\"ya\"\", para Alta Verapaz;\ncon salto"));
    for gone in ["fuera de tema", "arrepiento", "casino"] {
        assert!(!text.contains(gone), "{gone} is not published");
    }

    // JSON: the thread, then the same posts.
    let res = f.app.get(&format!("/t/{}/export.json", f.thread)).await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains(&format!("hilo-{}.json", f.thread)));
    let json: serde_json::Value = serde_json::from_slice(&res.bytes().await.unwrap()).unwrap();
    assert_eq!(json["thread"]["id"], f.thread);
    assert_eq!(json["thread"]["title"], "Consulta: conectividad rural");
    assert_eq!(json["thread"]["board"], "educacion");
    assert_eq!(json["thread"]["url"], format!("{base}/t/{}", f.thread));
    let posts = json["posts"].as_array().unwrap();
    let keys: Vec<&str> = posts[0]
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    let mut sorted = tertulia::services::exports::FIELDS.to_vec();
    sorted.sort();
    let mut keys_sorted = keys.clone();
    keys_sorted.sort();
    assert_eq!(keys_sorted, sorted);
    let got: Vec<Expected> = posts
        .iter()
        .map(|p| {
            let text = |k: &str| p[k].as_str().map(str::to_string);
            assert_eq!(p["url"], format!("{base}/p/{}", p["post_id"]));
            Expected {
                post_id: p["post_id"].as_i64().unwrap(),
                parent_id: p["parent_id"].as_i64(),
                author: text("author"),
                stakeholder: text("stakeholder"),
                organization: text("organization"),
                verified: p["verified"].as_bool().unwrap(),
                kind: text("kind"),
                body: text("body").unwrap(),
            }
        })
        .collect();
    assert_eq!(got, f.expected);

    // The draft of a consultation (opening tomorrow) is seen by moderators only.
    f.app.sql(&format!(
        "UPDATE threads SET opens_at = '2099-01-01 00:00:00' WHERE id = {}",
        f.thread
    ));
    for path in ["export.csv", "export.json", "report"] {
        let path = format!("/t/{}/{path}?draft=1", f.thread);
        assert_eq!(
            f.app.other_browser().get(&path).await.status(),
            404,
            "{path}"
        );
        assert_eq!(f.moderator.get(&path).await.status(), 200, "{path}");
    }
    // An unknown thread is not found, as its page is.
    for path in ["export.csv", "export.json", "report"] {
        assert_eq!(f.app.get(&format!("/t/999999/{path}")).await.status(), 404);
    }
}

#[tokio::test]
async fn the_report_groups_the_published_contributions_by_kind_with_counts() {
    let f = fixture().await;
    f.app.sql(&format!(
        "INSERT INTO consultations (thread_id, opens_on, closes_on, closed_at, close_reason, \
           synthesis_source, synthesis_html, synthesis_published_at, created_at) \
         VALUES ({t}, '2026-01-05', '2026-02-05', CURRENT_TIMESTAMP, 'Terminó el plazo', \
           'Síntesis', '<p>Hubo acuerdo en la señal.</p>', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP); \
         UPDATE threads SET opens_at = '2026-01-05 06:00:00' WHERE id = {t}",
        t = f.thread
    ));
    let visitor = f.app.other_browser();
    let (status, doc) = visitor.get_html(&format!("/t/{}/report", f.thread)).await;
    assert_eq!(status, 200);
    assert_eq!(
        texts(&doc, ".report-group h2"),
        ["Propuesta (1)", "Objeción (1)", "Evidencia (1)"]
    );
    let page = doc.root_element().text().collect::<String>();
    assert!(page.contains("Síntesis publicada"), "the phase");
    assert!(page.contains("Hubo acuerdo en la señal."), "the synthesis");
    assert!(page.contains("3 aportes publicados"));
    assert!(page.contains("Fundación Ñandú, A. C."));
    for gone in [
        "fuera de tema",
        "arrepiento",
        "casino",
        "Ministerio",
        "Gobierno",
    ] {
        assert!(!page.contains(gone), "{gone} is not on the report");
    }
    // Counts by kind and by group, the deleted member's group not told.
    let rows = texts(&doc, ".report-counts tr");
    for row in [
        "Propuesta1",
        "Objeción1",
        "Evidencia1",
        "Academia1",
        "Sociedad civil1",
        "Sin grupo declarado1",
    ] {
        assert!(
            rows.iter()
                .any(|r| r.replace([' ', '\n'], "") == row.replace(' ', "")),
            "{row} in {rows:?}"
        );
    }
    assert_eq!(rows.len(), 2 + 3 + 3, "{rows:?}");
    // Permalinks, the label and the question.
    let links: Vec<String> = {
        let sel = scraper::Selector::parse(".report-posts a[href^='/p/']").unwrap();
        doc.select(&sel)
            .map(|a| a.value().attr("href").unwrap().to_string())
            .collect()
    };
    let ids: Vec<String> = f.expected[1..]
        .iter()
        .map(|e| format!("/p/{}", e.post_id))
        .collect();
    assert_eq!(links, ids);
    assert!(page.contains("Sociedad civil · Fundación Ñandú, A. C. (verificado)"));
    assert!(page.contains("Academia (declarado)"));
    assert!(page.contains("¿Qué priorizamos en las escuelas rurales?"));

    // In English.
    let (_, doc) = visitor
        .get_html(&format!("/t/{}/report?lang=en", f.thread))
        .await;
    assert_eq!(
        texts(&doc, ".report-group h2"),
        ["Proposal (1)", "Objection (1)", "Evidence (1)"]
    );

    // The thread page links to its open data and its report.
    let (_, doc) = visitor.get_html(&format!("/t/{}?lang=es", f.thread)).await;
    let sel = scraper::Selector::parse(".thread-data a").unwrap();
    let hrefs: Vec<&str> = doc
        .select(&sel)
        .map(|a| a.value().attr("href").unwrap())
        .collect();
    assert_eq!(
        hrefs,
        [
            format!("/t/{}/export.csv", f.thread),
            format!("/t/{}/export.json", f.thread),
            format!("/t/{}/report", f.thread)
        ]
    );
}

/// Inserts `n` published replies of about 500 characters into `thread`, by `authors` in turn,
/// with kinds, straight into the database.
pub fn insert_replies(app: &TestApp, thread: i64, n: usize, authors: &[&str]) {
    const KINDS: [&str; 5] = ["proposal", "objection", "question", "evidence", "comment"];
    for chunk_start in (0..n).step_by(250) {
        let values: Vec<String> = (chunk_start..(chunk_start + 250).min(n))
            .map(|i| {
                let body = crate::site::post_body(i).replace('\'', "''");
                format!(
                    "({thread}, (SELECT id FROM users WHERE username = '{}'), '{body}', \
                     '<p>{body}</p>', 'published', CURRENT_TIMESTAMP, {}, '{}')",
                    authors[i % authors.len()],
                    i + 2,
                    KINDS[i % KINDS.len()]
                )
            })
            .collect();
        app.sql(&format!(
            "INSERT INTO posts (thread_id, author_id, body_source, body_html, status, created_at, \
             number, kind) VALUES {}",
            values.join(", ")
        ));
    }
    app.sql(&format!(
        "UPDATE threads SET posts_numbered = {}, reply_count = {n} WHERE id = {thread}",
        n + 1
    ));
    tertulia::db::note_content_changed(&mut app.direct()).unwrap();
}

#[tokio::test]
async fn the_report_of_500_contributions_stays_under_150_kb_compressed() {
    let app = spawn_app().await;
    let ana = app.browser_as("ana", Role::Member).await;
    app.make_user("luis", Role::Member).await;
    let thread = ana
        .new_thread("educacion", "Consulta larga", &crate::site::post_body(0))
        .await;
    app.sql(
        "UPDATE users SET stakeholder = 'civil_society', organization = 'Fundación Ejemplo', \
         affiliation_verified_at = CURRENT_TIMESTAMP WHERE username = 'luis'",
    );
    insert_replies(&app, thread, 500, &["ana", "luis"]);
    let raw = reqwest::Client::builder()
        .no_gzip()
        .no_brotli()
        .build()
        .unwrap();
    for encoding in ["gzip", "br"] {
        let res = raw
            .get(format!("{}/t/{thread}/report", app.address))
            .header("accept-encoding", encoding)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-encoding"], encoding);
        let size = res.bytes().await.unwrap().len();
        eprintln!("report of 500 contributions, {encoding}: {size} B");
        assert!(size < 150 * 1024, "{encoding}: {size} B");
    }
    let (_, doc) = app.get_html(&format!("/t/{thread}/report")).await;
    let sel = scraper::Selector::parse(".report-posts > li").unwrap();
    assert_eq!(doc.select(&sel).count(), 500);
}

/// Exports of 10,000 posts come whole (every post, once, in order) from a stream of pages.
/// Timings and the process's peak memory are printed (`--nocapture`; best in release), not
/// asserted.
#[tokio::test]
async fn exports_of_ten_thousand_posts_hold_every_post_once() {
    let app = spawn_app().await;
    let ana = app.browser_as("ana", Role::Member).await;
    let n = 10_000usize;
    let thread = ana
        .new_thread("educacion", "Export de 10.000", "Pregunta")
        .await;
    insert_replies(&app, thread, n, &["ana"]);
    for ext in ["csv", "json"] {
        let started = std::time::Instant::now();
        let res = app.get(&format!("/t/{thread}/export.{ext}")).await;
        assert_eq!(res.status(), 200);
        let bytes = res.bytes().await.unwrap();
        let took = started.elapsed();
        let ids: Vec<i64> = if ext == "csv" {
            let text = std::str::from_utf8(&bytes)
                .unwrap()
                .trim_start_matches('\u{feff}');
            csv::Reader::from_reader(text.as_bytes())
                .records()
                .map(|r| r.unwrap()[0].parse().unwrap())
                .collect()
        } else {
            let doc: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
            doc["posts"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["post_id"].as_i64().unwrap())
                .collect()
        };
        assert_eq!(ids.len(), n + 1, "{ext}: the question and every reply");
        assert!(
            ids.windows(2).all(|w| w[0] < w[1]),
            "{ext}: once each, in order"
        );
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        let peak = status
            .lines()
            .find(|l| l.starts_with("VmHWM"))
            .unwrap_or("VmHWM: ?")
            .to_string();
        eprintln!(
            "{n} posts, {ext}: {} bytes in {took:?}; process {peak}",
            bytes.len()
        );
    }
}
