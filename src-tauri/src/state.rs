//! The one open database the commands share, or the reason it could not be opened.
//!
//! A database that fails its start-up checks (damaged, locked, too new) is never replaced
//! here: the state keeps the error, every command returns it, and the window shows the
//! recovery screen built from [`AppState::startup`].

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use upskill_core::db::{self, Db, OpenOptions};
use upskill_core::health::{self, StartupReport};
use upskill_core::import::Cancel;
use upskill_core::{ApiError, Error, ErrorKind};

pub struct AppState {
    /// Where the database is (None only when no path could be worked out).
    path: Option<PathBuf>,
    inner: Mutex<Inner>,
    /// The Cancel of the latest import or preview. Apart from `inner`, whose lock the running
    /// import holds, so a cancel reaches it at once.
    import_cancel: Mutex<Cancel>,
}

struct Inner {
    db: Option<Db>,
    /// Why `db` is None.
    open_error: Option<Error>,
    /// Whether the window has had a start-up report since the database was last tried: the
    /// first report is of the attempt made at launch (already a full busy timeout long), later
    /// ones ("Try again") try again.
    reported: bool,
}

fn open(path: &Path) -> Result<Db, Error> {
    Db::open_with(
        path,
        &OpenOptions {
            now: Some(now()),
            ..OpenOptions::default()
        },
    )
}

impl AppState {
    pub fn open(flag: Option<PathBuf>) -> AppState {
        match db::resolve_path(flag, std::env::var(db::DB_ENV).ok()) {
            Ok(path) => {
                let (db, open_error) = match open(&path) {
                    Ok(db) => (Some(db), None),
                    Err(err) => (None, Some(err)),
                };
                AppState {
                    path: Some(path),
                    inner: Mutex::new(Inner {
                        db,
                        open_error,
                        reported: false,
                    }),
                    import_cancel: Mutex::default(),
                }
            }
            Err(err) => AppState {
                path: None,
                inner: Mutex::new(Inner {
                    db: None,
                    open_error: Some(err),
                    reported: false,
                }),
                import_cancel: Mutex::default(),
            },
        }
    }

    fn lock(&self) -> Result<MutexGuard<'_, Inner>, ApiError> {
        self.inner
            .lock()
            .map_err(|_| ApiError::from(Error::Internal("a previous command panicked".into())))
    }

    /// A Cancel for an import about to start, replacing the previous one (a Cancel from the
    /// window stops the latest import or preview; an earlier one has finished or was stopped).
    pub fn new_import(&self) -> Cancel {
        let cancel = Cancel::new();
        if let Ok(mut slot) = self.import_cancel.lock() {
            *slot = cancel.clone();
        }
        cancel
    }

    /// Stops the latest import or preview, if it is still running; nothing it did is kept.
    pub fn cancel_import(&self) {
        if let Ok(slot) = self.import_cancel.lock() {
            slot.cancel();
        }
    }

    /// Runs `f` on the database; the lock serialises the commands' use of the connection.
    pub fn with<T>(&self, f: impl FnOnce(&mut Db) -> Result<T, Error>) -> Result<T, ApiError> {
        let mut inner = self.lock()?;
        let inner = &mut *inner;
        match inner.db.as_mut() {
            Some(db) => f(db).map_err(ApiError::from),
            None => Err(inner.open_error.as_ref().map_or_else(
                || ApiError::from(Error::Internal("the database is not open".into())),
                ApiError::from,
            )),
        }
    }

    /// The database's path, for commands that work on the file itself.
    pub fn path(&self) -> Result<&Path, ApiError> {
        self.path.as_deref().ok_or_else(|| {
            ApiError::from(Error::Internal(
                "no database path could be worked out".into(),
            ))
        })
    }

    /// What the window shows first: the database, and why it is not open if it is not.
    /// A lock is temporary, so a database that was locked is tried again when the window asks
    /// again ("Try again"); the first report is of the attempt made at launch.
    pub fn startup(&self) -> Result<StartupReport, ApiError> {
        let mut inner = self.lock()?;
        let path = self.path()?;
        let locked = matches!(&inner.open_error, Some(e) if e.kind() == ErrorKind::Locked);
        let first = !std::mem::replace(&mut inner.reported, true);
        if inner.db.is_none() && locked && !first {
            match open(path) {
                Ok(db) => {
                    inner.db = Some(db);
                    inner.open_error = None;
                }
                Err(err) => inner.open_error = Some(err),
            }
        }
        Ok(health::startup_report(path, inner.open_error.as_ref()))
    }

    /// Closes the database, runs `f` on its file (a restore replaces it), then opens it again.
    /// Whatever `f` did, the state afterwards reflects the file as it now is.
    pub fn replace_file<T>(
        &self,
        f: impl FnOnce(&Path) -> Result<T, Error>,
    ) -> Result<T, ApiError> {
        let path = self.path()?.to_path_buf();
        let mut inner = self.lock()?;
        inner.db = None; // closes the connection (checkpoints the WAL)
        let result = f(&path);
        match open(&path) {
            Ok(db) => {
                inner.db = Some(db);
                inner.open_error = None;
            }
            Err(err) => inner.open_error = Some(err),
        }
        result.map_err(ApiError::from)
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
