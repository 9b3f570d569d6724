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
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}", join_problems(.0))]
    Invalid(Vec<FieldProblem>),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("database migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("internal error: {0}")]
    Internal(String),
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

    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Invalid(_) => ErrorKind::Invalid,
            Error::NotFound(_) => ErrorKind::NotFound,
            Error::Conflict(_) => ErrorKind::Conflict,
            Error::Database(_) | Error::Migration(_) => ErrorKind::Database,
            Error::Io { .. } => ErrorKind::Io,
            Error::Internal(_) => ErrorKind::Internal,
        }
    }

    /// The per-field problems of an `Invalid` error; empty for every other kind.
    pub fn fields(&self) -> &[FieldProblem] {
        match self {
            Error::Invalid(problems) => problems,
            _ => &[],
        }
    }
}

/// The serialisable form of an [`Error`] that crosses IPC: `{kind, message, fields}`.
#[derive(Debug, Clone, Serialize, TS)]
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
