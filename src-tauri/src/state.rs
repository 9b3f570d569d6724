//! The one open database the commands share, or the reason it could not be opened.

use std::path::PathBuf;
use std::sync::Mutex;

use upskill_core::db::{self, Db};
use upskill_core::{ApiError, Error};

pub struct AppState {
    /// None when opening failed; `open_error` then says why, and every command returns it.
    db: Mutex<Option<Db>>,
    open_error: Option<ApiError>,
}

impl AppState {
    pub fn open(flag: Option<PathBuf>) -> AppState {
        let opened =
            db::resolve_path(flag, std::env::var(db::DB_ENV).ok()).and_then(|path| Db::open(&path));
        match opened {
            Ok(db) => AppState {
                db: Mutex::new(Some(db)),
                open_error: None,
            },
            Err(err) => AppState {
                db: Mutex::new(None),
                open_error: Some(ApiError::from(err)),
            },
        }
    }

    /// Runs `f` on the database; the lock serialises the commands' use of the connection.
    pub fn with<T>(&self, f: impl FnOnce(&mut Db) -> Result<T, Error>) -> Result<T, ApiError> {
        let mut guard = self
            .db
            .lock()
            .map_err(|_| ApiError::from(Error::Internal("a previous command panicked".into())))?;
        match guard.as_mut() {
            Some(db) => f(db).map_err(ApiError::from),
            None => Err(self.open_error.clone().unwrap_or_else(|| {
                ApiError::from(Error::Internal("the database is not open".into()))
            })),
        }
    }
}

/// The date the commands pass to the core: the shell reads the clock, the core never does.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}
