//! The `tertulia` command: serve the forum, apply migrations, and the operators' tools.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use tertulia::config::Settings;
use tertulia::domain::digest::Frequency;
use tertulia::domain::Role;
use tertulia::{services, startup, telemetry};

/// Tertulia: a discussion forum for civic communities.
#[derive(Debug, Parser)]
#[command(name = "tertulia", version, about)]
struct Cli {
    /// A TOML configuration file (see config/production.example.toml).
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Apply migrations, seed the default boards if there are none, and serve (the default).
    Serve {
        /// The address to listen on, e.g. 127.0.0.1:8080 (overrides server.bind).
        #[arg(long, value_name = "ADDR")]
        bind: Option<String>,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// Manage accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Email digests.
    Digest {
        #[command(subcommand)]
        command: DigestCommand,
    },
    /// Demo and benchmark content.
    Seed {
        #[command(subcommand)]
        command: SeedCommand,
    },
    /// The outgoing mail queue.
    Outbox {
        #[command(subcommand)]
        command: OutboxCommand,
    },
    /// Apply the [retention] periods once and print what was removed (serve does it hourly).
    Housekeeping,
    /// Reply by email (needs mail.reply_to).
    Mail {
        #[command(subcommand)]
        command: MailCommand,
    },
}

#[derive(Debug, Subcommand)]
enum MailCommand {
    /// Handle one message (RFC 5322) read from standard input, as a mail server's pipe: exit 0
    /// when handled (posted, held, ignored or refused with an explanation), 67 when no
    /// recipient has a valid reply key, 75 when the database is unreachable (retry later).
    Receive,
    /// One pass over the IMAP mailbox of mail.imap_url: every unseen message is handled and
    /// marked seen (one the database could not take stays unseen). Exit 1 when the server
    /// cannot be reached or refuses the login, 2 when mail.imap_url is not set.
    Fetch,
}

#[derive(Debug, Subcommand)]
enum UserCommand {
    /// Create an account with a verified email; the password is read from standard input.
    Create {
        #[arg(long)]
        username: String,
        #[arg(long)]
        email: String,
        /// member, moderator or admin.
        #[arg(long, default_value = "member")]
        role: Role,
    },
}

#[derive(Debug, Subcommand)]
enum DigestCommand {
    /// Build and queue the digests due at --now (default: now); running it again queues nothing twice.
    Run {
        /// daily (the previous day) or weekly (the previous ISO week), in the site's time zone.
        #[arg(long)]
        frequency: Frequency,
        /// The moment to run as, e.g. 2026-11-28T07:00:00-06:00.
        #[arg(long, value_name = "RFC3339", value_parser = parse_rfc3339)]
        now: Option<chrono::DateTime<chrono::Utc>>,
    },
}

fn parse_rfc3339(raw: &str) -> Result<chrono::DateTime<chrono::Utc>, String> {
    chrono::DateTime::parse_from_rfc3339(raw)
        .map(|t| t.to_utc())
        .map_err(|e| format!("not an RFC 3339 time like 2026-11-28T07:00:00-06:00 ({e})"))
}

#[derive(Debug, Subcommand)]
enum SeedCommand {
    /// Fill the database with realistic demo members, threads and posts (Spanish and English).
    Demo {
        #[arg(long, default_value_t = 200)]
        threads: usize,
        #[arg(long, default_value_t = 2_000)]
        posts: usize,
        #[arg(long, default_value_t = 100)]
        members: usize,
        /// Email-only digest subscribers, each to two boards.
        #[arg(long, default_value_t = 0)]
        subscribers: usize,
        /// The same seed makes the same content.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

#[derive(Debug, Subcommand)]
enum OutboxCommand {
    /// Deliver every queued message now and exit (non-zero if any failed for good).
    Send,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut settings = match Settings::load(cli.config.as_deref()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    telemetry::init();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("Cannot start the runtime: {e}.");
            return ExitCode::FAILURE;
        }
    };
    let command = cli.command.unwrap_or(Command::Serve { bind: None });
    // The mail commands speak to a mail server through their exit status.
    let command = match command {
        Command::Mail { command } => {
            let code = match command {
                MailCommand::Receive => runtime.block_on(receive_mail(settings)),
                MailCommand::Fetch => runtime.block_on(fetch_mail(settings)),
            };
            exit_now(i32::from(code))
        }
        other => other,
    };
    if let Command::Serve { bind: Some(addr) } = &command {
        match addr.parse() {
            Ok(a) => settings.server.bind = a,
            Err(_) => {
                eprintln!("The option --bind must be an address and port like 127.0.0.1:8080, not {addr:?}.");
                return ExitCode::from(2);
            }
        }
    }
    let outcome = runtime.block_on(async move {
        match command {
            Command::Serve { .. } => serve(settings).await,
            Command::Migrate => migrate(settings).await,
            Command::User {
                command:
                    UserCommand::Create {
                        username,
                        email,
                        role,
                    },
            } => create_user(settings, &username, &email, role).await,
            Command::Outbox {
                command: OutboxCommand::Send,
            } => send_outbox(settings).await,
            Command::Housekeeping => housekeeping(settings).await,
            Command::Mail { .. } => unreachable!("handled above, with its own exit codes"),
            Command::Digest {
                command: DigestCommand::Run { frequency, now },
            } => run_digest(settings, frequency, now).await,
            Command::Seed {
                command:
                    SeedCommand::Demo {
                        threads,
                        posts,
                        members,
                        subscribers,
                        seed,
                    },
            } => {
                seed_demo(
                    settings,
                    services::seed::DemoSize {
                        threads,
                        posts,
                        members,
                        subscribers,
                        seed,
                    },
                )
                .await
            }
        }
    });
    let code = match outcome {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("Error: {e:#}.");
            1
        }
    };
    exit_now(code)
}

/// Ends the process once the work is done and its connections are closed, without the C
/// library's exit handlers: OpenSSL (linked in for PostgreSQL) freed its state in them while
/// a pool thread was still winding down, and about one command in fourteen crashed after
/// finishing (exit 139, output already printed).
fn exit_now(code: i32) -> ! {
    use std::io::Write;
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    // SAFETY: _exit only ends the process; everything that must reach the outside (output,
    // database transactions, closed connections) already has.
    unsafe { libc::_exit(code) }
}

async fn serve(settings: Settings) -> anyhow::Result<()> {
    let app = startup::Application::build(settings.clone()).await?;
    println!(
        "Tertulia listening on http://{}:{}",
        settings.server.bind.ip(),
        app.port()
    );
    app.run_until_stopped().await?;
    Ok(())
}

async fn migrate(settings: Settings) -> anyhow::Result<()> {
    let pool = startup::open_pool(&settings)?;
    let applied = startup::migrate(&pool).await?;
    println!("{applied} migration(s) applied; the database is up to date.");
    Ok(())
}

async fn create_user(
    settings: Settings,
    username: &str,
    email: &str,
    role: Role,
) -> anyhow::Result<()> {
    let mut password = String::new();
    std::io::stdin()
        .read_line(&mut password)
        .map_err(|e| anyhow::anyhow!("cannot read the password from standard input: {e}"))?;
    let password = password.trim_end_matches(['\r', '\n']);
    let pool = startup::open_pool(&settings)?;
    startup::migrate(&pool).await?;
    let locale = settings.site.default_locale;
    let id = services::users::create(&pool, username, email, role, password, locale).await?;
    println!("Created {role} {username} (id {id}).");
    Ok(())
}

async fn send_outbox(settings: Settings) -> anyhow::Result<()> {
    let pool = startup::open_pool(&settings)?;
    startup::migrate(&pool).await?;
    let worker = startup::outbox_worker(&pool, &settings)?;
    let report = worker.deliver_due(true).await?;
    println!(
        "{} sent, {} to retry later, {} failed for good.",
        report.sent, report.retried, report.failed
    );
    if report.failed > 0 {
        anyhow::bail!("{} message(s) could not be delivered", report.failed);
    }
    Ok(())
}

async fn housekeeping(settings: Settings) -> anyhow::Result<()> {
    let pool = startup::open_pool(&settings)?;
    startup::migrate(&pool).await?;
    let now = chrono::Utc::now().naive_utc();
    let removed = services::site::housekeeping(&pool, &settings.retention, now).await?;
    println!("Housekeeping: {removed}.");
    Ok(())
}

/// `mail receive`: its exit status is the mail server's instruction (sysexits.h): 0 done,
/// 67 bounce (no such address), 75 keep the message and retry later.
async fn receive_mail(settings: Settings) -> u8 {
    const TEMPFAIL: u8 = 75;
    if settings.mail.reply_to.is_none() {
        eprintln!("Reply by email is off: set mail.reply_to.");
        return 67;
    }
    // Past the limit only the headers are read (to tell the member); the rest is drained so
    // the mail server's write into the pipe does not fail and count as a delivery error.
    let limit = tertulia::email::inbound::InboundConfig::DEFAULT_MAX_BYTES as u64 + 1;
    let mut raw = Vec::new();
    let mut stdin = std::io::stdin().lock();
    let read = std::io::Read::read_to_end(&mut std::io::Read::take(&mut stdin, limit), &mut raw)
        .and_then(|_| std::io::copy(&mut stdin, &mut std::io::sink()));
    if let Err(e) = read {
        eprintln!("Cannot read the message from standard input: {e}.");
        return TEMPFAIL;
    }
    let (pool, secret) = match open_database(&settings).await {
        Ok(ready) => ready,
        Err(e) => {
            eprintln!("The database cannot be reached; the mail server should retry: {e:#}.");
            return TEMPFAIL;
        }
    };
    match services::replies_by_email::receive(&pool, &settings, &secret, raw).await {
        Ok(outcome) => {
            println!("{outcome}");
            outcome.exit_code()
        }
        Err(e) => {
            eprintln!("The message was not handled; the mail server should retry: {e}.");
            TEMPFAIL
        }
    }
}

/// The pool, migrated, and the site secret: what handling a reply email needs.
async fn open_database(settings: &Settings) -> anyhow::Result<(tertulia::db::Pool, String)> {
    let pool = startup::open_pool(settings)?;
    let secret = startup::prepare_database(&pool, settings).await?;
    Ok((pool, secret))
}

async fn fetch_mail(settings: Settings) -> u8 {
    if settings.mail.imap_url.is_none() {
        eprintln!("Reading replies over IMAP is off: set mail.imap_url.");
        return 2;
    }
    let (pool, secret) = match open_database(&settings).await {
        Ok(ready) => ready,
        Err(e) => {
            eprintln!("The database cannot be reached; no message was read: {e:#}.");
            return 1;
        }
    };
    match services::reply_mailbox::fetch_once(&pool, &settings, &secret).await {
        Ok(report) => {
            println!(
                "{} message(s) handled, {} left unseen for the next pass.",
                report.handled, report.left
            );
            if let Some(e) = report.first_error {
                eprintln!("A message could not be handled and stays unseen: {e}.");
            }
            0
        }
        Err(e) => {
            eprintln!("Error: {e}.");
            1
        }
    }
}

async fn seed_demo(settings: Settings, size: services::seed::DemoSize) -> anyhow::Result<()> {
    let pool = startup::open_pool(&settings)?;
    startup::migrate(&pool).await?;
    pool.run(|c| -> anyhow::Result<()> {
        services::boards::seed_defaults(c)?;
        Ok(())
    })
    .await?;
    let report = services::seed::demo(&pool, size).await?;
    println!(
        "Seeded {} members, {} subscribers, {} threads and {} posts in {:.1} s ({:.0} posts/s). Demo password: {:?}.",
        report.members,
        report.subscribers,
        report.threads,
        report.posts,
        report.seconds,
        report.posts as f64 / report.seconds.max(0.001),
        services::seed::DEMO_PASSWORD
    );
    Ok(())
}

async fn run_digest(
    settings: Settings,
    frequency: Frequency,
    now: Option<chrono::DateTime<chrono::Utc>>,
) -> anyhow::Result<()> {
    let pool = startup::open_pool(&settings)?;
    let secret = startup::prepare_database(&pool, &settings).await?;
    let ctx = startup::digest_context(&settings, &secret);
    let now = now.unwrap_or_else(chrono::Utc::now);
    let report = services::digests::run(&pool, &ctx, frequency, now).await?;
    println!(
        "{} digest for {}: {} recipient(s), {} queued now.",
        frequency, report.period, report.recipients, report.queued
    );
    Ok(())
}
