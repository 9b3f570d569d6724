//! The app's log, a file a user can send: one line per command (its name, duration and
//! outcome; an error's kind and cause chain) in a daily file in the OS log directory, the last
//! 14 days kept. Lines hold command names, kinds, counts and durations, never the record's data
//! (no names, e-mails or birth years), which is why errors are logged by their chain of kinds
//! ([`upskill_core::Error::trace_chain`]) and not by their messages.

use std::path::{Path, PathBuf};

use tracing_appender::rolling::{RollingFileAppender, Rotation};

/// Overrides the log directory (tests read the log an import wrote).
pub const LOG_DIR_ENV: &str = "UPSKILL_LOG_DIR";
/// Log files are `upskill.YYYY-MM-DD.log`.
const PREFIX: &str = "upskill";
const KEEP_DAYS: usize = 14;

/// The log directory: `$UPSKILL_LOG_DIR` if set, else the one Tauri names for the app.
pub fn dir(app_log_dir: Option<PathBuf>) -> Option<PathBuf> {
    std::env::var_os(LOG_DIR_ENV)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or(app_log_dir)
}

/// A subscriber writing info and above to a daily file in `dir`.
pub fn subscriber(dir: &Path) -> Result<impl tracing::Subscriber + Send + Sync, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let file = RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix(PREFIX)
        .filename_suffix("log")
        .max_log_files(KEEP_DAYS)
        .build(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?;
    Ok(tracing_subscriber::fmt()
        .with_writer(file)
        .with_ansi(false)
        .with_target(false)
        .with_max_level(tracing::Level::INFO)
        .finish())
}

/// Sends the app's log lines to `dir` for the rest of the run.
pub fn init(dir: &Path) -> Result<(), String> {
    tracing::subscriber::set_global_default(subscriber(dir)?).map_err(|e| e.to_string())
}
