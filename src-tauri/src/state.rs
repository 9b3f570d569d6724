//! The database connections the commands share, the long write that may be running, and the
//! reason the database could not be opened.
//!
//! # How a command uses the database (the one pattern)
//! Every command is an `async fn` that hands its SQLite work to a blocking thread through one of
//! these calls, so Tauri's async runtime never waits on SQLite, and each call writes one log line
//! (command name, duration, outcome):
//!
//! - **read**: `state.read("list_employees", move |db| employees::list(db.conn(), &query)).await`
//!   runs on one of a few read-only connections (`query_only`). The database is in WAL mode, so a
//!   read sees the last committed state and is never blocked by a write, however long.
//! - **write**: `state.write("create_employee", move |db| employees::create(db, &input, today())).await`
//!   runs on the one writer connection. While a long write runs it is refused at once with
//!   [`ErrorKind::Busy`] ("waiting for the import of X to finish"), never queued behind it.
//! - **long write**: `state.long_write(name, work, move |db, job| ...)` (imports, checks,
//!   cohorts) and `state.replace_file(...)` (restores): the running work is app-level
//!   state ([`RunningWork`], the `running_work` command and the `running-work` event), with its
//!   progress and, for imports and checks, a Cancel.
//! - no database, but blocking (reading a file): `state.run(name, move || ...)`.
//!
//! Converting a command written as `state.with(|db| f(db))`: a read becomes
//! `state.read("command_name", move |db| f(db)).await`, a write
//! `state.write("command_name", move |db| f(db)).await`; arguments are moved into the closure.
//!
//! A database that fails its start-up checks (damaged, locked, too new) is never replaced here:
//! the state keeps the error, every command returns it, and the window shows the recovery screen
//! built from [`AppState::startup`]. "Try again" and a restore reopen every connection.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, RwLock};
use std::time::{Duration, Instant};

use serde::Serialize;
use ts_rs::TS;
use upskill_core::audit::{Actor, Source};
use upskill_core::db::{self, Db, OpenOptions, BUSY_TIMEOUT};
use upskill_core::health::{self, StartupReport};
use upskill_core::import::{Cancel, ImportKind, ImportProgress};
use upskill_core::{ApiError, Error, ErrorKind};

/// How many idle read-only connections are kept; more are opened when reads overlap.
const IDLE_READERS: usize = 3;
/// The least time between two progress events of the running work (the window redraws each).
const PROGRESS_EVERY: Duration = Duration::from_millis(150);

/// What a long write is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum WorkKind {
    /// An import writing a file into the record.
    Import,
    /// "Check file": a dry run of an import, on the writer connection (it stages rows).
    Check,
    /// A restore from a backup: the database file is replaced.
    Restore,
    /// Logging one program for a group of employees.
    Cohort,
}

/// The long write that is running: what the window shows on every page while it runs.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct RunningWork {
    pub kind: WorkKind,
    /// The file's name without its folder, when the work reads one.
    pub file_name: Option<String>,
    /// What an import or check reads the file as.
    pub import_kind: Option<ImportKind>,
    /// The latest progress report of an import.
    pub progress: Option<ImportProgress>,
    /// Whether Cancel (`cancel_import`) stops it.
    pub cancellable: bool,
    /// What it is, in words: "the import of completions.csv".
    pub label: String,
}

impl RunningWork {
    pub fn new(kind: WorkKind, file: Option<&Path>, import_kind: Option<ImportKind>) -> Self {
        let file_name = file
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned());
        let what = match kind {
            WorkKind::Import => "the import",
            WorkKind::Check => "the check",
            WorkKind::Restore => "the restore",
            WorkKind::Cohort => "logging the cohort",
        };
        let label = match &file_name {
            Some(name) => format!("{what} of {name}"),
            None => what.to_string(),
        };
        RunningWork {
            kind,
            file_name,
            import_kind,
            progress: None,
            cancellable: matches!(kind, WorkKind::Import | WorkKind::Check),
            label,
        }
    }

    /// The error a write gets while this runs.
    fn busy(&self) -> Error {
        Error::Busy(format!(
            "Waiting for {} to finish: nothing was changed. Try again when it is done.",
            self.label
        ))
    }
}

/// A failure on its way to the window: what the window gets, and the cause chain for the log.
#[derive(Debug)]
pub struct Failed {
    api: ApiError,
    chain: String,
}

impl From<Error> for Failed {
    fn from(e: Error) -> Self {
        Failed::of(&e)
    }
}

impl Failed {
    fn of(e: &Error) -> Self {
        Failed {
            api: ApiError::from(e),
            chain: e.trace_chain(),
        }
    }
}

/// Runs `f` as the command `name` and logs one line: its name, duration and outcome (the
/// error's kind and cause chain, never its message: messages may quote the data).
pub fn logged<T>(name: &'static str, f: impl FnOnce() -> Result<T, Failed>) -> Result<T, ApiError> {
    let start = Instant::now();
    let result = f();
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    match result {
        Ok(value) => {
            tracing::info!(command = name, ms = format!("{ms:.1}"), outcome = "ok");
            Ok(value)
        }
        Err(failed) => {
            let kind = serde_json::to_value(failed.api.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            tracing::warn!(
                command = name,
                ms = format!("{ms:.1}"),
                outcome = kind,
                cause = failed.chain
            );
            Err(failed.api)
        }
    }
}

/// Runs `f` on Tauri's blocking pool, logged as `name`.
async fn blocking<T: Send + 'static>(
    name: &'static str,
    f: impl FnOnce() -> Result<T, Failed> + Send + 'static,
) -> Result<T, ApiError> {
    tauri::async_runtime::spawn_blocking(move || logged(name, f))
        .await
        .unwrap_or_else(|_| {
            Err(ApiError::from(Error::Internal(format!(
                "the command {name} stopped unexpectedly"
            ))))
        })
}

/// Tells the window about the running work (the `running-work` event); None when it ended.
pub type Notify = Box<dyn Fn(Option<&RunningWork>) + Send + Sync>;

/// The state the commands share; cheap to clone (one `Arc`).
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

pub struct Shared {
    /// Where the database is (None only when no path could be worked out). Changed only by
    /// [`Shared::switch_to`], with every connection closed.
    path: RwLock<Option<PathBuf>>,
    /// The one writer connection; None while the database is not open. A long write holds it
    /// for its whole run, so writes check `running` before they wait for it.
    writer: Mutex<Option<Db>>,
    /// Whether the database opened, apart from `writer` so reads never wait for a long write.
    health: Mutex<Health>,
    /// Idle read-only connections.
    readers: Mutex<Vec<Db>>,
    /// Shared by every read while it uses a connection; taken exclusively by a restore while it
    /// replaces the file, so no connection is open on a file being replaced.
    gate: RwLock<()>,
    /// The long write that is running. A long write registers here before it takes the
    /// writer; a short write checks here (and keeps this lock until it has the writer), so it
    /// is refused rather than queued behind a long one.
    running: Mutex<Option<Running>>,
    /// The Cancel of the latest column read (the Match columns step reads the file only).
    columns_cancel: Mutex<Cancel>,
    notify: OnceLock<Notify>,
}

struct Health {
    /// Why the writer is None.
    open_error: Option<Error>,
    /// Whether the window has had a start-up report since the database was last tried: the
    /// first report is of the attempt made at launch (already a full busy timeout long), later
    /// ones ("Try again") try again.
    reported: bool,
}

struct Running {
    work: RunningWork,
    cancel: Cancel,
    last_sent: Instant,
}

/// Opens the writer: its changes are audited as the OS user's, from the app.
fn open(path: &Path) -> Result<Db, Error> {
    let mut db = Db::open_with(
        path,
        &OpenOptions {
            now: Some(now()),
            ..OpenOptions::default()
        },
    )?;
    db.set_actor(Actor::os_user(Source::App));
    db.set_clock(chrono::Utc::now);
    Ok(db)
}

fn lock<T>(m: &Mutex<T>) -> Result<MutexGuard<'_, T>, Failed> {
    m.lock()
        .map_err(|_| Failed::from(Error::Internal("a previous command panicked".into())))
}

/// A long write's handle on its own run: its Cancel and where its progress goes.
pub struct Job<'a> {
    shared: &'a Shared,
    cancel: Cancel,
}

impl Job<'_> {
    pub fn cancel(&self) -> &Cancel {
        &self.cancel
    }

    /// Records `progress` as the running work's and tells the window (at most every
    /// [`PROGRESS_EVERY`], and at every change of phase).
    pub fn progress(&self, progress: ImportProgress) {
        let Ok(mut running) = self.shared.running.lock() else {
            return;
        };
        let Some(r) = running.as_mut() else { return };
        let new_phase = r.work.progress.is_none_or(|p| p.phase != progress.phase);
        r.work.progress = Some(progress);
        if new_phase || r.last_sent.elapsed() >= PROGRESS_EVERY {
            r.last_sent = Instant::now();
            let work = r.work.clone();
            drop(running);
            self.shared.tell(Some(&work));
        }
    }
}

/// Clears the running work when a long write ends, however it ends.
struct EndWork<'a>(&'a Shared);

impl Drop for EndWork<'_> {
    fn drop(&mut self) {
        if let Ok(mut running) = self.0.running.lock() {
            *running = None;
        }
        self.0.tell(None);
    }
}

impl Shared {
    fn new(path: Option<PathBuf>, writer: Option<Db>, open_error: Option<Error>) -> Shared {
        Shared {
            path: RwLock::new(path),
            writer: Mutex::new(writer),
            health: Mutex::new(Health {
                open_error,
                reported: false,
            }),
            readers: Mutex::new(Vec::new()),
            gate: RwLock::new(()),
            running: Mutex::new(None),
            columns_cancel: Mutex::default(),
            notify: OnceLock::new(),
        }
    }

    fn tell(&self, work: Option<&RunningWork>) {
        if let Some(notify) = self.notify.get() {
            notify(work);
        }
    }

    fn path(&self) -> Result<PathBuf, Failed> {
        self.path
            .read()
            .map_err(|_| Failed::from(Error::Internal("a previous command panicked".into())))?
            .clone()
            .ok_or_else(|| {
                Failed::from(Error::Internal(
                    "no database path could be worked out".into(),
                ))
            })
    }

    /// Ok when the database is open; its open error otherwise.
    fn check_open(&self) -> Result<(), Failed> {
        let health = lock(&self.health)?;
        match &health.open_error {
            Some(e) => Err(Failed::of(e)),
            None => Ok(()),
        }
    }

    fn not_open(&self) -> Failed {
        match self.check_open() {
            Err(failed) => failed,
            Ok(()) => Failed::from(Error::Internal("the database is not open".into())),
        }
    }

    pub fn read<T>(&self, f: impl FnOnce(&Db) -> Result<T, Error>) -> Result<T, Failed> {
        let _gate = self
            .gate
            .read()
            .map_err(|_| Failed::from(Error::Internal("a previous command panicked".into())))?;
        self.check_open()?;
        let idle = lock(&self.readers)?.pop();
        let db = match idle {
            Some(db) => db,
            None => Db::open_read_only(&self.path()?, BUSY_TIMEOUT)?,
        };
        let result = f(&db);
        let mut idle = lock(&self.readers)?;
        if idle.len() < IDLE_READERS {
            idle.push(db);
        }
        result.map_err(Failed::from)
    }

    pub fn write<T>(&self, f: impl FnOnce(&mut Db) -> Result<T, Error>) -> Result<T, Failed> {
        let running = lock(&self.running)?;
        if let Some(r) = running.as_ref() {
            return Err(Failed::from(r.work.busy()));
        }
        let mut writer = lock(&self.writer)?;
        drop(running);
        let db = writer.as_mut().ok_or_else(|| self.not_open())?;
        f(db).map_err(Failed::from)
    }

    /// Registers `work` as running, or refuses when another long write runs.
    fn start(&self, work: RunningWork) -> Result<(Cancel, EndWork<'_>), Failed> {
        let cancel = Cancel::new();
        {
            let mut running = lock(&self.running)?;
            if let Some(r) = running.as_ref() {
                return Err(Failed::from(r.work.busy()));
            }
            *running = Some(Running {
                work: work.clone(),
                cancel: cancel.clone(),
                last_sent: Instant::now(),
            });
        }
        self.tell(Some(&work));
        Ok((cancel, EndWork(self)))
    }

    pub fn long_write<T>(
        &self,
        work: RunningWork,
        f: impl FnOnce(&mut Db, &Job<'_>) -> Result<T, Error>,
    ) -> Result<T, Failed> {
        let (cancel, _end) = self.start(work)?;
        let mut writer = lock(&self.writer)?;
        let db = writer.as_mut().ok_or_else(|| self.not_open())?;
        let job = Job {
            shared: self,
            cancel,
        };
        f(db, &job).map_err(Failed::from)
    }

    /// Closes every connection, runs `f` on the file (a restore replaces it), then opens it
    /// again. Whatever `f` did, the state afterwards reflects the file as it now is.
    pub fn replace_file<T>(
        &self,
        work: RunningWork,
        f: impl FnOnce(&Path) -> Result<T, Error>,
    ) -> Result<T, Failed> {
        let path = self.path()?;
        let (_cancel, _end) = self.start(work)?;
        // Waits for the reads in flight; new ones wait until the file is back.
        let _gate = self
            .gate
            .write()
            .map_err(|_| Failed::from(Error::Internal("a previous command panicked".into())))?;
        lock(&self.readers)?.clear();
        let mut writer = lock(&self.writer)?;
        *writer = None; // closes the connection (checkpoints the WAL)
        let result = f(&path);
        let mut health = lock(&self.health)?;
        match open(&path) {
            Ok(db) => {
                *writer = Some(db);
                health.open_error = None;
            }
            Err(err) => health.open_error = Some(err),
        }
        result.map_err(Failed::from)
    }

    /// What the window shows first: the database, and why it is not open if it is not.
    /// A lock is temporary, so a database that was locked is tried again when the window asks
    /// again ("Try again"); the first report is of the attempt made at launch.
    pub fn startup(&self) -> Result<StartupReport, Failed> {
        let path = self.path()?;
        let path = path.as_path();
        let mut health = lock(&self.health)?;
        let locked = matches!(&health.open_error, Some(e) if e.kind() == ErrorKind::Locked);
        let first = !std::mem::replace(&mut health.reported, true);
        if locked && !first {
            // No long write runs while the database is not open, so the writer is free.
            let mut writer = lock(&self.writer)?;
            lock(&self.readers)?.clear();
            match open(path) {
                Ok(db) => {
                    *writer = Some(db);
                    health.open_error = None;
                }
                Err(err) => health.open_error = Some(err),
            }
        }
        Ok(health::startup_report(path, health.open_error.as_ref()))
    }

    /// Opens `target` (created and migrated when new) and makes it the window's database,
    /// closing every connection to the one before. Refused while a long write runs; when
    /// `target` cannot be opened, the database before stays open and the error is returned.
    pub fn switch_to(&self, target: &Path) -> Result<(), Failed> {
        let running = lock(&self.running)?;
        if let Some(r) = running.as_ref() {
            return Err(Failed::from(r.work.busy()));
        }
        // Waits for the reads in flight; new ones wait until the switch is done.
        let _gate = self
            .gate
            .write()
            .map_err(|_| Failed::from(Error::Internal("a previous command panicked".into())))?;
        let mut writer = lock(&self.writer)?;
        let db = open(target)?;
        lock(&self.readers)?.clear();
        *writer = Some(db);
        *self
            .path
            .write()
            .map_err(|_| Failed::from(Error::Internal("a previous command panicked".into())))? =
            Some(target.to_path_buf());
        let mut health = lock(&self.health)?;
        health.open_error = None;
        health.reported = true;
        drop(running);
        Ok(())
    }

    /// The database's path, when one could be worked out.
    pub fn current_path(&self) -> Option<PathBuf> {
        self.path().ok()
    }

    pub fn running_work(&self) -> Option<RunningWork> {
        self.running
            .lock()
            .ok()
            .and_then(|r| r.as_ref().map(|r| r.work.clone()))
    }

    /// A Cancel for a column read about to start, replacing the previous one.
    pub fn new_column_read(&self) -> Cancel {
        let cancel = Cancel::new();
        if let Ok(mut slot) = self.columns_cancel.lock() {
            *slot = cancel.clone();
        }
        cancel
    }

    /// Stops the running import or check and the latest column read; nothing they did is kept.
    pub fn cancel(&self) {
        if let Ok(running) = self.running.lock() {
            if let Some(r) = running.as_ref().filter(|r| r.work.cancellable) {
                r.cancel.cancel();
            }
        }
        if let Ok(slot) = self.columns_cancel.lock() {
            slot.cancel();
        }
    }
}

impl AppState {
    pub fn open(flag: Option<PathBuf>) -> AppState {
        let shared = match db::resolve_path(flag, std::env::var(db::DB_ENV).ok()) {
            Ok(path) => match open(&path) {
                Ok(db) => Shared::new(Some(path), Some(db), None),
                Err(err) => Shared::new(Some(path), None, Some(err)),
            },
            Err(err) => Shared::new(None, None, Some(err)),
        };
        AppState(Arc::new(shared))
    }

    /// Where the running work's changes go (the window's `running-work` event); set once.
    pub fn set_notify(&self, notify: Notify) {
        let _ = self.0.notify.set(notify);
    }

    /// Whether the database opened, for the log at start-up: its error's cause chain if not.
    pub fn open_problem(&self) -> Option<String> {
        self.0.check_open().err().map(|f| f.chain)
    }

    pub async fn read<T: Send + 'static>(
        &self,
        name: &'static str,
        f: impl FnOnce(&Db) -> Result<T, Error> + Send + 'static,
    ) -> Result<T, ApiError> {
        let shared = self.0.clone();
        blocking(name, move || shared.read(f)).await
    }

    pub async fn write<T: Send + 'static>(
        &self,
        name: &'static str,
        f: impl FnOnce(&mut Db) -> Result<T, Error> + Send + 'static,
    ) -> Result<T, ApiError> {
        let shared = self.0.clone();
        blocking(name, move || shared.write(f)).await
    }

    pub async fn long_write<T: Send + 'static>(
        &self,
        name: &'static str,
        work: RunningWork,
        f: impl FnOnce(&mut Db, &Job<'_>) -> Result<T, Error> + Send + 'static,
    ) -> Result<T, ApiError> {
        let shared = self.0.clone();
        blocking(name, move || shared.long_write(work, f)).await
    }

    pub async fn replace_file<T: Send + 'static>(
        &self,
        name: &'static str,
        work: RunningWork,
        f: impl FnOnce(&Path) -> Result<T, Error> + Send + 'static,
    ) -> Result<T, ApiError> {
        let shared = self.0.clone();
        blocking(name, move || shared.replace_file(work, f)).await
    }

    /// Blocking work that needs no database (reading a file), off the async runtime.
    pub async fn run<T: Send + 'static>(
        &self,
        name: &'static str,
        f: impl FnOnce() -> Result<T, Error> + Send + 'static,
    ) -> Result<T, ApiError> {
        blocking(name, move || f().map_err(Failed::from)).await
    }

    /// Like [`AppState::run`], with the database's path.
    pub async fn with_path<T: Send + 'static>(
        &self,
        name: &'static str,
        f: impl FnOnce(&Path) -> Result<T, Error> + Send + 'static,
    ) -> Result<T, ApiError> {
        let shared = self.0.clone();
        blocking(name, move || {
            let path = shared.path()?;
            f(&path).map_err(Failed::from)
        })
        .await
    }

    /// Makes `target` the window's database ([`Shared::switch_to`]) after `prepare` has run
    /// on it (checks, or making the demo's file), off the async runtime.
    pub async fn switch_to(
        &self,
        name: &'static str,
        prepare: impl FnOnce(Option<&Path>) -> Result<PathBuf, Error> + Send + 'static,
    ) -> Result<PathBuf, ApiError> {
        let shared = self.0.clone();
        blocking(name, move || {
            let current = shared.path().ok();
            let target = prepare(current.as_deref())?;
            shared.switch_to(&target)?;
            Ok(target)
        })
        .await
    }

    pub async fn startup(&self) -> Result<StartupReport, ApiError> {
        let shared = self.0.clone();
        blocking("startup_status", move || shared.startup()).await
    }

    pub fn running_work(&self) -> Option<RunningWork> {
        self.0.running_work()
    }

    pub fn current_path(&self) -> Option<PathBuf> {
        self.0.current_path()
    }

    pub fn new_column_read(&self) -> Cancel {
        self.0.new_column_read()
    }

    pub fn cancel(&self) {
        self.0.cancel()
    }

    #[cfg(test)]
    pub fn shared(&self) -> &Shared {
        &self.0
    }
}

/// The date the commands pass to the core: the shell reads the clock, the core never does.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// The local time, which names backups.
pub fn now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

#[cfg(test)]
mod tests {
    use super::*;
    use upskill_core::employees::{self, EmployeeQuery};
    use upskill_core::import::{self, ImportOptions};

    fn state_at(dir: &Path) -> AppState {
        let path = dir.join("s.db");
        AppState(Arc::new(Shared::new(
            Some(path.clone()),
            Some(open(&path).unwrap()),
            None,
        )))
    }

    /// While a long write holds the writer, reads answer from the last committed state, a
    /// second write is refused at once with `busy` naming the work, and the log (written during
    /// a real import) holds no name, e-mail or birth year from the file.
    #[test]
    fn reads_go_on_and_writes_are_busy_during_a_long_write_and_the_log_is_clean() {
        let dir = tempfile::tempdir().unwrap();
        let state = state_at(dir.path());
        let csv = dir.path().join("people.csv");
        std::fs::write(
            &csv,
            "employee_id,full_name,email,birth_year,department,role,location,hire_date\n\
             E1,Zelda Quixote,zelda.quixote@example.com,1961,Sales,Rep,Oslo,2020-01-02\n",
        )
        .unwrap();
        let logs = dir.path().join("logs");
        let subscriber = crate::logging::subscriber(&logs).unwrap();
        tracing::subscriber::with_default(subscriber, || {
            let shared = state.shared();
            let work = RunningWork::new(WorkKind::Import, Some(&csv), Some(ImportKind::Employees));
            let r = logged("import_file", || {
                shared.long_write(work, |db, job| {
                    // Inside the long write: a read answers, a write is refused.
                    let page = shared
                        .read(|db| employees::list(db.conn(), &EmployeeQuery::default()))
                        .map_err(|f| Error::Internal(f.api.message))?;
                    assert_eq!(page.rows.len(), 0);
                    let busy = shared.write(|_| Ok(())).err().unwrap();
                    assert_eq!(busy.api.kind, ErrorKind::Busy);
                    assert!(
                        busy.api.message.contains("people.csv"),
                        "{}",
                        busy.api.message
                    );
                    assert_eq!(shared.running_work().unwrap().kind, WorkKind::Import);
                    let options = ImportOptions {
                        dry_run: false,
                        skip_invalid: false,
                        date_format: Default::default(),
                    };
                    import::import_with(
                        db,
                        ImportKind::Employees,
                        &csv,
                        &options,
                        None,
                        today(),
                        &mut |p| job.progress(p),
                        job.cancel(),
                    )
                })
            });
            r.unwrap();
            assert!(shared.running_work().is_none());
            let page = logged("list_employees", || {
                shared.read(|db| employees::list(db.conn(), &EmployeeQuery::default()))
            })
            .unwrap();
            assert_eq!(page.rows.len(), 1, "the read sees the committed import");
            // An error whose message quotes the data: logged by kind only.
            let err = logged("get_employee", || {
                shared.read(|_| -> Result<(), Error> {
                    Err(Error::Conflict(
                        "Zelda Quixote zelda.quixote@example.com 1961".into(),
                    ))
                })
            });
            assert!(err.is_err());
        });
        let mut log = String::new();
        for entry in std::fs::read_dir(&logs).unwrap() {
            log.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
        }
        assert!(
            log.contains("import_file") && log.contains("list_employees"),
            "{log}"
        );
        assert!(log.contains("conflict"), "{log}");
        // Each line without its timestamp, whose digits could hold the birth year by chance.
        let logged_text: String = log
            .lines()
            .map(|line| line.split_once(' ').map_or(line, |(_, rest)| rest))
            .collect::<Vec<_>>()
            .join("\n");
        for secret in ["Zelda", "Quixote", "zelda.quixote", "example.com", "1961"] {
            assert!(!logged_text.contains(secret), "{secret} in the log:\n{log}");
        }
    }

    /// A switch closes the old file's connections and reads and writes go to the new one; a
    /// file that cannot be opened leaves the open one in place; a long write refuses it.
    #[test]
    fn switching_files_moves_every_connection_or_none() {
        let dir = tempfile::tempdir().unwrap();
        let state = state_at(dir.path());
        let shared = state.shared();
        let count = |shared: &Shared| {
            shared
                .read(|db| employees::list(db.conn(), &EmployeeQuery::default()))
                .map(|page| page.rows.len())
                .unwrap()
        };
        shared
            .write(|db| {
                let input = upskill_core::domain::EmployeeInput {
                    employee_id: "E1".into(),
                    full_name: "A".into(),
                    role: "r".into(),
                    department: "d".into(),
                    active: true,
                    ..Default::default()
                };
                employees::create(db, &input, today())
            })
            .unwrap();
        assert_eq!(count(shared), 1);

        let other = dir.path().join("other.db");
        shared.switch_to(&other).unwrap();
        assert_eq!(shared.current_path(), Some(other.clone()));
        assert_eq!(count(shared), 0);

        let damaged = dir.path().join("damaged.db");
        std::fs::write(&damaged, b"not a database at all, not even close").unwrap();
        assert!(shared.switch_to(&damaged).is_err());
        assert_eq!(shared.current_path(), Some(other.clone()));
        assert_eq!(count(shared), 0);

        let work = RunningWork::new(WorkKind::Cohort, None, None);
        let refused = shared.long_write(work, |_, _| {
            let err = shared.switch_to(&dir.path().join("s.db")).unwrap_err();
            assert_eq!(err.api.kind, ErrorKind::Busy);
            Ok(())
        });
        refused.unwrap();
        shared.switch_to(&dir.path().join("s.db")).unwrap();
        assert_eq!(count(shared), 1);
    }
}
