//! Backups and restore: verified copies of the database, made while it may be in use.
//!
//! Every copy is made the same way: SQLite's online backup API copies the pages in one step
//! (one read transaction, so the copy is a consistent snapshot even while another connection
//! writes) into a temporary file in the destination's folder; the copy is switched to a
//! self-contained rollback-journal file, reopened and verified (`PRAGMA integrity_check` ok and
//! a schema version this build knows), fsynced, and only then renamed over the destination,
//! whose folder is fsynced too. A failure at any point (a full disk included) removes the
//! temporary file and leaves the destination as it was: there is never a half-written backup
//! under the name asked for.
//!
//! - [`create`]: a backup the user asked for, to any file (`upskill backup FILE`, "Back up now").
//! - Automatic backups go to `backups/` beside the database, named
//!   `<stem>.<YYYYMMDD-HHMMSS>.before-upgrade-<from>-to-<to>.db` (taken by
//!   [`crate::db::Db::open`] before every schema migration of a database that has a schema; if
//!   it fails, the migration does not run and the database is not changed) and
//!   `<stem>.<YYYYMMDD-HHMMSS>.before-restore.db` (the database [`restore`] replaces).
//! - **Rotation:** after each automatic backup, only the newest [`KEEP_AUTOMATIC`] (10)
//!   automatic backups of that database are kept; older ones are deleted. Backups made with
//!   [`create`] are never rotated or deleted, and neither is anything else in `backups/`.
//! - [`restore`]: checks the file first (a whole SQLite database, integrity ok, an Upskill
//!   schema this build knows), keeps the current database in `backups/`, then replaces it,
//!   and appends a `restore` entry to the restored database's audit trail ([`crate::audit`]).
//! - [`latest_good`]: the newest automatic backup that passes the same checks, for the
//!   desktop's "restore the latest good backup" on a damaged database.
//!
//! Nothing here reads the clock: the time that names a backup is an argument.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use chrono::NaiveDateTime;
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use ts_rs::TS;

use crate::atomic_file::{folder_of, TempFile};
use crate::audit::{Action, Actor};
use crate::db::{self, Db, BUSY_TIMEOUT};
use crate::error::{Error, ErrorKind, Result};
use crate::health::{self, FileState, QuickOrFull};

/// The folder beside the database that holds the automatic backups.
pub const BACKUPS_DIR: &str = "backups";
/// How many automatic backups of one database are kept (newest first).
pub const KEEP_AUTOMATIC: usize = 10;
/// The tables every Upskill schema has; a file without them is not an Upskill database.
const UPSKILL_TABLES: &[&str] = &["employees", "programs", "completions"];
/// How long the copy waits between tries when the source is locked.
const RETRY_PAUSE: Duration = Duration::from_millis(50);

/// A backup that was written and verified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BackupInfo {
    /// Where the backup is.
    pub path: String,
    #[ts(type = "number")]
    pub bytes: u64,
    /// The backup's schema version (`user_version`).
    #[ts(type = "number")]
    pub schema_version: i64,
    pub created_at: NaiveDateTime,
}

/// What [`restore`] did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RestoreInfo {
    /// The database that was replaced.
    pub db_path: String,
    /// The file it was restored from (unchanged).
    pub restored_from: String,
    /// The restored file's schema version; lower than this build's, the restore upgrades it
    /// (after an automatic backup) to append its audit entry.
    #[ts(type = "number")]
    pub schema_version: i64,
    /// Where the replaced database was kept; None when there was none (or it was empty).
    pub previous_kept_at: Option<String>,
    /// Whether the replaced database was damaged (then it was kept byte for byte, with its
    /// `-wal` file if it had one).
    pub previous_was_damaged: bool,
}

/// One automatic backup in `backups/`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BackupEntry {
    pub path: String,
    pub file_name: String,
    #[ts(type = "number")]
    pub bytes: u64,
    /// The time in its name; None for a backup taken without one.
    pub created_at: Option<NaiveDateTime>,
    /// Why it was taken, in words: "before restore", "before upgrade from schema 1 to 2".
    pub reason: String,
}

/// Writes a verified backup of `db` to `dest` (see the module documentation). `dest` is
/// replaced only by a complete, verified copy; its folder must exist.
pub fn create(db: &Db, dest: &Path, now: NaiveDateTime) -> Result<BackupInfo> {
    create_inner(db, dest, now).map_err(|e| {
        e.context(format!(
            "could not back up {} to {}",
            db.path().display(),
            dest.display()
        ))
    })
}

fn create_inner(db: &Db, dest: &Path, now: NaiveDateTime) -> Result<BackupInfo> {
    if same_file(db.path(), dest) {
        return Err(Error::invalid(
            "file",
            "is the database itself: choose another file for the backup",
        ));
    }
    let dir = folder_of(dest);
    let (temp, schema_version) = write_verified(
        db.conn(),
        db.path(),
        &dir,
        hint_of(dest),
        Expect::Known(db::schema_version()),
        BUSY_TIMEOUT,
    )?;
    let bytes = temp.persist(dest)?;
    Ok(BackupInfo {
        path: dest.display().to_string(),
        bytes,
        schema_version,
        created_at: now,
    })
}

/// The folder of a database's automatic backups: `backups/` beside it.
pub fn backups_dir(db_path: &Path) -> PathBuf {
    folder_of(db_path).join(BACKUPS_DIR)
}

/// The automatic backup [`crate::db::Db`] takes before migrating `conn` (the database at
/// `db_path`, at schema `from`) to `to`. Returns the backup's path. Any failure is returned
/// and the caller does not migrate.
pub(crate) fn before_upgrade(
    conn: &Connection,
    db_path: &Path,
    from: i64,
    to: i64,
    now: Option<NaiveDateTime>,
    busy_timeout: Duration,
) -> Result<PathBuf> {
    let run = || -> Result<PathBuf> {
        let dir = backups_dir(db_path);
        create_private_dir(&dir)?;
        let dest = automatic_path(
            &dir,
            db_path,
            now,
            &format!("before-upgrade-{from}-to-{to}"),
        );
        let (temp, _) = write_verified(
            conn,
            db_path,
            &dir,
            hint_of(&dest),
            Expect::Exactly(from),
            busy_timeout,
        )?;
        temp.persist(&dest)?;
        rotate(db_path);
        Ok(dest)
    };
    run().map_err(|e| {
        e.context(format!(
            "{} needs an upgrade from schema {from} to {to}, but the backup before it (in {}) failed, so it was neither upgraded nor changed",
            db_path.display(),
            backups_dir(db_path).display()
        ))
    })
}

/// Restores the newest automatic backup that passes the checks ([`latest_good`]); the
/// desktop's recovery screen and `upskill restore --latest` both come here.
pub fn restore_latest(db_path: &Path, now: NaiveDateTime) -> Result<RestoreInfo> {
    restore_latest_as(db_path, now, &Actor::default())
}

/// [`restore_latest`] by `actor` (the restore entry's user and source).
pub fn restore_latest_as(db_path: &Path, now: NaiveDateTime, actor: &Actor) -> Result<RestoreInfo> {
    let latest = latest_good(db_path).ok_or_else(|| {
        Error::NotFound(format!(
            "there is no good automatic backup of {} in {}",
            db_path.display(),
            backups_dir(db_path).display()
        ))
    })?;
    restore_as(db_path, &latest, now, actor)
}

/// Replaces the database at `db_path` with a copy of `from` (see the module documentation).
///
/// Close every [`Db`] on `db_path` first (the desktop drops its own, restores, then opens
/// again): a database another program has open is refused ([`ErrorKind::Locked`]) after the
/// busy timeout. `from` is never changed. On any failure the database at `db_path` keeps its
/// content.
pub fn restore(db_path: &Path, from: &Path, now: NaiveDateTime) -> Result<RestoreInfo> {
    restore_with(db_path, from, now, BUSY_TIMEOUT)
}

/// [`restore`] by `actor`: the restored database's audit trail gets a `restore` entry by them
/// (the front ends pass the OS user; [`restore`] writes it as an unknown user).
pub fn restore_as(
    db_path: &Path,
    from: &Path,
    now: NaiveDateTime,
    actor: &Actor,
) -> Result<RestoreInfo> {
    restore_full(db_path, from, now, BUSY_TIMEOUT, actor)
}

/// [`restore`] with another busy timeout.
pub fn restore_with(
    db_path: &Path,
    from: &Path,
    now: NaiveDateTime,
    busy_timeout: Duration,
) -> Result<RestoreInfo> {
    restore_full(db_path, from, now, busy_timeout, &Actor::default())
}

fn restore_full(
    db_path: &Path,
    from: &Path,
    now: NaiveDateTime,
    busy_timeout: Duration,
    actor: &Actor,
) -> Result<RestoreInfo> {
    if same_file(db_path, from) {
        return Err(Error::invalid(
            "file",
            format!(
                "{} is the database itself: choose a backup to restore",
                from.display()
            ),
        ));
    }
    let schema_version = verify_with(from, busy_timeout).map_err(|e| {
        e.context(format!(
            "{} cannot be restored, and {} was not changed",
            from.display(),
            db_path.display()
        ))
    })?;
    let sha256 = crate::audit::file_sha256(from)?;
    let info = restore_checked(db_path, from, now, busy_timeout, schema_version).map_err(|e| {
        e.context(format!(
            "could not restore {} from {}; the database keeps its content",
            db_path.display(),
            from.display()
        ))
    })?;
    record_restore(db_path, from, &sha256, &info, now, busy_timeout, actor).map_err(|e| {
        e.context(format!(
            "{} was restored from {}, but its audit trail's restore entry could not be written",
            db_path.display(),
            from.display()
        ))
    })?;
    Ok(info)
}

/// Appends the `restore` entry to the restored database's own trail. Opening it upgrades a
/// backup from an older Upskill (after its automatic backup), as any open would.
fn record_restore(
    db_path: &Path,
    from: &Path,
    sha256: &str,
    info: &RestoreInfo,
    now: NaiveDateTime,
    busy_timeout: Duration,
    actor: &Actor,
) -> Result<()> {
    let options = db::OpenOptions {
        busy_timeout,
        now: Some(now),
        quick_check: false,
    };
    let mut restored = Db::open_with(db_path, &options)?;
    restored.set_actor(actor.clone());
    let name = from
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| from.display().to_string());
    let after = serde_json::json!({
        "restored_from": name,
        "sha256": sha256,
        "schema_version": info.schema_version,
        "previous_kept_at": info.previous_kept_at.as_deref().map(|p| {
            Path::new(p).file_name().map(|n| n.to_string_lossy().into_owned())
        }),
        "previous_was_damaged": info.previous_was_damaged,
    });
    crate::audit::record_whole(&mut restored, Action::Restore, &name, &after)
}

fn restore_checked(
    db_path: &Path,
    from: &Path,
    now: NaiveDateTime,
    busy_timeout: Duration,
    schema_version: i64,
) -> Result<RestoreInfo> {
    let dir = folder_of(db_path);
    create_private_dir(&dir)?;
    // 1. The new content, verified, in a temporary file beside the database.
    let source = read_only(from)?;
    source.busy_timeout(busy_timeout)?;
    let (temp, _) = write_verified(
        &source,
        from,
        &dir,
        hint_of(db_path),
        Expect::Exactly(schema_version),
        busy_timeout,
    )?;
    drop(source);
    // 2. The current database, kept in backups/.
    let (previous_kept_at, previous_was_damaged) = match health::inspect(db_path, busy_timeout) {
        Ok(FileState::Missing | FileState::Empty) => (None, false),
        Ok(FileState::Database { .. }) => (Some(keep_sound(db_path, now, busy_timeout)?), false),
        Err(e) if e.kind() == ErrorKind::Damaged => (Some(keep_raw(db_path, now)?), true),
        Err(e) => return Err(e),
    };
    // 3. No journal of the old file may be applied to the new one.
    for suffix in ["-wal", "-shm", "-journal"] {
        let side = health::sidecar(db_path, suffix);
        match std::fs::remove_file(&side) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(&side, e)),
        }
    }
    // 4. The switch: one rename.
    temp.persist(db_path)?;
    if previous_kept_at.is_some() {
        rotate(db_path);
    }
    Ok(RestoreInfo {
        db_path: db_path.display().to_string(),
        restored_from: from.display().to_string(),
        schema_version,
        previous_kept_at: previous_kept_at.map(|p| p.display().to_string()),
        previous_was_damaged,
    })
}

/// Keeps a sound current database: makes sure no other program has it open (leaving WAL
/// mode needs every other connection closed, and checkpoints the WAL into the file), then
/// copies it, verified, into `backups/`.
fn keep_sound(db_path: &Path, now: NaiveDateTime, busy_timeout: Duration) -> Result<PathBuf> {
    let conn = Connection::open_with_flags(
        db_path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(busy_timeout)?;
    let mode: String = conn
        .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
        .map_err(|e| health::at_open(db_path, busy_timeout, e.into()))?;
    if !mode.eq_ignore_ascii_case("delete") {
        // SQLite keeps WAL mode when it cannot get the exclusive lock it needs to leave it.
        return Err(Error::Locked {
            path: db_path.display().to_string(),
            waited_ms: u64::try_from(busy_timeout.as_millis()).unwrap_or(u64::MAX),
        });
    }
    let dir = backups_dir(db_path);
    create_private_dir(&dir)?;
    let dest = automatic_path(&dir, db_path, Some(now), "before-restore");
    let (temp, _) = write_verified(
        &conn,
        db_path,
        &dir,
        hint_of(&dest),
        Expect::Any,
        busy_timeout,
    )?;
    temp.persist(&dest)?;
    close(conn)?;
    Ok(dest)
}

/// Keeps a damaged current database byte for byte (with its `-wal`, which may hold what the
/// file lacks), under an automatic backup's name.
fn keep_raw(db_path: &Path, now: NaiveDateTime) -> Result<PathBuf> {
    let dir = backups_dir(db_path);
    create_private_dir(&dir)?;
    let dest = automatic_path(&dir, db_path, Some(now), "before-restore");
    let wal = health::sidecar(db_path, "-wal");
    if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
        copy_raw(&wal, &health::sidecar(&dest, "-wal"))?;
    }
    copy_raw(db_path, &dest)?;
    Ok(dest)
}

/// Copies a file's bytes through a temporary file and a rename.
fn copy_raw(from: &Path, dest: &Path) -> Result<()> {
    let temp = TempFile::create(&folder_of(dest), hint_of(dest))?;
    std::fs::copy(from, temp.path()).map_err(|e| Error::io(dest, e))?;
    temp.persist(dest)?;
    Ok(())
}

/// Checks that `path` is a whole Upskill database this build can open: a SQLite file, integrity
/// ok, a schema version from 1 to this build's, and the Upskill tables. Returns its schema
/// version. Reads only.
pub fn verify(path: &Path) -> Result<i64> {
    verify_with(path, BUSY_TIMEOUT)
}

fn verify_with(path: &Path, busy_timeout: Duration) -> Result<i64> {
    let state = health::inspect_with(path, busy_timeout, QuickOrFull::Full)?;
    let FileState::Database { schema_version } = state else {
        let what = if state == FileState::Missing {
            "there is no such file"
        } else {
            "the file is empty"
        };
        return Err(Error::invalid(
            "file",
            format!("{}: {what}", path.display()),
        ));
    };
    let latest = db::schema_version();
    if schema_version > latest {
        return Err(Error::TooNew {
            path: path.display().to_string(),
            found: schema_version,
            known: latest,
        });
    }
    let conn = read_only(path)?;
    conn.busy_timeout(busy_timeout)?;
    let missing: Vec<&str> = UPSKILL_TABLES
        .iter()
        .copied()
        .filter(|table| {
            conn.query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1",
                [table],
                |r| r.get::<_, i64>(0),
            )
            .map_or(true, |n| n == 0)
        })
        .collect();
    if schema_version < 1 || !missing.is_empty() {
        return Err(Error::invalid(
            "file",
            format!(
                "{} is a SQLite database, but not an Upskill one (schema version {schema_version}{})",
                path.display(),
                if missing.is_empty() {
                    String::new()
                } else {
                    format!(", no {} table", missing.join(", "))
                }
            ),
        ));
    }
    Ok(schema_version)
}

/// The automatic backups of the database at `db_path`, newest first.
pub fn list(db_path: &Path) -> Result<Vec<BackupEntry>> {
    let dir = backups_dir(db_path);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(&dir, e)),
    };
    let stem = stem_of(db_path);
    let mut found: Vec<(SystemTime, BackupEntry)> = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(&dir, e))?;
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some((created_at, reason)) = parse_automatic(&stem, &file_name) else {
            continue;
        };
        let Ok(meta) = entry.metadata() else { continue };
        if !meta.is_file() {
            continue;
        }
        found.push((
            meta.modified().unwrap_or(SystemTime::UNIX_EPOCH),
            BackupEntry {
                path: entry.path().display().to_string(),
                file_name,
                bytes: meta.len(),
                created_at,
                reason,
            },
        ));
    }
    // Newest first: by the time in the name when both have one, else by modification time.
    found.sort_by(|(ma, a), (mb, b)| match (a.created_at, b.created_at) {
        (Some(ta), Some(tb)) if ta != tb => tb.cmp(&ta),
        _ => mb.cmp(ma).then_with(|| b.file_name.cmp(&a.file_name)),
    });
    Ok(found.into_iter().map(|(_, entry)| entry).collect())
}

/// The newest automatic backup of the database at `db_path` that passes [`verify`]; None if
/// there is none.
pub fn latest_good(db_path: &Path) -> Option<PathBuf> {
    list(db_path)
        .ok()?
        .into_iter()
        .map(|entry| PathBuf::from(entry.path))
        .find(|path| verify(path).is_ok())
}

/// Deletes the automatic backups of `db_path` beyond the newest [`KEEP_AUTOMATIC`]. Best
/// effort: a backup that cannot be deleted stays.
fn rotate(db_path: &Path) {
    let Ok(entries) = list(db_path) else { return };
    for entry in entries.into_iter().skip(KEEP_AUTOMATIC) {
        let path = PathBuf::from(&entry.path);
        for suffix in ["-wal", "-shm", "-journal"] {
            let _ = std::fs::remove_file(health::sidecar(&path, suffix));
        }
        let _ = std::fs::remove_file(&path);
    }
}

/// `(time in the name, reason in words)` when `file_name` is one of `stem`'s automatic backups:
/// `<stem>.[<YYYYMMDD-HHMMSS>.]before-(restore|upgrade-<a>-to-<b>)[-<n>].db`.
fn parse_automatic(stem: &str, file_name: &str) -> Option<(Option<NaiveDateTime>, String)> {
    let rest = file_name
        .strip_prefix(stem)?
        .strip_prefix('.')?
        .strip_suffix(".db")?;
    let (created_at, rest) = match rest.split_once('.') {
        Some((time, rest)) => (
            Some(NaiveDateTime::parse_from_str(time, TIME_FORMAT).ok()?),
            rest,
        ),
        None => (None, rest),
    };
    let rest = rest.strip_prefix("before-")?;
    let (reason, tail) = if let Some(tail) = rest.strip_prefix("restore") {
        ("before restore".to_string(), tail)
    } else {
        let rest = rest.strip_prefix("upgrade-")?;
        let (from, rest) = rest.split_once("-to-")?;
        let to_len = rest.find('-').unwrap_or(rest.len());
        let (to, tail) = rest.split_at(to_len);
        let (from, to) = (from.parse::<u32>().ok()?, to.parse::<u32>().ok()?);
        (format!("before upgrade from schema {from} to {to}"), tail)
    };
    if !tail.is_empty() {
        tail.strip_prefix('-')?.parse::<u32>().ok()?;
    }
    Some((created_at, reason))
}

const TIME_FORMAT: &str = "%Y%m%d-%H%M%S";

/// A free name for an automatic backup: `<stem>.<time>.<reason>.db`, `-2`, `-3`... when taken.
fn automatic_path(dir: &Path, db_path: &Path, now: Option<NaiveDateTime>, reason: &str) -> PathBuf {
    let stem = stem_of(db_path);
    let base = match now {
        Some(now) => format!("{stem}.{}.{reason}", now.format(TIME_FORMAT)),
        None => format!("{stem}.{reason}"),
    };
    let mut n = 1u32;
    loop {
        let name = if n == 1 {
            format!("{base}.db")
        } else {
            format!("{base}-{n}.db")
        };
        let path = dir.join(name);
        if n >= 10_000 || std::fs::symlink_metadata(&path).is_err() {
            return path;
        }
        n += 1;
    }
}

fn stem_of(db_path: &Path) -> String {
    db_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "upskill".into())
}

fn hint_of(path: &Path) -> String {
    path.file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "backup".into())
}

/// Whether two paths name the same file (the second may not exist yet).
fn same_file(a: &Path, b: &Path) -> bool {
    let canonical = |p: &Path| -> Option<PathBuf> {
        std::fs::canonicalize(p).ok().or_else(|| {
            Some(
                std::fs::canonicalize(folder_of(p))
                    .ok()?
                    .join(p.file_name()?),
            )
        })
    };
    match (canonical(a), canonical(b)) {
        (Some(a), Some(b)) => a == b,
        _ => a == b,
    }
}

fn create_private_dir(dir: &Path) -> Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir).map_err(|e| Error::io(dir, e))
}

fn read_only(path: &Path) -> Result<Connection> {
    Ok(Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?)
}

fn close(conn: Connection) -> Result<()> {
    conn.close().map_err(|(_, e)| Error::from(e))
}

/// What schema version the copy must have.
#[derive(Clone, Copy)]
enum Expect {
    /// From 1 to this version.
    Known(i64),
    /// Exactly this one.
    Exactly(i64),
    /// Any (a database being set aside, whatever it is).
    Any,
}

/// Copies `src` (the database at `src_path`) into a new temporary file in `dir`, and verifies
/// the copy. Returns the temporary file (deleted on drop unless persisted) and its schema version.
fn write_verified(
    src: &Connection,
    src_path: &Path,
    dir: &Path,
    hint: String,
    expect: Expect,
    busy_timeout: Duration,
) -> Result<(TempFile, i64)> {
    let temp = TempFile::create(dir, hint)?;
    let mut out = Connection::open_with_flags(
        temp.path(),
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    copy_pages(src, src_path, &mut out, busy_timeout)?;
    close(out)?;
    // Reopened, the copy is read from the file, not from the copying connection's cache.
    let out = Connection::open_with_flags(
        temp.path(),
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    // One self-contained file: a WAL database's copy says WAL in its header.
    let _mode: String = out.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    let (version, problems) = health::check_connection(&out, QuickOrFull::Full)?;
    close(out)?;
    if let Some(problems) = problems {
        return Err(Error::Damaged {
            path: src_path.display().to_string(),
            reason: format!("its copy fails the check: {problems}"),
        });
    }
    let known = match expect {
        Expect::Known(latest) => (1..=latest).contains(&version),
        Expect::Exactly(wanted) => version == wanted,
        Expect::Any => true,
    };
    if !known {
        return Err(Error::Internal(format!(
            "the copy of {} has schema version {version}, not the one expected",
            src_path.display()
        )));
    }
    Ok((temp, version))
}

/// The online backup, all pages in one step (one read transaction on the source: a consistent
/// snapshot, not restarted by writers). Retries while the source is locked, up to the timeout.
fn copy_pages(
    src: &Connection,
    src_path: &Path,
    out: &mut Connection,
    busy_timeout: Duration,
) -> Result<()> {
    let backup = Backup::new(src, out)?;
    let mut waited = Duration::ZERO;
    loop {
        match backup.step(-1) {
            Ok(StepResult::Done) => return Ok(()),
            Ok(StepResult::More) => {}
            Ok(_) => {
                if waited >= busy_timeout {
                    return Err(Error::Locked {
                        path: src_path.display().to_string(),
                        waited_ms: u64::try_from(waited.as_millis()).unwrap_or(u64::MAX),
                    });
                }
                std::thread::sleep(RETRY_PAUSE);
                waited += RETRY_PAUSE;
            }
            Err(e) => return Err(health::at_open(src_path, busy_timeout, e.into())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    const V1: &[&str] = &[include_str!("migrations/0001_record.sql")];

    fn at(h: u32, m: u32, s: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 29)
            .unwrap()
            .and_hms_opt(h, m, s)
            .unwrap()
    }

    /// A database at schema 1 with two employees, closed (its WAL checkpointed).
    fn version_1_db(path: &Path) {
        let db = Db::open_migrating(path, &db::OpenOptions::default(), V1).unwrap();
        db.conn()
            .execute_batch(
                "INSERT INTO employees (employee_id, full_name, role, department) VALUES
                   ('E1', 'Ada', 'Engineer', 'Data'), ('E2', 'Grace', 'Engineer', 'Data');",
            )
            .unwrap();
        let version: i64 = db
            .conn()
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, 1);
    }

    fn count(conn: &Connection, table: &str) -> i64 {
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn upgrade_is_preceded_by_a_verified_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("u.db");
        version_1_db(&path);
        let options = db::OpenOptions {
            now: Some(at(10, 15, 0)),
            ..Default::default()
        };
        let db = Db::open_with(&path, &options).unwrap();
        assert_eq!(
            db.conn()
                .pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0))
                .unwrap(),
            db::schema_version()
        );
        let latest = db::schema_version();
        let backup = dir
            .path()
            .join("backups")
            .join(format!("u.20261129-101500.before-upgrade-1-to-{latest}.db"));
        assert_eq!(verify(&backup).unwrap(), 1, "the backup keeps schema 1");
        let copy = read_only(&backup).unwrap();
        assert_eq!(count(&copy, "employees"), 2);
        let entries = list(&path).unwrap();
        assert_eq!(entries.len(), 1);
        assert_eq!(
            entries[0].reason,
            format!("before upgrade from schema 1 to {latest}")
        );
        assert_eq!(entries[0].created_at, Some(at(10, 15, 0)));
        // Opening again migrates nothing, so backs up nothing.
        drop(db);
        drop(Db::open_with(&path, &options).unwrap());
        assert_eq!(list(&path).unwrap().len(), 1);
    }

    #[test]
    fn upgrade_without_a_time_still_backs_up() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("u.db");
        version_1_db(&path);
        drop(Db::open(&path).unwrap());
        let latest = db::schema_version();
        let backup = dir
            .path()
            .join("backups")
            .join(format!("u.before-upgrade-1-to-{latest}.db"));
        assert_eq!(verify(&backup).unwrap(), 1);
    }

    #[test]
    fn a_failed_backup_stops_the_upgrade_and_leaves_the_file_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("u.db");
        version_1_db(&path);
        // A file where the backups folder should be: the backup cannot be written (even as root).
        std::fs::write(dir.path().join("backups"), b"in the way").unwrap();
        let before = std::fs::read(&path).unwrap();
        let err = Db::open(&path).err().unwrap();
        let message = err.to_string();
        assert!(
            message.contains("the backup before it")
                && message.contains("neither upgraded nor changed"),
            "{message}"
        );
        assert!(message.contains(&path.display().to_string()), "{message}");
        assert_eq!(err.kind(), crate::ErrorKind::Io);
        assert!(
            std::fs::read(&path).unwrap() == before,
            "the database changed"
        );
        // Once the way is clear, the same open backs up and upgrades.
        std::fs::remove_file(dir.path().join("backups")).unwrap();
        let db = Db::open(&path).unwrap();
        assert_eq!(count(db.conn(), "employees"), 2);
        assert_eq!(list(&path).unwrap().len(), 1);
    }

    #[test]
    fn automatic_names_are_recognised_and_others_are_not() {
        assert_eq!(
            parse_automatic("upskill", "upskill.20261129-101500.before-restore.db"),
            Some((Some(at(10, 15, 0)), "before restore".into()))
        );
        assert_eq!(
            parse_automatic("upskill", "upskill.before-upgrade-1-to-12-3.db"),
            Some((None, "before upgrade from schema 1 to 12".into()))
        );
        for other in [
            "upskill.db",
            "upskill.old.20261129-101500.before-restore.db",
            "upskill.20261129-101500.before-restore.db-wal",
            "upskill.2026-11-29.before-restore.db",
            "upskill.20261129-101500.before-lunch.db",
            "upskill.20261129-101500.before-restore-x.db",
            "other.20261129-101500.before-restore.db",
            "my-backup.db",
        ] {
            assert_eq!(parse_automatic("upskill", other), None, "{other}");
        }
    }

    #[test]
    fn rotation_keeps_the_newest_ten_automatic_backups_and_nothing_else_is_touched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("upskill.db");
        let backups = backups_dir(&path);
        std::fs::create_dir_all(&backups).unwrap();
        for minute in 0..13 {
            let name = format!(
                "upskill.202611{:02}-1000{minute:02}.before-restore.db",
                1 + minute
            );
            std::fs::write(backups.join(name), b"x").unwrap();
        }
        std::fs::write(
            backups.join("upskill.20261101-100000.before-restore.db-wal"),
            b"w",
        )
        .unwrap();
        std::fs::write(backups.join("my-own-copy.db"), b"mine").unwrap();
        std::fs::write(
            backups.join("other.20261101-100000.before-restore.db"),
            b"other",
        )
        .unwrap();
        rotate(&path);
        let mut left: Vec<String> = std::fs::read_dir(&backups)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        let mut expected: Vec<String> = (3..13)
            .map(|minute| {
                format!(
                    "upskill.202611{:02}-1000{minute:02}.before-restore.db",
                    1 + minute
                )
            })
            .collect();
        expected.push("my-own-copy.db".into());
        expected.push("other.20261101-100000.before-restore.db".into());
        expected.sort();
        assert_eq!(left, expected);
        assert_eq!(
            list(&path).unwrap()[0].created_at,
            Some(
                NaiveDate::from_ymd_opt(2026, 11, 13)
                    .unwrap()
                    .and_hms_opt(10, 0, 12)
                    .unwrap()
            )
        );
    }
}
