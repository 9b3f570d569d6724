//! The crate's one error type, and the stable kinds front ends branch on.
//!
//! Front ends never match on message text: they branch on [`ErrorKind`], and forms place
//! [`FieldProblem`]s next to the input named by `field`.

use serde::Serialize;
use ts_rs::TS;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// One problem with one input field. `field` is the input's key (e.g. `birth_year`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FieldProblem {
    pub field: String,
    pub message: String,
}

impl FieldProblem {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// What kind of failure an [`Error`] is: stable, serialised as snake_case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorKind {
    /// The input broke a rule; `fields` says which.
    Invalid,
    /// The named record does not exist.
    NotFound,
    /// The record already exists, or the change would break another record.
    Conflict,
    /// SQLite failed (locked, corrupt, full disk, ...).
    Database,
    /// Reading or writing a file failed.
    Io,
    /// A bug: a state the code promises cannot happen.
    Internal,
    /// The database file is damaged or is not a database: the front end offers to restore a
    /// backup ([`crate::backup::latest_good`]) or to quit. The file was left as it was.
    Damaged,
    /// Another program holds the database beyond the busy timeout. Nothing was changed.
    Locked,
    /// The database was made by a newer Upskill. It was left as it was.
    TooNew,
    /// The disk is full (or refused a write): the change was not made.
    DiskFull,
    /// The user stopped it (an import's Cancel); nothing was changed.
    Cancelled,
    /// A long write (an import, a restore) is running: this write was refused, not queued,
    /// and changed nothing. The message names what is running; try again when it has finished.
    Busy,
    /// This build cannot do it yet (e.g. switching to another database file while running).
    /// Nothing was changed.
    Unsupported,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}", join_problems(.0))]
    Invalid(Vec<FieldProblem>),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{}", describe_sqlite(.0))]
    Database(#[from] rusqlite::Error),
    #[error("database migration failed: {}", describe_migration(.0))]
    Migration(#[from] rusqlite_migration::Error),
    #[error("{path}: {}", describe_io(.source))]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("internal error: {0}")]
    Internal(String),
    /// The file at `path` is not a database, is truncated, or fails SQLite's checks.
    #[error("{path} is damaged or is not a database ({reason}). The file was left as it is: restore a backup, or choose another file")]
    Damaged { path: String, reason: String },
    /// Another program kept the database locked for longer than the busy timeout.
    #[error("{path} is in use by another program (another Upskill window or command?) and stayed locked for {}; nothing was changed. Close the other program and try again", describe_wait(*.waited_ms))]
    Locked { path: String, waited_ms: u64 },
    /// The database's schema is newer than this build's.
    #[error("{path} was made by a newer version of Upskill (schema {found}, this build knows up to {known}); it was not changed. Open it with the newer Upskill")]
    TooNew {
        path: String,
        found: i64,
        known: i64,
    },
    /// Stopped on request before anything was changed.
    #[error("{0}")]
    Cancelled(String),
    /// Another long write holds the database; the message says which (see [`ErrorKind::Busy`]).
    #[error("{0}")]
    Busy(String),
    /// Something this build cannot do yet; the message says what to do instead.
    #[error("{0}")]
    Unsupported(String),
    /// An import mapping file that cannot be used: one `MAP.toml:LINE: reason` per problem.
    /// Nothing was read or written.
    #[error("{}", .0.join("\n"))]
    Mapping(Vec<String>),
    /// A failure, with what was being done: `"{what}: {source}"`; its kind is the source's.
    #[error("{what}: {source}")]
    Context {
        what: String,
        #[source]
        source: Box<Error>,
    },
}

fn describe_wait(ms: u64) -> String {
    if ms >= 1000 {
        format!("{:.1} s", ms as f64 / 1000.0)
    } else {
        format!("{ms} ms")
    }
}

/// SQLite's failures in words a person can act on, by the one classification of
/// [`sqlite_kind`]; the raw message stays in parentheses.
fn describe_sqlite(e: &rusqlite::Error) -> String {
    match sqlite_kind(e) {
        ErrorKind::DiskFull if is_refused_write(e) => {
            format!("disk full or failing: the disk refused a write (no space left, or a file size limit), so the change was not made ({e})")
        }
        ErrorKind::DiskFull => {
            format!("disk full: there is no space left to write the database, so the change was not made ({e})")
        }
        ErrorKind::Locked => {
            format!("the database is in use by another program (another Upskill window or command?); nothing was changed, try again when it is done ({e})")
        }
        ErrorKind::Damaged => format!("the database file is damaged ({e}); restore a backup"),
        _ => format!("database error: {e}"),
    }
}

/// A write the disk refused: SQLite cannot tell a full disk from a file size limit or a
/// failing disk there, so it counts as full with its own wording.
fn is_refused_write(e: &rusqlite::Error) -> bool {
    e.sqlite_error()
        .is_some_and(|f| f.extended_code == rusqlite::ffi::SQLITE_IOERR_WRITE)
}

fn describe_migration(e: &rusqlite_migration::Error) -> String {
    match e {
        rusqlite_migration::Error::RusqliteError { err, .. } => describe_sqlite(err),
        other => other.to_string(),
    }
}

/// Whether an I/O error means the disk (or the process's file size limit) is full.
fn is_storage_full(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::FileTooLarge
    )
}

fn describe_io(e: &std::io::Error) -> String {
    if is_storage_full(e) {
        format!("disk full: no space left to write the file ({e})")
    } else {
        e.to_string()
    }
}

fn join_problems(problems: &[FieldProblem]) -> String {
    problems
        .iter()
        .map(|p| format!("{}: {}", p.field, p.message))
        .collect::<Vec<_>>()
        .join("; ")
}

impl Error {
    /// A single-field validation error.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Invalid(vec![FieldProblem::new(field, message)])
    }

    pub fn io(path: impl AsRef<std::path::Path>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.as_ref().display().to_string(),
            source,
        }
    }

    /// Wraps `self` with what was being done, keeping its kind.
    pub fn context(self, what: impl Into<String>) -> Self {
        Error::Context {
            what: what.into(),
            source: Box::new(self),
        }
    }

    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Invalid(_) => ErrorKind::Invalid,
            Error::NotFound(_) => ErrorKind::NotFound,
            Error::Conflict(_) => ErrorKind::Conflict,
            Error::Database(e) => sqlite_kind(e),
            Error::Migration(rusqlite_migration::Error::RusqliteError { err, .. }) => {
                sqlite_kind(err)
            }
            Error::Migration(_) => ErrorKind::Database,
            Error::Io { source, .. } if is_storage_full(source) => ErrorKind::DiskFull,
            Error::Io { .. } => ErrorKind::Io,
            Error::Internal(_) => ErrorKind::Internal,
            Error::Damaged { .. } => ErrorKind::Damaged,
            Error::Locked { .. } => ErrorKind::Locked,
            Error::TooNew { .. } => ErrorKind::TooNew,
            Error::Cancelled(_) => ErrorKind::Cancelled,
            Error::Busy(_) => ErrorKind::Busy,
            Error::Unsupported(_) => ErrorKind::Unsupported,
            Error::Mapping(_) => ErrorKind::Invalid,
            Error::Context { source, .. } => source.kind(),
        }
    }

    /// The error's cause chain for a log: each link's variant, with SQLite's code or the I/O
    /// error's kind, and never its message. Messages may quote the data (a name in a conflict,
    /// a value in a problem, a path under a home directory), and logs never hold personal data.
    pub fn trace_chain(&self) -> String {
        let mut out = String::new();
        let mut link = Some(self);
        while let Some(e) = link {
            if !out.is_empty() {
                out.push_str(" > ");
            }
            link = None;
            match e {
                Error::Invalid(problems) => {
                    let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
                    out.push_str(&format!("invalid({})", fields.join(",")));
                }
                Error::Database(db) => out.push_str(&format!("database({})", sqlite_code(db))),
                Error::Migration(rusqlite_migration::Error::RusqliteError { err, .. }) => {
                    out.push_str(&format!("migration({})", sqlite_code(err)));
                }
                Error::Migration(_) => out.push_str("migration"),
                Error::Io { source, .. } => out.push_str(&format!("io({:?})", source.kind())),
                Error::Context { source, .. } => {
                    out.push_str("context");
                    link = Some(source);
                }
                Error::TooNew { found, known, .. } => {
                    out.push_str(&format!("too_new(schema {found} > {known})"));
                }
                Error::Locked { waited_ms, .. } => {
                    out.push_str(&format!("locked(after {waited_ms} ms)"));
                }
                Error::Mapping(problems) => {
                    out.push_str(&format!("mapping({} problems)", problems.len()))
                }
                other => out.push_str(&format!("{:?}", other.kind()).to_lowercase()),
            }
        }
        out
    }

    /// The per-field problems of an `Invalid` error; empty for every other kind.
    pub fn fields(&self) -> &[FieldProblem] {
        match self {
            Error::Invalid(problems) => problems,
            Error::Context { source, .. } => source.fields(),
            _ => &[],
        }
    }
}

/// SQLite's extended result code name (e.g. `SQLITE_BUSY`), or the rusqlite variant.
fn sqlite_code(e: &rusqlite::Error) -> String {
    match e.sqlite_error() {
        Some(f) => format!("{:?}/{}", f.code, f.extended_code),
        None => match e {
            rusqlite::Error::QueryReturnedNoRows => "no rows".into(),
            _ => "rusqlite".into(),
        },
    }
}

/// The one classification of SQLite's errors: [`Error::kind`] and the messages both use it.
fn sqlite_kind(e: &rusqlite::Error) -> ErrorKind {
    use rusqlite::ErrorCode;
    match e.sqlite_error() {
        Some(f) if f.code == ErrorCode::DiskFull => ErrorKind::DiskFull,
        Some(_) if is_refused_write(e) => ErrorKind::DiskFull,
        Some(f) if matches!(f.code, ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            ErrorKind::Locked
        }
        Some(f) if matches!(f.code, ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => {
            ErrorKind::Damaged
        }
        _ => ErrorKind::Database,
    }
}

/// The serialisable form of an [`Error`] that crosses IPC: `{kind, message, fields}`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ApiError {
    pub kind: ErrorKind,
    pub message: String,
    pub fields: Vec<FieldProblem>,
}

impl From<&Error> for ApiError {
    fn from(e: &Error) -> Self {
        ApiError {
            kind: e.kind(),
            message: e.to_string(),
            fields: e.fields().to_vec(),
        }
    }
}

impl From<Error> for ApiError {
    fn from(e: Error) -> Self {
        ApiError::from(&e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A log line carries the chain's shape, never what the messages quote.
    #[test]
    fn trace_chain_leaves_out_the_messages() {
        let e = Error::invalid(
            "full_name",
            "'Ada Lovelace' is already taken by ada@example.com",
        )
        .context("importing /home/ada/people.csv");
        let chain = e.trace_chain();
        assert_eq!(chain, "context > invalid(full_name)");
        let io = Error::io(
            "/home/ada/x.csv",
            std::io::Error::from(std::io::ErrorKind::NotFound),
        );
        assert_eq!(io.trace_chain(), "io(NotFound)");
        assert_eq!(
            Error::Busy("the import of ada.csv".into()).trace_chain(),
            "busy"
        );
        assert_eq!(Error::Busy(String::new()).kind(), ErrorKind::Busy);
    }
}
