//! Building the application: pool, migrations, seed data, templates, routes, server.

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::Server;
use actix_web::middleware::{from_fn, Compress, ErrorHandlers};
use actix_web::web::{FormConfig, PayloadConfig, QueryConfig};
use actix_web::{App, HttpServer};
use anyhow::Context;
use tokio::sync::Notify;

use crate::config::Settings;
use crate::db::{self, Pool};
use crate::email::{EmailRenderer, Mailer, OutboxWorker};
use crate::services;
use crate::web::{self, middleware, session, AppState, AssetManifest, Renderer};

/// Opens the database pool, with the backend's own words on failure.
pub fn open_pool(settings: &Settings) -> anyhow::Result<Pool> {
    Pool::open(&settings.database.url).context("the database (database.url) cannot be opened")
}

/// Applies pending migrations; returns how many ran.
pub async fn migrate(pool: &Pool) -> anyhow::Result<usize> {
    pool.run(|c| db::exclusively_for_setup(c, db::run_migrations))
        .await
}

/// Migrations, default boards and rules when there are none, the shared secret: one instance
/// at a time (instances of one site may start at the same moment).
pub async fn prepare_database(pool: &Pool, settings: &Settings) -> anyhow::Result<String> {
    let started = std::time::Instant::now();
    loop {
        let configured = settings
            .secret
            .as_ref()
            .map(|s| secrecy::ExposeSecret::expose_secret(s).to_string());
        let prepared = pool
            .run(move |c| {
                db::exclusively_for_setup(c, |c| -> anyhow::Result<String> {
                    db::run_migrations(c)?;
                    services::boards::seed_defaults(c)?;
                    services::admin::seed_rules(c)?;
                    services::users::fill_skeletons(c)?;
                    match configured.clone() {
                        Some(secret) => Ok(secret),
                        None => Ok(services::site::ensure_secret(c)?),
                    }
                })
            })
            .await;
        match prepared {
            // The database may still be starting (or busy with another instance's set-up).
            Err(e)
                if matches!(e.downcast_ref(), Some(db::PoolError::Unavailable))
                    && started.elapsed() < SETUP_PATIENCE =>
            {
                tracing::warn!("the database does not answer yet; trying again");
                tokio::time::sleep(std::time::Duration::from_secs(1)).await;
            }
            other => return other,
        }
    }
}

/// How long start-up waits for the database to answer.
const SETUP_PATIENCE: std::time::Duration = std::time::Duration::from_secs(30);

/// Blocking threads per HTTP worker.
const BLOCKING_THREADS: usize = 8;

/// The largest request body accepted (a 50,000-character post, percent-encoded, fits).
const BODY_LIMIT: usize = 1 << 20;

/// The worker that delivers queued mail with the configured transport.
pub fn outbox_worker(pool: &Pool, settings: &Settings) -> anyhow::Result<OutboxWorker> {
    let mailer = Mailer::from_settings(&settings.mail)?;
    let renderer = Arc::new(EmailRenderer::new(
        settings.site.timezone,
        &settings.site.base_url,
    )?);
    Ok(OutboxWorker::new(
        pool.clone(),
        mailer,
        renderer,
        settings.mail.clone(),
        &settings.site.base_url,
    ))
}

/// What digest runs need: the signing secret, links, sender and time zone.
pub fn digest_context(settings: &Settings, secret: &str) -> services::digests::DigestContext {
    services::digests::DigestContext {
        secret: secret.to_string(),
        base_url: settings.site.base_url.clone(),
        from: settings.mail.from.clone(),
        timezone: settings.site.timezone,
    }
}

/// Hourly retention job: forgets what `[retention]` says is old.
async fn housekeeping(pool: Pool, retention: crate::config::RetentionSettings) {
    let mut every_hour = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        every_hour.tick().await;
        let now = chrono::Utc::now().naive_utc();
        match services::site::housekeeping(&pool, &retention, now).await {
            Ok(removed) => tracing::debug!(%removed, "housekeeping done"),
            Err(e) => tracing::error!(error = %e, "housekeeping failed"),
        }
    }
}

/// A bound, ready-to-run server.
pub struct Application {
    port: u16,
    server: Server,
    pool: Pool,
}

/// Whether a server runs its background jobs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Background {
    Run,
    Off,
}

impl Application {
    /// Prepares the database and binds `settings.server.bind` (port 0 picks a free one).
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let listener = TcpListener::bind(settings.server.bind)
            .with_context(|| format!("cannot listen on {} (server.bind)", settings.server.bind))?;
        Self::build_on(settings, listener).await
    }

    /// Prepares the database and serves on an already bound listener, with the background
    /// jobs (mail delivery, digests, watch batches, housekeeping) running.
    pub async fn build_on(settings: Settings, listener: TcpListener) -> anyhow::Result<Self> {
        Self::build_with(settings, listener, Background::Run).await
    }

    /// Like `build_on`; with `Background::Off` no job runs on its own (tests run them to
    /// completion when they choose, so what they count cannot change behind them).
    pub async fn build_with(
        settings: Settings,
        listener: TcpListener,
        background: Background,
    ) -> anyhow::Result<Self> {
        let pool = open_pool(&settings)?;
        let secret = prepare_database(&pool, &settings).await?;
        let assets = Arc::new(AssetManifest::build());
        let renderer = Renderer::new(settings.site.timezone, assets.clone())?;
        let port = listener.local_addr()?.port();
        let mail_wakeup = Arc::new(Notify::new());
        if background == Background::Run {
            let worker = outbox_worker(&pool, &settings)?;
            tokio::spawn(worker.run(mail_wakeup.clone()));
            tokio::spawn(housekeeping(pool.clone(), settings.retention.clone()));
            tokio::spawn(services::schedule::run(
                pool.clone(),
                digest_context(&settings, &secret),
                settings.digest.daily_at,
                settings.mail.watch_batch_seconds,
                services::replies_by_email::ReplyHeaders::new(&settings, &secret),
                mail_wakeup.clone(),
            ));
            if settings.mail.imap_url.is_some() {
                tokio::spawn(services::reply_mailbox::poll(
                    pool.clone(),
                    settings.clone(),
                    secret.clone(),
                ));
            }
        }
        tokio::task::spawn_blocking(services::passwords::warm_up);
        let state = actix_web::web::Data::new(AppState {
            pool: pool.clone(),
            settings: Arc::new(settings),
            renderer,
            assets,
            secret,
            mail_wakeup,
            cache: web::cache::PageCache::default(),
            searches: Default::default(),
            fragments: Default::default(),
        });
        let server = HttpServer::new(move || {
            App::new()
                .app_data(state.clone())
                .app_data(PayloadConfig::new(BODY_LIMIT))
                .app_data(FormConfig::default().limit(BODY_LIMIT))
                // An unparsable query (`?page=abc`, a page number past any) names no page.
                .app_data(
                    QueryConfig::default()
                        .error_handler(|_, _| crate::error::AppError::NotFound.into()),
                )
                .configure(web::routes)
                .wrap(ErrorHandlers::new().default_handler(web::errors::render_error_page))
                .wrap(from_fn(middleware::choose_locale))
                .wrap(from_fn(session::load_viewer))
                .wrap(Compress::default())
                .wrap(from_fn(web::cache::serve_cached))
                // Errors of the two middlewares above that reach the database (the cache's
                // version check, the session) become pages too.
                .wrap(ErrorHandlers::new().default_handler(web::errors::render_error_page))
                .wrap(from_fn(middleware::body_deadline))
                .wrap(from_fn(middleware::https_only))
                .wrap(middleware::security_headers())
                .wrap(from_fn(middleware::refuse_nul))
                .wrap(from_fn(middleware::head_as_get))
                .wrap(from_fn(middleware::log_request))
        })
        // Each worker's blocking pool serves database calls and Markdown rendering; more threads
        // than pooled connections only wait, and each keeps its own allocator arena.
        .worker_max_blocking_threads(BLOCKING_THREADS)
        // Compressed pages leave in several writes; with Nagle's algorithm on, the client's
        // delayed ACK held every such page back by 40 ms.
        .tcp_nodelay(true)
        .listen(listener)?
        .run();
        Ok(Self { port, server, pool })
    }

    /// The port actually bound.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The server's database pool (tests count its statements).
    pub fn pool(&self) -> Pool {
        self.pool.clone()
    }

    /// Serves until the process is told to stop.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}
