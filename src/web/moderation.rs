//! The moderators' queue and their decisions on posts, threads, members, appeals and
//! earlier versions; a refused decision comes back as its own form.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::auth::FormPage;
use super::csrf::CsrfForm;
use super::forms::{Field, FormView};
use super::render::{self, redirect_with_flash};
use super::session::Viewer;
use super::AppState;
use crate::domain::Locale;
use crate::error::AppError;
use crate::services::admin::{self, RuleView};
use crate::services::auth::Member;
use crate::services::boards;
use crate::services::moderation::{self, AppealView, PostAction, QueueItem, ThreadAction};

/// The member behind a moderation request; visitors and members without powers get 403.
fn moderator(viewer: &Viewer) -> Result<&Member, AppError> {
    viewer
        .member
        .as_ref()
        .filter(|m| m.powers.any())
        .ok_or(AppError::Forbidden)
}

#[derive(Serialize)]
struct QueuePage {
    items: Vec<QueueItem>,
    appeals: Vec<AppealView>,
    rules: Vec<RuleView>,
    error: Option<String>,
}

async fn show_queue(
    req: &HttpRequest,
    state: &AppState,
    member: &Member,
    locale: Locale,
    status: StatusCode,
    error: Option<String>,
) -> Result<HttpResponse, AppError> {
    let (items, appeals) = moderation::queue(&state.pool, member, locale).await?;
    let rules = admin::rules(&state.pool, locale).await?;
    let title = render::text(req, "mod-title");
    render::page(
        req,
        status,
        "pages/mod/queue",
        &title,
        &QueuePage {
            items,
            appeals,
            rules,
            error,
        },
    )
}

/// `GET /mod`
pub async fn queue(
    req: HttpRequest,
    state: web::Data<AppState>,
    viewer: Viewer,
    locale: Locale,
) -> Result<HttpResponse, AppError> {
    let member = moderator(&viewer)?;
    show_queue(&req, &state, member, locale, StatusCode::OK, None).await
}

/// The fields of every decision form.
#[derive(Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    rule: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    board: String,
    #[serde(default)]
    until: String,
}

impl DecisionForm {
    fn rule(&self) -> Result<Option<i32>, AppError> {
        match self.rule.trim() {
            "" => Ok(None),
            n => n
                .parse()
                .map(Some)
                .map_err(|_| AppError::field("rule", "rule-unknown")),
        }
    }
}

/// One decision: the action's URL, what was typed, and which fields its form has.
struct Decision<'a> {
    action: String,
    form: &'a DecisionForm,
    fields: Vec<Field>,
    /// Where the moderator came from, to go back to.
    back: String,
}

const RULE_FIELD: Field = Field {
    name: "rule",
    kind: "select",
    label: "mod-rule",
    hint: None,
    autocomplete: "off",
};
const REASON_FIELD: Field = Field {
    name: "reason",
    kind: "text",
    label: "mod-reason",
    hint: None,
    autocomplete: "off",
};
const UNTIL_FIELD: Field = Field {
    name: "until",
    kind: "date",
    label: "mod-until",
    hint: None,
    autocomplete: "off",
};
const BOARD_FIELD: Field = Field {
    name: "board",
    kind: "select",
    label: "mod-move-to",
    hint: None,
    autocomplete: "off",
};

impl<'a> Decision<'a> {
    fn new(action: String, form: &'a DecisionForm, back: String) -> Self {
        Self {
            action,
            form,
            fields: Vec::new(),
            back,
        }
    }

    fn with(mut self, field: Field) -> Self {
        self.fields.push(field);
        self
    }
}

/// Shows a refused decision again as its own form (422): what was typed kept, each message by
/// its field. An already-decided case shows the queue with the message (409); other errors
/// pass on.
async fn refused(
    req: &HttpRequest,
    state: &AppState,
    member: &Member,
    locale: Locale,
    decision: Decision<'_>,
    error: AppError,
) -> Result<HttpResponse, AppError> {
    match error {
        AppError::Validation(errors) => {
            let f = decision.form;
            let mut fields = decision.fields;
            fields.push(REASON_FIELD);
            let mut form = FormView::new(locale, decision.action, "mod-decide-again", &fields)
                .values(&[("reason", &f.reason), ("until", &f.until)])
                .optional("reason")
                .optional("until");
            if fields.iter().any(|x| x.name == "rule") {
                let rules = admin::rules(&state.pool, locale).await?;
                let labels: Vec<(String, String)> = rules
                    .iter()
                    .map(|r| (r.number.to_string(), format!("{}. {}", r.number, r.title)))
                    .collect();
                form = form
                    .literal_choices("rule", &labels, f.rule.trim())
                    .placeholder("rule", "mod-rule-none");
            }
            if fields.iter().any(|x| x.name == "board") {
                let all = boards::list_index(&state.pool, locale).await?;
                let labels: Vec<(String, String)> =
                    all.into_iter().map(|b| (b.slug, b.name)).collect();
                form = form.literal_choices("board", &labels, f.board.trim());
            }
            FormPage::show(
                req,
                StatusCode::UNPROCESSABLE_ENTITY,
                "mod-decision-title",
                Some("mod-decision-intro"),
                form.errors(&errors),
                &[(&decision.back, "edit-back")],
            )
        }
        AppError::Conflict => {
            show_queue(
                req,
                state,
                member,
                locale,
                StatusCode::CONFLICT,
                Some(render::text(req, "mod-already-decided")),
            )
            .await
        }
        other => Err(other),
    }
}

/// After a decision: back to `to` with a message (waking the mail worker), or the refusal.
async fn decided(
    req: &HttpRequest,
    state: &AppState,
    member: &Member,
    locale: Locale,
    result: Result<i64, AppError>,
    decision: Decision<'_>,
    to: &str,
) -> Result<HttpResponse, AppError> {
    match result {
        Ok(_) => {
            state.mail_wakeup.notify_one();
            Ok(redirect_with_flash(to, "flash-mod-done"))
        }
        Err(e) => refused(req, state, member, locale, decision, e).await,
    }
}

/// Where a decision form was sent from (its page, on this site), else `fallback`.
fn came_from(req: &HttpRequest, fallback: &str) -> String {
    req.headers()
        .get(actix_web::http::header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| url::Url::parse(r).ok())
        .filter(|u| {
            let host = req.connection_info().host().to_string();
            u.host_str().map(|h| match u.port() {
                Some(p) => format!("{h}:{p}"),
                None => h.to_string(),
            }) == Some(host)
        })
        .map(|u| match u.query() {
            Some(q) => format!("{}?{q}", u.path()),
            None => u.path().to_string(),
        })
        .unwrap_or_else(|| fallback.to_string())
}

/// `POST /mod/posts/{id}/{action}`
pub async fn post_action(
    req: HttpRequest,
    state: web::Data<AppState>,
    viewer: Viewer,
    locale: Locale,
    path: web::Path<(i64, String)>,
    CsrfForm(f): CsrfForm<DecisionForm>,
) -> Result<HttpResponse, AppError> {
    let member = moderator(&viewer)?;
    let (id, name) = path.into_inner();
    let action = PostAction::parse(&name).ok_or(AppError::NotFound)?;
    let mut decision = Decision::new(
        format!("/mod/posts/{id}/{name}"),
        &f,
        came_from(&req, "/mod"),
    );
    if matches!(action, PostAction::Reject | PostAction::Hide) {
        decision = decision.with(RULE_FIELD);
    }
    let result = match f.rule() {
        Ok(rule) => {
            let reason = f.reason.clone();
            moderation::act_on_post(&state.pool, member, id, action, rule, reason).await
        }
        Err(e) => Err(e),
    };
    decided(&req, &state, member, locale, result, decision, "/mod").await
}

/// `POST /mod/threads/{id}/{action}`
pub async fn thread_action(
    req: HttpRequest,
    state: web::Data<AppState>,
    viewer: Viewer,
    locale: Locale,
    path: web::Path<(i64, String)>,
    CsrfForm(f): CsrfForm<DecisionForm>,
) -> Result<HttpResponse, AppError> {
    let member = moderator(&viewer)?;
    let (id, name) = path.into_inner();
    let action = match name.as_str() {
        "lock" => ThreadAction::Lock,
        "unlock" => ThreadAction::Unlock,
        "pin" => ThreadAction::Pin,
        "unpin" => ThreadAction::Unpin,
        "move" => ThreadAction::Move(f.board.clone()),
        _ => return Err(AppError::NotFound),
    };
    let back = format!("/t/{id}");
    let mut decision = Decision::new(format!("/mod/threads/{id}/{name}"), &f, back.clone());
    if name == "move" {
        decision = decision.with(BOARD_FIELD);
    }
    let reason = f.reason.clone();
    let result = moderation::act_on_thread(&state.pool, member, id, action, reason).await;
    decided(&req, &state, member, locale, result, decision, &back).await
}

/// `POST /mod/users/{id}/{suspend|unsuspend|ban}`
pub async fn user_action(
    req: HttpRequest,
    state: web::Data<AppState>,
    viewer: Viewer,
    locale: Locale,
    path: web::Path<(i64, String)>,
    CsrfForm(f): CsrfForm<DecisionForm>,
) -> Result<HttpResponse, AppError> {
    let member = moderator(&viewer)?;
    let (id, name) = path.into_inner();
    let back = came_from(&req, "/mod");
    let mut decision = Decision::new(format!("/mod/users/{id}/{name}"), &f, back.clone());
    let reason = f.reason.clone();
    let result = match name.as_str() {
        "unsuspend" => moderation::unsuspend(&state.pool, member, id, reason).await,
        "suspend" | "ban" => {
            decision = decision.with(RULE_FIELD);
            let how = if name == "ban" {
                Ok(moderation::Exclusion::Ban)
            } else {
                decision = decision.with(UNTIL_FIELD);
                match f.until.trim() {
                    "" => Ok(None),
                    d => NaiveDate::parse_from_str(d, "%Y-%m-%d")
                        .map(Some)
                        .map_err(|_| AppError::field("until", "until-invalid")),
                }
                .map(|until| moderation::Exclusion::Suspension { until })
            };
            match (f.rule(), how) {
                (Ok(rule), Ok(how)) => {
                    moderation::exclude(&state.pool, &state.settings, member, id, rule, reason, how)
                        .await
                }
                (Err(e), _) | (_, Err(e)) => Err(e),
            }
        }
        _ => return Err(AppError::NotFound),
    };
    decided(&req, &state, member, locale, result, decision, &back).await
}

/// `POST /mod/revisions/{id}/purge`: removes an earlier version that exposes personal data.
pub async fn purge_revision(
    req: HttpRequest,
    state: web::Data<AppState>,
    viewer: Viewer,
    locale: Locale,
    id: web::Path<i64>,
    CsrfForm(f): CsrfForm<DecisionForm>,
) -> Result<HttpResponse, AppError> {
    let member = moderator(&viewer)?;
    let id = id.into_inner();
    let back = came_from(&req, "/mod");
    let decision = Decision::new(format!("/mod/revisions/{id}/purge"), &f, back);
    let result = moderation::purge_revision(&state.pool, member, id, f.reason.clone()).await;
    let to = match &result {
        Ok(post) => format!("/p/{post}/history"),
        Err(_) => "/mod".to_string(),
    };
    decided(&req, &state, member, locale, result, decision, &to).await
}

/// `POST /mod/appeals/{id}/{uphold|overturn}`
pub async fn appeal_decision(
    req: HttpRequest,
    state: web::Data<AppState>,
    viewer: Viewer,
    locale: Locale,
    path: web::Path<(i64, String)>,
    CsrfForm(f): CsrfForm<DecisionForm>,
) -> Result<HttpResponse, AppError> {
    let member = moderator(&viewer)?;
    let (id, name) = path.into_inner();
    let overturn = match name.as_str() {
        "uphold" => false,
        "overturn" => true,
        _ => return Err(AppError::NotFound),
    };
    let decision = Decision::new(format!("/mod/appeals/{id}/{name}"), &f, "/mod".into());
    let reason = f.reason.clone();
    let result = moderation::decide_appeal(&state.pool, member, id, overturn, reason).await;
    decided(&req, &state, member, locale, result, decision, "/mod").await
}
