//! `upskill`: the command line over upskill-core, for scripts, schedules and support.
//!
//! Exit codes: 0 success, 1 a user error (bad input, unusable database) with the reason on
//! stderr, 2 a usage error (clap's own).

mod audit;
mod backup;
mod compliance;
mod docs;
mod export;
mod import;
mod mappings;
mod pack;
mod people;
mod report;
mod targets;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use upskill_core::db;
use upskill_core::{demo, stats, Error};

#[derive(Parser)]
#[command(
    name = "upskill",
    version = upskill_core::VERSION_LINE,
    about = "Upskill: who in the organisation has been trained in AI, and who has been left behind",
    long_about = "Upskill keeps a local SQLite record of employees, AI training programs and \
completions. This command line works on the same database as the desktop app.\n\n\
The database is --db PATH, else $UPSKILL_DB, else upskill.db in the app-data directory \
(on Linux ~/.local/share/dev.upskill.desktop/upskill.db)."
)]
struct Cli {
    /// The database file (default: $UPSKILL_DB, else the desktop app's database).
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,

    /// Logs one line per command on stderr: its name, duration and outcome (an error as its
    /// chain of kinds and codes). Never names, e-mails or birth years.
    #[arg(long, short = 'v', global = true)]
    verbose: bool,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Runs SQLite's integrity and foreign-key checks and compares the coverage data derived
    /// from the completions with them; prints "ok" or every problem.
    Check {
        /// Recompute derived coverage data that does not match the completions (the records
        /// themselves are never changed).
        #[arg(long)]
        repair: bool,
    },
    /// Prints the number of employees (active and inactive), programs and completions.
    Stats,
    /// Fills an EMPTY database with a realistic, deterministic demo organisation whose AI
    /// training coverage by generation follows the survey (Millennials ≈47%, Gen Z ≈40%,
    /// Baby Boomers ≈22%). Refuses a database that already holds records.
    Demo {
        /// How many employees (20 to 2,000,000).
        #[arg(long, default_value_t = demo::DEFAULT_EMPLOYEES)]
        employees: u32,
        /// The seed: the same seed gives the same organisation.
        #[arg(long, default_value_t = demo::DEFAULT_SEED)]
        seed: u64,
    },
    /// Imports a CSV file of employees, programs or completions: checked first, all or nothing.
    #[command(long_about = import::LONG_ABOUT)]
    Import(import::ImportArgs),
    /// Writes a table (employees, programs or completions) to a CSV file in the import format.
    #[command(long_about = export::LONG_ABOUT)]
    Export(export::ExportArgs),
    /// Writes a consistent, verified backup of the database to FILE (safe while the app runs).
    #[command(long_about = backup::BACKUP_ABOUT)]
    Backup(backup::BackupArgs),
    /// Replaces the database with a checked backup, keeping the current one in backups/.
    #[command(long_about = backup::RESTORE_ABOUT)]
    Restore(backup::RestoreArgs),
    /// Coverage reports and the gap finder: who has been reached by AI training, by
    /// generation, age band, role, department, location and skill area.
    Report {
        #[command(subcommand)]
        command: Box<report::ReportCommand>,
    },
    /// The people behind a coverage figure: everyone the report counts under the same
    /// filters, with whether it counts them as trained.
    #[command(long_about = people::LONG_ABOUT)]
    People(people::PeopleArgs),
    /// The import mappings saved in the database (list, show, delete).
    Mappings {
        #[command(subcommand)]
        command: mappings::MappingsCommand,
    },
    /// Required training: the action list of who must complete what (see also
    /// `upskill report compliance`).
    Compliance {
        #[command(subcommand)]
        command: compliance::ComplianceCommand,
    },
    /// Required training: list, add and retire requirements.
    Requirements {
        #[command(subcommand)]
        command: compliance::RequirementsCommand,
    },
    /// Exemptions from required training: list, add and delete.
    Exemptions {
        #[command(subcommand)]
        command: compliance::ExemptionsCommand,
    },
    /// The audit trail: every change to the record, who made it and from where
    /// (`upskill audit verify` checks that nobody edited it outside Upskill).
    Audit(audit::AuditArgs),
    /// Coverage and divide targets: list, add and delete (see also `upskill report targets`).
    Targets {
        #[command(subcommand)]
        command: targets::TargetsCommand,
    },
    /// Writes the man pages (DIR/man) and the bash, zsh and fish completions
    /// (DIR/completions) generated from this command's definition; used to build the packages.
    #[command(hide = true)]
    GenerateDocs {
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
    /// Team-lead packs: team-report.pdf and actions.csv for a manager (--manager ID) or for
    /// every manager with at least k people below them (--all-managers).
    #[command(long_about = pack::PACK_ABOUT)]
    Pack(pack::PackArgs),
    /// The AI-literacy evidence pack: reports, catalog, requirements, register, changes,
    /// README and a SHA-256 manifest, in a new folder.
    #[command(long_about = pack::EVIDENCE_ABOUT)]
    Evidence(pack::EvidenceArgs),
}

fn main() -> ExitCode {
    let matches = Cli::command().get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let verbose = cli.verbose.then(|| {
        tracing_subscriber::fmt()
            .with_writer(std::io::stderr)
            .with_max_level(tracing::Level::INFO)
            .with_target(false)
            // Plain text: the line is meant to be pasted into a support request.
            .with_ansi(false)
            .init();
        (command_name(&matches), std::time::Instant::now())
    });
    let result = run(cli);
    if let Some((name, started)) = verbose {
        let ms = started.elapsed().as_millis();
        match &result {
            // A refused import or a failed check reports itself and exits non-zero.
            Ok(code) if *code == ExitCode::SUCCESS => {
                tracing::info!(command = %name, ms, outcome = "ok")
            }
            Ok(_) => tracing::warn!(command = %name, ms, outcome = "refused"),
            Err(err) => tracing::warn!(
                command = %name,
                ms,
                outcome = ?err.kind(),
                chain = %err.trace_chain()
            ),
        }
    }
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("upskill: {err}");
            ExitCode::from(1)
        }
    }
}

/// The subcommand's path, e.g. "report coverage", for the log.
fn command_name(matches: &clap::ArgMatches) -> String {
    let mut names = Vec::new();
    let mut at = matches;
    while let Some((name, sub)) = at.subcommand() {
        names.push(name);
        at = sub;
    }
    names.join(" ")
}

fn run(cli: Cli) -> Result<ExitCode, Error> {
    // Needs no database: answered before one is looked for.
    if let Command::GenerateDocs { dir } = &cli.command {
        for file in docs::write(dir, Cli::command())? {
            println!("{}", file.display());
        }
        return Ok(ExitCode::SUCCESS);
    }
    let path = db::resolve_path(cli.db, std::env::var(db::DB_ENV).ok())?;
    backup::warn_location(&path);
    match cli.command {
        Command::Backup(args) => backup::backup(&path, args),
        Command::Restore(args) => backup::restore(&path, args),
        Command::Import(args) => import::run(&path, args),
        Command::Export(args) => export::run(&path, args),
        Command::Report { command } => report::run(&path, *command),
        Command::People(args) => people::run(&path, args),
        Command::Mappings { command } => mappings::run(&path, command),
        Command::Compliance { command } => compliance::run(&path, command),
        Command::Requirements { command } => compliance::requirements_run(&path, command),
        Command::Exemptions { command } => compliance::exemptions_run(&path, command),
        Command::Targets { command } => targets::run(&path, command),
        Command::Pack(args) => pack::pack(&path, args),
        Command::Evidence(args) => pack::evidence(&path, args),
        Command::Audit(args) => audit::run(&path, args),
        Command::Check { repair } => {
            let mut db = backup::open_db(&path)?;
            if repair {
                let stale = stats::repair_derived(&mut db)?;
                if stale > 0 {
                    println!("repaired {stale} row(s) of derived coverage data");
                }
            }
            let problems = stats::integrity_problems(db.conn())?;
            if problems.is_empty() {
                println!("ok");
                Ok(ExitCode::SUCCESS)
            } else {
                eprintln!("{}: {} problem(s) found", path.display(), problems.len());
                for problem in problems {
                    println!("{problem}");
                }
                Ok(ExitCode::from(1))
            }
        }
        Command::Stats => {
            let db = backup::open_db(&path)?;
            let s = stats::stats(db.conn())?;
            println!("database     {}", path.display());
            println!(
                "employees    {} ({} active, {} inactive)",
                s.employees_active + s.employees_inactive,
                s.employees_active,
                s.employees_inactive
            );
            println!(
                "programs     {} ({} retired)",
                s.programs, s.programs_retired
            );
            println!("completions  {}", s.completions);
            Ok(ExitCode::SUCCESS)
        }
        Command::Demo { employees, seed } => {
            let mut db = backup::open_db(&path)?;
            let today = chrono::Local::now().date_naive();
            let summary = demo::fill(&mut db, employees, seed, today)?;
            println!(
                "{}: demo organisation with {} employees, {} programs, {} completions",
                path.display(),
                summary.employees,
                summary.programs,
                summary.completions
            );
            Ok(ExitCode::SUCCESS)
        }
        // Answered at the top of `run`, before a database is looked for.
        Command::GenerateDocs { .. } => Ok(ExitCode::SUCCESS),
    }
}
