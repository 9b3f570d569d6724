//! The database file: where it lives, how it is opened, its schema and its transactions.
//!
//! [`Db::open`] is the one entry point: it checks an existing file first ([`crate::health`]:
//! damaged, locked or too new files are refused and left byte for byte as they were), creates
//! the file (owner-only) if needed, sets the per-connection pragmas, backs up a database that
//! needs a migration ([`crate::backup`]), and migrates. Every write
//! goes through [`Db::with_tx`], a `BEGIN IMMEDIATE` transaction, so a writer takes the lock
//! up front instead of failing half-way on an upgrade from a read lock.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use rusqlite_migration::{Migrations, M};

use crate::atomic_file::create_owner_only;
use crate::error::{Error, Result};

/// The desktop app's identifier (tauri.conf.json); the default database lives in the OS
/// app-data directory under it, so the app and the CLI open the same file.
pub const APP_IDENTIFIER: &str = "dev.upskill.desktop";
/// The database file's name inside the app-data directory.
pub const DB_FILE_NAME: &str = "upskill.db";
/// Environment variable that names the database when `--db` is not given.
pub const DB_ENV: &str = "UPSKILL_DB";
/// How long a statement waits for another process's lock before failing.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Append-only: a released migration is never edited; new ones are added at the end.
pub(crate) const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_record.sql"),
    include_str!("migrations/0002_reach.sql"),
    include_str!("migrations/0003_completion_count.sql"),
    include_str!("migrations/0004_import_mappings.sql"),
    include_str!("migrations/0005_requirements.sql"),
    include_str!("migrations/0006_leavers.sql"),
    include_str!("migrations/0007_targets.sql"),
    include_str!("migrations/0008_compliance_cache.sql"),
    include_str!("migrations/0009_audit_log.sql"),
];

/// What an upsert did to one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Inserted,
    Updated,
    Unchanged,
}

#[cfg(test)]
fn migrations() -> Migrations<'static> {
    migrations_of(MIGRATIONS)
}

fn migrations_of(list: &[&'static str]) -> Migrations<'static> {
    Migrations::new(list.iter().map(|sql| M::up(sql)).collect())
}

/// The schema version this build writes (SQLite's `user_version`).
pub fn schema_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// Resolves the database path: `--db PATH`, else `$UPSKILL_DB`, else the app-data default.
pub fn resolve_path(flag: Option<PathBuf>, env: Option<String>) -> Result<PathBuf> {
    if let Some(path) = flag {
        return Ok(path);
    }
    if let Some(path) = env.filter(|p| !p.trim().is_empty()) {
        return Ok(PathBuf::from(path));
    }
    default_path()
}

/// `upskill.db` in the OS's local app-data folder, under the app's identifier (what Tauri's
/// `app_local_data_dir()` returns): ~/.local/share on Linux, ~/Library/Application Support on
/// macOS, %LOCALAPPDATA% on Windows. Not the roaming %APPDATA%: on networks with roaming
/// profiles Windows copies that folder at every sign-in and sign-out, and a live SQLite file
/// must not be copied (the hazard of a sync folder). On Linux and macOS the two are one folder.
pub fn default_path() -> Result<PathBuf> {
    let base = dirs::data_local_dir().ok_or_else(|| {
        Error::Internal(
            "this system has no app-data directory; pass --db PATH or set UPSKILL_DB".into(),
        )
    })?;
    Ok(path_in(&base))
}

/// The database's place inside an app-data folder.
fn path_in(app_data: &Path) -> PathBuf {
    app_data.join(APP_IDENTIFIER).join(DB_FILE_NAME)
}

/// How [`Db::open_with`] opens a database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenOptions {
    /// How long to wait for another program's lock before [`crate::ErrorKind::Locked`].
    pub busy_timeout: Duration,
    /// The time that names the automatic backup taken before a schema upgrade (front ends pass
    /// the local time; without it the backup's name carries only the versions).
    pub now: Option<chrono::NaiveDateTime>,
    /// Whether an existing file gets SQLite's `quick_check` before it is opened (the default).
    /// The check reads every page, on every open, so its cost grows with the database. A command that only reads (a
    /// report) may leave it out: a read cannot make damage worse, and fails if it meets any.
    /// The header, schema-version and other-program checks run either way.
    pub quick_check: bool,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions {
            busy_timeout: BUSY_TIMEOUT,
            now: None,
            quick_check: true,
        }
    }
}

/// An open, migrated Upskill database.
pub struct Db {
    conn: Connection,
    path: PathBuf,
    /// Who makes this connection's changes and when ([`crate::audit`]).
    pub(crate) audit_actor: crate::audit::Actor,
    pub(crate) audit_clock: crate::audit::Clock,
    /// What the current transaction did to the record, as the hooks saw it.
    pub(crate) audit_watch: crate::audit::Watch,
}

impl Db {
    /// Opens (creating if missing) and migrates the database at `path`, with the default
    /// [`OpenOptions`].
    pub fn open(path: &Path) -> Result<Db> {
        Self::open_with(path, &OpenOptions::default())
    }

    /// Opens (creating if missing) and migrates the database at `path`. An existing file is
    /// checked first ([`crate::health`]): damaged, locked or too new, it is refused and left
    /// byte for byte as it was. Before a migration of a database that has a schema, a verified
    /// backup goes to `backups/` beside it ([`crate::backup`]); if that fails, nothing is migrated.
    pub fn open_with(path: &Path, options: &OpenOptions) -> Result<Db> {
        Self::open_migrating(path, options, MIGRATIONS)
    }

    /// [`Db::open_with`] with the given migrations (tests open a database at an older version).
    pub(crate) fn open_migrating(
        path: &Path,
        options: &OpenOptions,
        list: &[&'static str],
    ) -> Result<Db> {
        let check = if options.quick_check {
            crate::health::QuickOrFull::Quick
        } else {
            crate::health::QuickOrFull::Header
        };
        crate::health::check_before_open(path, options.busy_timeout, list.len() as i64, check)?;
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        create_owner_only(path)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_URI,
        )
        .map_err(|e| crate::health::at_open(path, options.busy_timeout, e.into()))?;
        Self::prepare(conn, path.to_path_buf(), options, list)
            .map_err(|e| crate::health::at_open(path, options.busy_timeout, e))
    }

    /// A read-only connection to the database at `path`, which [`Db::open_with`] has already
    /// checked and migrated (the desktop's writer connection is open on it): no checks, no
    /// migration, no file creation. `query_only` makes any write an error, so a read-only
    /// connection can never take the write lock; in WAL mode it reads the last committed
    /// state while another connection writes. A schema that is not this build's is refused.
    pub fn open_read_only(path: &Path, busy_timeout: Duration) -> Result<Db> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_URI,
        )
        .map_err(|e| crate::health::at_open(path, busy_timeout, e.into()))?;
        conn.busy_timeout(busy_timeout)?;
        conn.pragma_update(None, "query_only", true)?;
        let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if found != schema_version() {
            return Err(Error::Internal(format!(
                "a read-only connection found schema {found}, expected {}",
                schema_version()
            )));
        }
        // A read-only connection can change nothing, so it needs no audit hooks.
        Ok(Db {
            conn,
            path: path.to_path_buf(),
            audit_actor: crate::audit::Actor::default(),
            audit_clock: chrono::Utc::now,
            audit_watch: crate::audit::Watch::default(),
        })
    }

    /// An in-memory database with the full schema, for tests and dry runs.
    pub fn open_in_memory() -> Result<Db> {
        let conn = Connection::open_in_memory()?;
        Self::prepare(
            conn,
            PathBuf::from(":memory:"),
            &OpenOptions::default(),
            MIGRATIONS,
        )
    }

    fn prepare(
        mut conn: Connection,
        path: PathBuf,
        options: &OpenOptions,
        list: &[&'static str],
    ) -> Result<Db> {
        conn.busy_timeout(options.busy_timeout)?;
        let latest = list.len() as i64;
        // Read the version before anything that could write (journal_mode changes the header):
        // a file from a newer Upskill must be left byte for byte as it was.
        let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if found > latest {
            return Err(Error::TooNew {
                path: path.display().to_string(),
                found,
                known: latest,
            });
        }
        // An upgrade of a database that has a schema: a verified backup first, or no upgrade.
        if found > 0 && found < latest && path != Path::new(":memory:") {
            crate::backup::before_upgrade(
                &conn,
                &path,
                found,
                latest,
                options.now,
                options.busy_timeout,
            )?;
        }
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // Migrations run in one transaction before the switch to WAL (which rewrites the
        // header): a migration that fails rolls back and leaves the file as it was.
        migrations_of(list).to_latest(&mut conn)?;
        // WAL lets readers (the UI) go on while an import writes; NORMAL is durable in WAL
        // except for the last transactions on power loss, never corrupting.
        let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        // After the migrations: from here on a change to the record needs its audit entry.
        let audit_watch = crate::audit::Watch::install(&conn)?;
        Ok(Db {
            conn,
            path,
            audit_actor: crate::audit::Actor::default(),
            audit_clock: chrono::Utc::now,
            audit_watch,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The connection, for reads.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction: committed if `f` returns Ok, rolled back
    /// otherwise (also when `f` panics, by the transaction's drop). A transaction that changes
    /// the record must write its audit entry ([`Db::with_trail`]); its commit is refused if
    /// not ([`crate::audit`]).
    pub fn with_tx<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit().map_err(|e| {
            if is_constraint(&e, rusqlite::ffi::SQLITE_CONSTRAINT_COMMITHOOK) {
                crate::audit::unaccounted_write()
            } else {
                e.into()
            }
        })?;
        Ok(value)
    }
}

/// Whether `err` is a SQLite constraint violation of the given extended code.
pub(crate) fn is_constraint(err: &rusqlite::Error, extended: std::ffi::c_int) -> bool {
    matches!(err, rusqlite::Error::SqliteFailure(e, _) if e.extended_code == extended)
}

/// `UPDATE table SET c1 = ?1, ... WHERE key = ?N AND (c1, ...) IS NOT (?1, ...)`: an update
/// that writes (and counts in `changes()`) only when a value differs. Parameters: the
/// columns' values in order, then the key. Column names come from code, never from input.
pub(crate) fn update_if_changed_sql(table: &str, key: &str, columns: &[&str]) -> String {
    let sets: Vec<String> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} = ?{}", i + 1))
        .collect();
    let params: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
    format!(
        "UPDATE {table} SET {} WHERE {key} = ?{} AND ({}) IS NOT ({})",
        sets.join(", "),
        columns.len() + 1,
        columns.join(", "),
        params.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_read_only_connection_reads_committed_rows_and_cannot_write() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.db");
        let writer = Db::open(&path).unwrap();
        let reader = Db::open_read_only(&path, BUSY_TIMEOUT).unwrap();
        writer.conn().execute("CREATE TEMP TABLE t(x)", []).unwrap();
        let tables: i64 = reader
            .conn()
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .unwrap();
        assert!(tables > 0);
        let err = reader
            .conn()
            .execute("DELETE FROM employees", [])
            .unwrap_err();
        assert!(
            err.to_string().contains("readonly") || err.to_string().contains("read"),
            "{err}"
        );
        assert!(Db::open_read_only(&dir.path().join("missing.db"), BUSY_TIMEOUT).is_err());
    }

    #[test]
    fn migrations_are_valid() {
        migrations().validate().unwrap();
    }

    #[test]
    fn open_sets_pragmas_and_schema_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested").join("u.db");
        let db = Db::open(&path).unwrap();
        let fk: i64 = db
            .conn()
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .unwrap();
        let mode: String = db
            .conn()
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        let version: i64 = db
            .conn()
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!((fk, mode.as_str(), version), (1, "wal", schema_version()));
    }

    #[cfg(unix)]
    #[test]
    fn new_database_is_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("u.db");
        Db::open(&path).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    #[test]
    fn newer_schema_is_refused_and_left_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("u.db");
        {
            let conn = Connection::open(&path).unwrap();
            conn.pragma_update(None, "user_version", schema_version() + 1)
                .unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let err = Db::open(&path).err().unwrap();
        assert!(
            err.to_string()
                .contains("made by a newer version of Upskill"),
            "{err}"
        );
        assert!(std::fs::read(&path).unwrap() == before, "file changed");
    }

    #[test]
    fn quick_check_can_be_left_out_for_reads_but_not_the_header_checks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("u.db");
        {
            let mut db = Db::open(&path).unwrap();
            let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
            crate::demo::fill(&mut db, 2000, 1, today).unwrap();
        }
        // Damage a page in the middle of the file (not the header, not the schema).
        let mut bytes = std::fs::read(&path).unwrap();
        let page = usize::from(u16::from_be_bytes([bytes[16], bytes[17]]));
        let middle = bytes.len() / page / 2 * page;
        bytes[middle..middle + 64].fill(0xA5);
        std::fs::write(&path, &bytes).unwrap();
        let unchecked = OpenOptions {
            quick_check: false,
            ..OpenOptions::default()
        };
        let err = Db::open(&path).err().unwrap();
        assert_eq!(err.kind(), crate::ErrorKind::Damaged, "{err}");
        assert!(Db::open_with(&path, &unchecked).is_ok());
        // Not a database at all: refused either way.
        std::fs::write(&path, b"name,role\nAda,Engineer\n").unwrap();
        let err = Db::open_with(&path, &unchecked).err().unwrap();
        assert_eq!(err.kind(), crate::ErrorKind::Damaged, "{err}");
    }

    #[test]
    fn path_resolution_order() {
        let flag = Some(PathBuf::from("a.db"));
        assert_eq!(
            resolve_path(flag, Some("b.db".into())).unwrap(),
            PathBuf::from("a.db")
        );
        assert_eq!(
            resolve_path(None, Some("b.db".into())).unwrap(),
            PathBuf::from("b.db")
        );
        let default = resolve_path(None, None).unwrap();
        assert!(default.ends_with(Path::new(APP_IDENTIFIER).join(DB_FILE_NAME)));
    }

    /// The default database on each OS (`dirs::data_local_dir()` there, written in this host's
    /// separators) is one folder below the app-data folder, and not a place the location
    /// warning names: a fresh install never starts with a warning.
    #[test]
    fn default_database_in_each_os_app_data_folder() {
        let host = |p: &str| PathBuf::from(p.replace('\\', std::path::MAIN_SEPARATOR_STR));
        for base in [
            "/home/ann/.local/share",
            "/Users/ann/Library/Application Support",
            r"C:\Users\ann\AppData\Local",
            r"C:\Users\Ann Smith (Contoso)\AppData\Local",
        ] {
            let path = path_in(&host(base));
            assert_eq!(
                path.parent().and_then(Path::parent),
                Some(host(base).as_path())
            );
            assert_eq!(
                path.file_name().and_then(|n| n.to_str()),
                Some(DB_FILE_NAME)
            );
            assert_eq!(
                crate::health::sync_folder(&path),
                None,
                "{}",
                path.display()
            );
        }
    }

    #[test]
    fn failed_transaction_leaves_nothing() {
        let mut db = Db::open_in_memory().unwrap();
        let result: Result<()> = db.with_tx(|tx| {
            tx.execute(
                "INSERT INTO programs (program_id, title, skill_area, format) VALUES ('P1','T','S','bootcamp')",
                [],
            )?;
            Err(Error::Internal("stop".into()))
        });
        assert!(result.is_err());
        let n: i64 = db
            .conn()
            .query_row("SELECT count(*) FROM programs", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0);
    }
}
