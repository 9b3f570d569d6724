//! `upskill backup FILE` and `upskill restore FILE | --latest`, and how every command opens
//! the database: with the local time that names the automatic backup before a schema upgrade,
//! after a warning when the database is on a network share or in a sync folder.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDateTime;
use clap::Args;
use upskill_core::backup as core_backup;
use upskill_core::db::{Db, OpenOptions};
use upskill_core::{health, stats, Error};

pub const BACKUP_ABOUT: &str = "Writes a consistent, verified copy of the database to FILE, \
even while the desktop app is using it. The copy is taken with SQLite's online backup API, \
checked (integrity check and schema version) and only then renamed to FILE, so FILE is never \
a half-written backup; an existing FILE is replaced only by a complete one.\n\n\
Automatic backups are also taken before every schema upgrade, into backups/ beside the \
database; the newest 10 are kept.";

pub const RESTORE_ABOUT: &str = "Replaces the database with a backup. The backup is checked \
first (a whole SQLite database, integrity ok, an Upskill schema this version knows); nothing \
changes if it fails. The current database is kept in backups/ beside it (a damaged one byte \
for byte), then replaced. Close the desktop app first: a database in use is refused.";

#[derive(Args)]
pub struct BackupArgs {
    /// The backup file to write (its folder must exist).
    #[arg(value_name = "FILE")]
    file: PathBuf,
}

#[derive(Args)]
pub struct RestoreArgs {
    /// The backup to restore.
    #[arg(value_name = "FILE", required_unless_present = "latest")]
    file: Option<PathBuf>,
    /// Restore the newest automatic backup in backups/ that passes the checks.
    #[arg(long, conflicts_with = "file")]
    latest: bool,
}

/// The local time, which names backups.
fn now() -> NaiveDateTime {
    chrono::Local::now().naive_local()
}

/// Opens the database as every command does (see the module documentation).
pub fn open_db(path: &Path) -> Result<Db, Error> {
    let mut db = Db::open_with(
        path,
        &OpenOptions {
            now: Some(now()),
            ..OpenOptions::default()
        },
    )?;
    identify(&mut db);
    Ok(db)
}

/// Who runs this command, for the audit trail: the OS user, from the CLI.
pub fn actor() -> upskill_core::audit::Actor {
    upskill_core::audit::Actor::os_user(upskill_core::audit::Source::Cli)
}

/// Sets this command's actor and clock on `db`: its writes leave entries by them.
pub fn identify(db: &mut Db) {
    db.set_actor(actor());
    db.set_clock(chrono::Utc::now);
}

/// Prints the warning for a database on a network share or in a sync folder, if any.
pub fn warn_location(path: &Path) {
    if let Some(warning) = health::location_warning(path) {
        eprintln!("upskill: warning: {warning}");
    }
}

pub fn backup(db_path: &Path, args: BackupArgs) -> Result<ExitCode, Error> {
    let db = open_db(db_path)?;
    let info = core_backup::create(&db, &args.file, now())?;
    println!(
        "{}: backed up to {} ({} bytes, schema {}), verified",
        db_path.display(),
        info.path,
        info.bytes,
        info.schema_version
    );
    Ok(ExitCode::SUCCESS)
}

pub fn restore(db_path: &Path, args: RestoreArgs) -> Result<ExitCode, Error> {
    let info = match args.file {
        Some(file) => core_backup::restore_as(db_path, &file, now(), &actor())?,
        None => core_backup::restore_latest_as(db_path, now(), &actor())?,
    };
    println!("{}: restored from {}", info.db_path, info.restored_from);
    if let Some(kept) = &info.previous_kept_at {
        let how = if info.previous_was_damaged {
            " (it was damaged: kept byte for byte)"
        } else {
            ""
        };
        println!("the database it replaced was kept as {kept}{how}");
    }
    // Opening upgrades an older backup's schema (after its own automatic backup).
    let db = open_db(db_path)?;
    let s = stats::stats(db.conn())?;
    println!(
        "employees {}, programs {}, completions {}",
        s.employees_active + s.employees_inactive,
        s.programs,
        s.completions
    );
    Ok(ExitCode::SUCCESS)
}
