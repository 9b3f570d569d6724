//! `upskill`: the command line over upskill-core, for scripts, schedules and support.
//!
//! Exit codes: 0 success, 1 a user error (bad input, unusable database) with the reason on
//! stderr, 2 a usage error (clap's own).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use upskill_core::db::{self, Db};
use upskill_core::{demo, stats, Error};

#[derive(Parser)]
#[command(
    name = "upskill",
    version,
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

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Runs SQLite's integrity and foreign-key checks; prints "ok" or every problem.
    Check,
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("upskill: {err}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, Error> {
    let path = db::resolve_path(cli.db, std::env::var(db::DB_ENV).ok())?;
    match cli.command {
        Command::Check => {
            let db = Db::open(&path)?;
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
            let db = Db::open(&path)?;
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
            let mut db = Db::open(&path)?;
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
    }
}
