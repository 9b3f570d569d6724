//! Switching the window to another database file (Open / New / recent files).
//!
//! The app state opens one database, at start-up, for the life of the process: until it can
//! reopen at another path, these commands answer `unsupported` with what to do instead, so the
//! front end's buttons and their error path are real and only the switch itself is missing.

use upskill_core::{ApiError, Error};

fn not_yet(what: &str) -> ApiError {
    ApiError::from(Error::Unsupported(format!(
        "{what} from inside the app is not available in this version. Quit Upskill and start it \
         with `--db FILE` (or UPSKILL_DB=FILE) to use another database file."
    )))
}

/// Opens the database at `path` in this window.
#[tauri::command(rename_all = "snake_case")]
pub async fn open_database(path: String) -> Result<(), ApiError> {
    // The path is taken now so the front end's call is final; it is used once AppState can reopen.
    let _ = path;
    Err(not_yet("Opening another database"))
}

/// Creates a new, empty database at `path` and opens it in this window.
#[tauri::command(rename_all = "snake_case")]
pub async fn new_database(path: String) -> Result<(), ApiError> {
    let _ = path;
    Err(not_yet("Creating a new database"))
}

/// The database files opened lately, most recent first (none are recorded yet).
#[tauri::command(rename_all = "snake_case")]
pub async fn recent_databases() -> Result<Vec<String>, ApiError> {
    Ok(Vec::new())
}
