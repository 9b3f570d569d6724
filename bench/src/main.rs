//! `upskill-bench`: organisation-scale benchmarks of upskill against the sqlite3 shell.
//!
//!     upskill-bench gen --size M            # the CSV files of a seeded organisation
//!     upskill-bench run --size M            # every measurement; tables + JSON
//!     upskill-bench run --size S --smoke    # one run of everything, for `make test`
//!     upskill-bench queries --db PATH       # the desktop's queries on any bench database
//!     upskill-bench during-import --db PATH --size M   # reads and Cancel while an import writes
//!
//! scripts/bench.sh builds the binaries and runs this; see it for `make bench`.

mod compliance;
mod desktop;
mod during_import;
mod gen;
mod measure;
mod run;
mod sql;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "upskill-bench",
    about = "Organisation-scale benchmarks of upskill against the sqlite3 shell"
)]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Writes employees.csv, programs.csv, completions.csv (by employee) and
    /// completions-by-date.csv for a size into DIR/SIZE (kept if already there).
    Gen {
        #[arg(long, value_enum, ignore_case = true)]
        size: gen::Size,
        #[arg(long, default_value = ".build/bench")]
        dir: PathBuf,
        #[arg(long, default_value_t = gen::DEFAULT_SEED)]
        seed: u64,
    },
    /// Generates (if needed) and measures one size: imports, reports, desktop queries.
    Run {
        #[arg(long, value_enum, ignore_case = true)]
        size: gen::Size,
        /// Import runs (default 5; 3 for L).
        #[arg(long)]
        runs: Option<usize>,
        /// Report and query runs (default 11).
        #[arg(long)]
        query_runs: Option<usize>,
        #[arg(long, default_value = ".build/bench")]
        dir: PathBuf,
        #[arg(long, default_value_t = gen::DEFAULT_SEED)]
        seed: u64,
        /// The upskill binary to measure.
        #[arg(long, default_value = "target/release/upskill")]
        upskill: PathBuf,
        /// The sqlite3 shell of the baselines.
        #[arg(long, default_value = "sqlite3")]
        sqlite3: PathBuf,
        /// One run of everything; fails only if a step fails or gives no number.
        #[arg(long)]
        smoke: bool,
    },
    /// Imports one file through upskill_core in-process and prints the time of each phase
    /// (checking, writing, saving), for finding where an import spends its time.
    Phases {
        #[arg(long)]
        db: PathBuf,
        /// employees, programs or completions.
        kind: String,
        file: PathBuf,
    },
    /// A diagnostic: runs SQL statements through the bundled SQLite, timing each (to compare
    /// a statement with the sqlite3 shell on the same database).
    Sql {
        #[arg(long)]
        db: PathBuf,
        statements: Vec<String>,
    },
    /// Writes the bench's 20 requirements (and a few exemptions) into a database, replacing
    /// any there (the compliance benchmarks' setup; sql.rs: `requirements`).
    Requirements {
        #[arg(long)]
        db: PathBuf,
    },
    /// Step 4 of `run` alone: the desktop's reads while an import of new completions writes
    /// into a copy of DB (a bench database of SIZE), and Cancel.
    DuringImport {
        #[arg(long)]
        db: PathBuf,
        #[arg(long, value_enum, ignore_case = true)]
        size: gen::Size,
        #[arg(long, default_value = ".build/bench")]
        dir: PathBuf,
        /// Runs of each read with no import.
        #[arg(long, default_value_t = 11)]
        runs: usize,
        /// Cancelled imports at each point.
        #[arg(long, default_value_t = 3)]
        cancel_runs: usize,
    },
    /// Times the desktop's employee list and dashboard queries on a database.
    Queries {
        #[arg(long)]
        db: PathBuf,
        #[arg(long, default_value_t = 11)]
        runs: usize,
        /// Only the queries whose name contains this.
        #[arg(long, default_value = "")]
        only: String,
    },
}

fn main() -> ExitCode {
    match real_main() {
        Ok(code) => code,
        Err(err) => {
            eprintln!("upskill-bench: {err}");
            ExitCode::FAILURE
        }
    }
}

fn real_main() -> measure::Result<ExitCode> {
    match Cli::parse().command {
        Cmd::Gen { size, dir, seed } => {
            let m = gen::generate(&dir.join(size.name()), size, seed, false)?;
            println!("{}", serde_json::to_string_pretty(&m)?);
        }
        Cmd::Run {
            size,
            runs,
            query_runs,
            dir,
            seed,
            upskill,
            sqlite3,
            smoke,
        } => {
            let opts = run::Options {
                size,
                seed,
                runs: runs.unwrap_or(match (smoke, size) {
                    (true, _) => 1,
                    (false, gen::Size::L) => 3,
                    _ => 5,
                }),
                query_runs: query_runs.unwrap_or(if smoke { 1 } else { 11 }),
                dir: dir.clone(),
                upskill,
                sqlite3,
                smoke,
            };
            let results = run::run(&opts)?;
            let table = run::markdown(&results);
            println!("\n{table}");
            let suffix = if smoke { "-smoke" } else { "" };
            let json = dir.join(format!("results-{}{suffix}.json", size.name()));
            std::fs::write(&json, serde_json::to_string_pretty(&results)?)?;
            let md = dir.join(format!("results-{}{suffix}.md", size.name()));
            std::fs::write(&md, &table)?;
            eprintln!("wrote {} and {}", json.display(), md.display());
            if smoke && !run::all_measured(&results) {
                return Err("smoke: a step gave no number".into());
            }
            if !results.mismatches.is_empty() {
                return Err("the plain-SQL baselines disagree with upskill's reports".into());
            }
        }
        Cmd::Phases { db, kind, file } => phases(&db, &kind, &file)?,
        Cmd::Sql { db, statements } => {
            let conn = rusqlite::Connection::open(&db)?;
            for sql in statements {
                let (w0, c0) = (std::time::Instant::now(), cpu());
                // A query is stepped through every row (a GROUP BY does most of its work
                // while its rows are read); anything else runs as a batch.
                let mut rows = 0usize;
                match conn.prepare(&sql) {
                    Ok(mut stmt) if stmt.column_count() > 0 => {
                        let mut result = stmt.query([])?;
                        while result.next()?.is_some() {
                            rows += 1;
                        }
                    }
                    _ => conn.execute_batch(&sql)?,
                }
                let shown: String = sql.chars().take(80).collect();
                println!(
                    "{:>10.1?} {:>10.1?} {rows:>8} rows  {shown}",
                    w0.elapsed(),
                    cpu() - c0,
                );
            }
        }
        Cmd::Requirements { db } => {
            let conn = rusqlite::Connection::open(&db)?;
            conn.execute_batch(&sql::requirements().replace(".bail on\n", ""))?;
            let n: i64 = conn.query_row("SELECT count(*) FROM requirements", [], |r| r.get(0))?;
            println!("{n} requirements");
        }
        Cmd::DuringImport {
            db,
            size,
            dir,
            runs,
            cancel_runs,
        } => {
            let data = dir.join(size.name());
            let manifest = gen::generate(&data, size, gen::DEFAULT_SEED, false)?;
            let (file, rows) = gen::write_new_completions(&data, run::new_completions(&manifest))?;
            let work = data.join("db");
            std::fs::create_dir_all(&work)?;
            let measured =
                during_import::measure(&db, &work, &file, runs, cancel_runs, run::today())?;
            println!("{}", run::during_import_table(size, rows, &measured.rows));
            if !measured.changed.is_empty() {
                return Err(measured.changed.join("\n").into());
            }
        }
        Cmd::Queries { db, runs, only } => {
            for t in desktop::run_only(&db, runs, run::today(), &only)? {
                println!("{:<55} {}", t.name, t.stats.show());
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn cpu() -> std::time::Duration {
    // SAFETY: rusage is plain data that getrusage fills in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: a valid pointer to a rusage.
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    let tv = |t: libc::timeval| {
        std::time::Duration::from_secs(t.tv_sec as u64)
            + std::time::Duration::from_micros(t.tv_usec as u64)
    };
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

/// Wall and CPU time since a start.
#[derive(Clone, Copy)]
struct Mark {
    wall: std::time::Duration,
    cpu: std::time::Duration,
}

fn phases(db: &std::path::Path, kind: &str, file: &std::path::Path) -> measure::Result<()> {
    use upskill_core::import::{self, ImportKind, ImportOptions};
    let kind = match kind {
        "employees" => ImportKind::Employees,
        "programs" => ImportKind::Programs,
        _ => ImportKind::Completions,
    };
    let started = std::time::Instant::now();
    let cpu0 = cpu();
    let mark = || Mark {
        wall: started.elapsed(),
        cpu: cpu() - cpu0,
    };
    let mut marks: Vec<(String, Mark)> = vec![("start".into(), mark())];
    let mut db = upskill_core::db::Db::open(db)?;
    marks.push(("open (checks, migrations)".into(), mark()));
    let mut last_phase = None;
    let report = import::import_file(
        &mut db,
        kind,
        file,
        &ImportOptions::default(),
        run::today(),
        &mut |p| {
            if last_phase != Some(p.phase) {
                let name = match last_phase {
                    None => "before the first pass".to_string(),
                    Some(phase) => format!("{phase:?}"),
                };
                marks.push((name, mark()));
                last_phase = Some(p.phase);
            }
        },
        &import::Cancel::default(),
    )?;
    marks.push((
        last_phase.map_or("import".into(), |p| format!("{p:?} (and commit)")),
        mark(),
    ));
    drop(db);
    marks.push(("close (checkpoint)".into(), mark()));
    println!("{:<28} {:>10} {:>10}", "", "wall", "cpu");
    for w in marks.windows(2) {
        let (a, b) = (w[0].1, w[1].1);
        println!(
            "{:<28} {:>10.1?} {:>10.1?}",
            w[1].0,
            b.wall - a.wall,
            b.cpu - a.cpu
        );
    }
    let end = marks.last().map(|m| m.1).unwrap_or(Mark {
        wall: started.elapsed(),
        cpu: cpu() - cpu0,
    });
    println!(
        "{:<28} {:>10.1?} {:>10.1?}   {:?}, inserted {}",
        "total", end.wall, end.cpu, report.outcome, report.inserted
    );
    Ok(())
}
