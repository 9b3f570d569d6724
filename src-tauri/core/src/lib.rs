//! upskill-core: the whole of Upskill's domain, without Tauri, UI or clap.
//!
//! The desktop shell and the `upskill` CLI are thin front ends over these modules:
//! - [`audit`] owns the audit trail: an entry per change, in the change's transaction, hash-chained.
//! - [`db`] owns the database file: opening, per-connection pragmas, migrations, transactions.
//! - [`domain`] owns the records (employees, programs, completions) and their validation.
//! - [`employees`], [`programs`], [`completions`] are the query modules, one per table.
//! - [`stats`] answers the record's counts and the integrity check.
//! - [`health`] checks a database file before it is opened (damaged, locked, too new, risky
//!   place); [`backup`] makes verified backups, the automatic ones before upgrades, and restores.
//! - [`import`] reads CSV files of employees, programs and completions into the record, as
//!   Upskill writes them or as HR systems and LMSs export them; [`mappings`] keeps the
//!   mapping files saved by name.
//! - [`report`] answers coverage, gaps and the dashboard, and lists the people behind a figure
//!   ([`report::people`]); [`reach`] is the aggregate it reads.
//! - [`people_search`] finds an employee from typed text (the person picker).
//! - [`requirements`], [`exemptions`] keep required training; [`compliance`] answers who
//!   stands where on it (one status computation for every face).
//! - [`targets`] keeps coverage and divide targets; [`report::targets_report`] says where each
//!   stands (run rate, forecast, status); [`report::trend`] is coverage at every period's end.
//!
//! - [`leadership`] is the leadership report's PDF (drawn by `pdf`); [`pack`] the team
//!   leads' packs; [`evidence`] the AI-literacy evidence pack.
//!
//! Functions that depend on the date take `today` as an argument; nothing here reads the clock.

mod atomic_file;
pub mod audit;
pub mod backup;
pub mod completions;
pub mod compliance;
pub mod db;
pub mod delimiter;
pub mod demo;
pub mod documents;
pub mod domain;
pub mod employees;
pub mod error;
pub mod evidence;
pub mod exemptions;
pub mod export;
pub mod generator;
pub mod health;
pub mod import;
pub mod leadership;
pub mod mappings;
pub mod names;
pub mod pack;
pub(crate) mod pdf;
pub mod people_search;
pub mod programs;
pub mod reach;
pub mod report;
pub mod requirements;
pub mod rng;
pub mod stats;
pub mod targets;
#[cfg(test)]
pub(crate) mod testing;

pub use error::{ApiError, Error, ErrorKind, FieldProblem, Result};

/// The short git commit this build was made from ("unknown" outside a git checkout); set by
/// build.rs. The CLI and the desktop app are one workspace version, so this names both.
pub const BUILD_COMMIT: &str = env!("UPSKILL_GIT_COMMIT");

/// `upskill --version`'s text after the program name: the workspace version and the commit.
pub const VERSION_LINE: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("UPSKILL_GIT_COMMIT"),
    ")"
);
